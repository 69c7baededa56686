/**
 * Which browser origins may call the API and open sockets
 * (server/origin-policy.ts), and the ALLOWED_ORIGINS setting that widens it.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.ts';
import { createOriginPolicy, parseAllowedOrigins } from '../../server/origin-policy.ts';

describe('the origin policy', () => {
  const policy = createOriginPolicy({ publicUrl: 'https://live.shop.example/', allowedOrigins: ['https://shop.example'] });

  it('lets in requests without Origin, the same site (any scheme, same host and port), PUBLIC_URL and the listed origins', () => {
    expect(policy.allows(undefined, 'frontrow.internal:3000')).toBe(true);
    expect(policy.allows('http://frontrow.internal:3000', 'frontrow.internal:3000')).toBe(true);
    expect(policy.allows('https://FrontRow.internal:3000', 'frontrow.internal:3000')).toBe(true); // a TLS proxy in front
    expect(policy.allows('https://live.shop.example', 'frontrow.internal:3000')).toBe(true);
    expect(policy.allows('https://shop.example', 'frontrow.internal:3000')).toBe(true);
  });

  it('refuses other sites, other ports of the same host, opaque origins and junk', () => {
    expect(policy.allows('http://evil.example', 'frontrow.internal:3000')).toBe(false);
    expect(policy.allows('http://frontrow.internal:4000', 'frontrow.internal:3000')).toBe(false);
    expect(policy.allows('http://frontrow.internal', 'frontrow.internal:3000')).toBe(false);
    expect(policy.allows('null', 'frontrow.internal:3000')).toBe(false);
    expect(policy.allows('file://', 'frontrow.internal:3000')).toBe(false);
    expect(policy.allows('not a url', 'frontrow.internal:3000')).toBe(false);
    expect(policy.allows('http://frontrow.internal:3000', undefined)).toBe(false);
    expect(policy.allows('https://shop.example.evil.example', 'frontrow.internal:3000')).toBe(false);
  });

  it('gives CORS headers to listed origins only (the same site needs none)', () => {
    expect(policy.listed('https://shop.example')).toBe(true);
    expect(policy.listed('https://live.shop.example')).toBe(false);
    expect(policy.listed(undefined)).toBe(false);
  });
});

describe('ALLOWED_ORIGINS', () => {
  it('is a comma list of origins, kept canonical', () => {
    expect(parseAllowedOrigins('')).toEqual([]);
    expect(parseAllowedOrigins(' https://Shop.example/ , http://studio.example:8080 ')).toEqual(['https://shop.example', 'http://studio.example:8080']);
    expect(loadConfig({ ALLOWED_ORIGINS: 'https://shop.example' }).allowedOrigins).toEqual(['https://shop.example']);
  });

  it('refuses paths, other schemes and non-URLs with one message naming the variable', () => {
    for (const bad of ['https://shop.example/path', 'ftp://shop.example', 'shop.example', '*', 'https://user:pw@shop.example']) {
      expect(() => loadConfig({ ALLOWED_ORIGINS: bad }), bad).toThrow(ConfigError);
      expect(() => loadConfig({ ALLOWED_ORIGINS: bad }), bad).toThrow(/ALLOWED_ORIGINS/);
    }
  });
});
