/**
 * The screens are built for production whoever builds them. In a test run
 * the build is made by the runner's global setup, under NODE_ENV=test, and
 * that build is what `npm start` and the benchmarks serve afterwards: React's
 * development build and the JSX transform's development output (twice the
 * viewer room's weight over the wire) must not be in it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WEB_DIR } from '../../server/http/web-pages.ts';

describe.skipIf(process.env.FRONTROW_SKIP_WEB_BUILD === '1')('the built screens', () => {
  it('hold the production build of React, even built under the test runner', () => {
    const assets = join(WEB_DIR, 'assets');
    const scripts = readdirSync(assets).filter((f) => f.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(3);
    for (const file of scripts) {
      const text = readFileSync(join(assets, file), 'utf8');
      // A development-only warning of React's, and the development JSX runtime's entry point.
      expect(text.includes('unique "key" prop'), file).toBe(false);
      expect(text.includes('jsxDEV'), file).toBe(false);
    }
  });
});
