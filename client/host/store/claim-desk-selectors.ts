/** Selectors of the seller's claim lists (claim-desk-slice.ts). */
import type { HostState } from './index.ts';

export const selectDropClaims = (dropId: string) => (s: HostState) => s.claimDesk[dropId];
export const selectClaimBusy = (claimId: string) => (s: HostState) => s.claimBusy[claimId] === true;
