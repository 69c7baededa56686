/**
 * A drand HTTP relay on 127.0.0.1 serving a test chain of its own: a fresh
 * BLS key, signing each round as drand's quicknet does (bls-unchained-g1-rfc9380).
 * A round is served only once its time has come by the relay's clock (the
 * test's clock), so "nobody knows the round before it is emitted" holds here
 * as it does on the real network. Tests never reach the real one.
 */
import { createServer, type Server } from 'node:http';
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { DRAND_DST, DRAND_SCHEME, chainHashOf, roundAt, roundMessage, type DrandChain, type DrandRound } from '../../shared/drand.ts';
import { hex } from '../../shared/hex.ts';

export interface FakeDrand {
  url: string;
  chain: DrandChain;
  /** The round as the chain signs it, whatever the clock says (what a test computes with). */
  sign(round: number): DrandRound;
  /** Rounds asked for, in order (e.g. to show one was asked before it existed). */
  requests: Array<{ round: number; servedAt: number; served: boolean }>;
  /** Serve this instead of the true round (a lying relay). */
  tamper: ((r: DrandRound) => DrandRound) | null;
  close(): Promise<void>;
}

export async function startFakeDrand(now: () => number, options: { period?: number; genesisTime?: number } = {}): Promise<FakeDrand> {
  const bls = bls12_381.shortSignatures;
  const secretKey = bls12_381.utils.randomSecretKey();
  const period = options.period ?? 3;
  const info = {
    publicKey: hex(bls.getPublicKey(secretKey).toBytes()),
    period,
    genesisTime: options.genesisTime ?? Math.floor(now() / 1000) - 3600,
    groupHash: hex(crypto.getRandomValues(new Uint8Array(32))),
    schemeId: DRAND_SCHEME,
    beaconId: 'frontrow-test',
  };
  const chain: DrandChain = { ...info, hash: chainHashOf(info) };
  const sign = (round: number): DrandRound => {
    const signature = hex(bls.sign(bls.hash(roundMessage(round), DRAND_DST), secretKey).toBytes());
    return { round, signature, randomness: hex(sha256(Buffer.from(signature, 'hex'))) };
  };
  const relay: FakeDrand = { url: '', chain, sign, requests: [], tamper: null, close: async () => {} };

  const server: Server = createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const path = (req.url ?? '').split('?')[0]!;
    if (path === `/${chain.hash}/info`) {
      return send(200, {
        public_key: chain.publicKey,
        period: chain.period,
        genesis_time: chain.genesisTime,
        hash: chain.hash,
        groupHash: chain.groupHash,
        schemeID: chain.schemeId,
        metadata: { beaconID: chain.beaconId },
      });
    }
    const asked = new RegExp(`^/${chain.hash}/public/(\\d+|latest)$`).exec(path);
    if (!asked) return send(404, { error: 'not found' });
    const current = roundAt(chain, now());
    const round = asked[1] === 'latest' ? current : Number(asked[1]);
    const served = round <= current;
    relay.requests.push({ round, servedAt: now(), served });
    // drand answers a round from the future with 425 Too Early.
    if (!served) return send(425, { error: 'round is in the future' });
    const r = sign(round);
    send(200, relay.tamper ? relay.tamper(r) : r);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  relay.url = `http://127.0.0.1:${port}`;
  relay.close = () => new Promise((resolve) => server.close(() => resolve()));
  return relay;
}

/** The server environment that draws with this relay's chain. */
export function drandEnv(relay: FakeDrand): Record<string, string> {
  return { LOTTERY_BEACON: 'drand', LOTTERY_DRAND_URLS: relay.url, LOTTERY_DRAND_CHAIN: relay.chain.hash };
}
