/**
 * Layers point one way (docs: ARCHITECTURE.md, issue 7): the edges (http,
 * realtime) call services only; the engine and the store do not know each
 * other, except that an engine may name the sink types it writes through;
 * domain rules depend on nothing but other rules and shared/. Reads every
 * import of every server file (static, re-export and dynamic) with the
 * TypeScript parser, so a comment or a string never counts as an import.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

interface Import {
  /** Importing file, relative to the repository root. */
  from: string;
  /** Repository-relative path of a relative import; the specifier itself for a package. */
  to: string;
  typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const path = `${dir}/${e.name}`;
    if (e.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(e.name) ? [path] : [];
  });
}

function importsOf(file: string): Import[] {
  const source = ts.createSourceFile(file, readFileSync(join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, false);
  const found: Import[] = [];
  const add = (specifier: ts.Expression | undefined, typeOnly: boolean) => {
    if (!specifier || !ts.isStringLiteralLike(specifier)) return;
    const to = specifier.text.startsWith('.') ? relative(ROOT, resolve(ROOT, dirname(file), specifier.text)) : specifier.text;
    found.push({ from: file, to, typeOnly });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : null;
      const everyNameIsType = !clause?.name && named !== null && named.length > 0 && named.every((e) => e.isTypeOnly);
      add(node.moduleSpecifier, Boolean(clause?.isTypeOnly) || everyNameIsType);
    } else if (ts.isExportDeclaration(node)) {
      add(node.moduleSpecifier, node.isTypeOnly);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      add(node.arguments[0], false);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node.argument.literal as ts.Expression, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const under = (path: string, ...folders: string[]) => folders.some((f) => path === f || path.startsWith(`${f}/`));

/** Each rule: which importing files it covers, and why an import breaks it (null: allowed). */
const RULES: { name: string; covers: (file: string) => boolean; breaks: (i: Import) => string | null }[] = [
  {
    name: 'edges (http, realtime) call services only',
    covers: (f) => under(f, 'server/http', 'server/realtime'),
    breaks: (i) => (under(i.to, 'server/engine', 'server/store', 'server/sqlite') ? 'an edge reaches storage' : null),
  },
  {
    name: 'services do not know the edges',
    covers: (f) => under(f, 'server/services'),
    breaks: (i) => (under(i.to, 'server/http', 'server/realtime') ? 'a service imports an edge' : null),
  },
  {
    name: 'the store does not know the engine',
    covers: (f) => under(f, 'server/store'),
    breaks: (i) => (under(i.to, 'server/engine') ? 'the store imports the engine' : null),
  },
  {
    name: 'the engine knows only the sink types of the store',
    covers: (f) => under(f, 'server/engine'),
    breaks: (i) => {
      if (!under(i.to, 'server/store')) return null;
      if (i.to === 'server/store/sinks.ts' && i.typeOnly) return null;
      return 'the engine imports the store (only `import type` from server/store/sinks.ts is allowed)';
    },
  },
  {
    name: 'domain rules depend on domain and shared only',
    covers: (f) => under(f, 'server/domain'),
    breaks: (i) => (under(i.to, 'server/domain', 'shared') ? null : 'a domain rule imports something other than domain/ or shared/'),
  },
];

function violations(imports: Import[]): string[] {
  return RULES.flatMap((rule) =>
    imports.filter((i) => rule.covers(i.from)).flatMap((i) => {
      const why = rule.breaks(i);
      return why ? [`${i.from} -> ${i.to}: ${why}`] : [];
    }),
  );
}

describe('one-way layers', () => {
  const imports = sourceFiles('server').flatMap(importsOf);

  it('sees the imports it checks (the composition root imports both engines and stores)', () => {
    const ofApp = imports.filter((i) => i.from === 'server/app.ts').map((i) => i.to);
    expect(ofApp).toEqual(expect.arrayContaining(['server/engine/sqlite/sqlite-engine.ts', 'server/store/sqlite-store.ts']));
    expect(imports.some((i) => i.from === 'server/engine/redis/redis-outbox.ts' && i.to === 'server/store/sinks.ts' && i.typeOnly)).toBe(true);
  });

  it('finds a violation of each rule when there is one', () => {
    const planted: Import[] = [
      { from: 'server/http/routes/x.ts', to: 'server/store/store.ts', typeOnly: true },
      { from: 'server/realtime/x.ts', to: 'server/engine/engine.ts', typeOnly: true },
      { from: 'server/services/x.ts', to: 'server/realtime/realtime.ts', typeOnly: false },
      { from: 'server/store/x.ts', to: 'server/engine/engine-errors.ts', typeOnly: false },
      { from: 'server/engine/x.ts', to: 'server/store/sinks.ts', typeOnly: false },
      { from: 'server/engine/x.ts', to: 'server/store/store.ts', typeOnly: true },
      { from: 'server/domain/x.ts', to: 'server/errors.ts', typeOnly: false },
      { from: 'server/domain/x.ts', to: 'node:crypto', typeOnly: false },
    ];
    expect(violations(planted)).toHaveLength(planted.length);
  });

  it('holds for every server file', () => {
    expect(violations(imports)).toEqual([]);
  });
});
