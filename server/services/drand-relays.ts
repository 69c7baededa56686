/**
 * drand rounds from public HTTP relays, trusted only after checking: the
 * chain's info must hash to the configured chain hash, and every round must
 * carry that chain's BLS signature (shared/drand.ts). A relay is a courier,
 * not an authority — one that lies, errs or is slow is skipped for the next.
 * Relay answers are outside input, so they are parsed with zod first.
 */
import { z } from 'zod';
import { QUICKNET, chainProblem, verifyRound, type DrandChain, type DrandRound } from '../../shared/drand.ts';

/** Where a draw's randomness comes from; the service asks for a round once it is due. */
export interface RandomnessBeacon {
  /** The chain, checked against the configured hash (fetched once, then kept). */
  chain(): Promise<DrandChain>;
  /** The round, verified; null while no relay has it yet. Throws when no relay gave a usable answer. */
  round(n: number): Promise<DrandRound | null>;
}

const REQUEST_TIMEOUT_MS = 3000;

const InfoBody = z.object({
  public_key: z.string(),
  period: z.number().int().positive(),
  genesis_time: z.number().int(),
  hash: z.string(),
  groupHash: z.string(),
  schemeID: z.string(),
  metadata: z.object({ beaconID: z.string() }).partial().optional(),
});

const RoundBody = z.object({ round: z.number().int().positive(), randomness: z.string(), signature: z.string() });

export class DrandRelays implements RandomnessBeacon {
  private known: DrandChain | null;

  constructor(
    private readonly relays: string[],
    private readonly chainHash: string,
  ) {
    // quicknet's info is public and fixed: nothing to fetch, nothing a relay could substitute.
    this.known = chainHash === QUICKNET.hash ? QUICKNET : null;
  }

  async chain(): Promise<DrandChain> {
    if (this.known) return this.known;
    const problems: string[] = [];
    for (const relay of this.relays) {
      try {
        const body = InfoBody.parse(await this.get(`${relay}/${this.chainHash}/info`));
        const chain: DrandChain = {
          hash: body.hash,
          publicKey: body.public_key,
          period: body.period,
          genesisTime: body.genesis_time,
          groupHash: body.groupHash,
          schemeId: body.schemeID,
          beaconId: body.metadata?.beaconID ?? 'default',
        };
        const problem = chainProblem(chain) ?? (chain.hash === this.chainHash ? null : `the relay served chain ${chain.hash}`);
        if (problem) throw new Error(problem);
        this.known = chain;
        return chain;
      } catch (err) {
        problems.push(`${relay}: ${describe(err)}`);
      }
    }
    throw new Error(`no drand relay gave chain ${this.chainHash.slice(0, 12)}…'s info (${problems.join('; ')})`);
  }

  async round(n: number): Promise<DrandRound | null> {
    const chain = await this.chain();
    const problems: string[] = [];
    let tooEarly = false;
    for (const relay of this.relays) {
      try {
        const body = await this.get(`${relay}/${chain.hash}/public/${n}`);
        if (body === null) {
          tooEarly = true;
          continue;
        }
        const round = RoundBody.parse(body);
        const problem = round.round !== n ? `the relay answered round ${round.round}` : verifyRound(chain, round);
        if (problem) throw new Error(problem);
        return round;
      } catch (err) {
        problems.push(`${relay}: ${describe(err)}`);
      }
    }
    if (tooEarly) return null;
    throw new Error(`no drand relay gave round ${n} (${problems.join('; ')})`);
  }

  /** The JSON body; null for drand's "not yet" (404 or 425 Too Early). */
  private async get(url: string): Promise<unknown> {
    const res = await fetch(url, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS), headers: { accept: 'application/json' } });
    if (res.status === 404 || res.status === 425) return null;
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return res.json();
  }
}

function describe(err: unknown): string {
  if (err instanceof z.ZodError) return `unexpected answer (${err.issues[0]?.path.join('.') ?? ''}: ${err.issues[0]?.message ?? ''})`;
  return err instanceof Error ? err.message : String(err);
}
