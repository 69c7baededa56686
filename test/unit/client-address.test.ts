import { describe, expect, it } from 'vitest';
import { clientAddress, compileTrustProxy } from '../../server/client-address.ts';
import { ConfigError, loadConfig } from '../../server/config.ts';

describe('client address (TRUST_PROXY)', () => {
  it('ignores X-Forwarded-For by default: a client cannot name its own address', () => {
    const trust = compileTrustProxy(undefined);
    expect(clientAddress('203.0.113.9', '198.51.100.1', trust)).toBe('203.0.113.9');
    expect(clientAddress('::ffff:127.0.0.1', '198.51.100.1', compileTrustProxy('false'))).toBe('127.0.0.1');
  });

  it('takes the forwarded client from a trusted proxy only', () => {
    const loopback = compileTrustProxy('loopback');
    expect(clientAddress('127.0.0.1', '198.51.100.1', loopback)).toBe('198.51.100.1');
    expect(clientAddress('203.0.113.9', '198.51.100.1', loopback)).toBe('203.0.113.9');
    // The rightmost untrusted hop wins: a client cannot prepend a fake address.
    expect(clientAddress('127.0.0.1', '10.9.9.9, 198.51.100.1', loopback)).toBe('198.51.100.1');
  });

  it('counts hops and reads address lists', () => {
    expect(clientAddress('10.0.0.2', '198.51.100.7, 10.0.0.1', compileTrustProxy('2'))).toBe('198.51.100.7');
    expect(clientAddress('10.0.0.2', '198.51.100.7', compileTrustProxy('10.0.0.0/8'))).toBe('198.51.100.7');
  });

  it('refuses a setting it cannot read, naming the variable', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'not an address' })).toThrow(ConfigError);
    expect(() => loadConfig({ TRUST_PROXY: 'not an address' })).toThrow(/TRUST_PROXY/);
  });
});
