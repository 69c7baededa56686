/** The fixture type and helpers shared by the halves of the PerksEngine contract (perks-engine-contract.ts). */
import { expect } from 'vitest';
import type { Engine } from '../../server/engine/engine.ts';
import type { PerksEngine } from '../../server/engine/perks-engine.ts';
import { AppError } from '../../server/errors.ts';
import type { LedgerEntry } from '../../shared/models.ts';
import type { Claim, LotteryEntry } from '../../shared/perks.ts';

export interface PerksFixture {
  perks: PerksEngine;
  /** The live engine on the same storage, to award points for paid entries. */
  engine: Engine;
  /** What reached the durable sink (read after `perks.flush()`). */
  sink: { claims(): Promise<Claim[]>; lotteryEntries(): Promise<LotteryEntry[]>; ledger(): Promise<LedgerEntry[]> };
  cleanup(): Promise<void>;
}

/** The fixture of the running test (the halves read it inside their tests). */
export type CurrentFixture = () => PerksFixture;



export const byId = <T extends { id: string }>(xs: T[]) => [...xs].sort((a, b) => a.id.localeCompare(b.id));

export { rejection, T0 } from './contract-support.ts';
