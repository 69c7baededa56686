/**
 * The dashboard checks forms with the shared zod schemas. Zod compiles faster
 * parsers with `new Function` when it may, and probes for that once; under the
 * screens' CSP (no 'unsafe-eval', server/http/security-headers.ts) the probe
 * is refused and reported as a violation. Jitless parsing needs no eval and
 * never probes. Imported first by main.tsx, before any schema parses.
 */
import { config } from 'zod';

config({ jitless: true });
