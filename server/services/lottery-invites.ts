/**
 * Invite-to-win's counting (issue 14): the friends each entrant brought who
 * counted as a paid referral while the lottery was open — the ledger's
 * `share` entries (key `referral:<friend>`, paid once per friend ever and
 * only past the referral rules' network check and caps), from the
 * lottery's creation to its freeze (inclusive). Read from the store, newest first, a
 * page at a time back to the creation; in Redis mode the outbox is flushed
 * first so no referral paid a moment ago is missing.
 */
import { LedgerReason } from '../../shared/models.ts';
import type { Engine } from '../engine/engine.ts';
import type { Store } from '../store/store.ts';

const PAGE = 200;
const REFERRAL_KEY = 'referral:';

export class LotteryInvites {
  constructor(
    private readonly engine: Engine,
    private readonly store: Store,
  ) {}

  async friendsOf(entrants: string[], from: number, until: number): Promise<Record<string, string[]>> {
    await this.engine.flush();
    const out: Record<string, string[]> = {};
    for (const memberId of entrants) {
      const friends = await this.paidReferrals(memberId, from, until);
      if (friends.length > 0) out[memberId] = friends;
    }
    return out;
  }

  private async paidReferrals(memberId: string, from: number, until: number): Promise<string[]> {
    const friends: string[] = [];
    let before: string | undefined;
    for (;;) {
      const page = await this.store.ledgerPage(memberId, PAGE, before);
      for (const e of page.entries) {
        if (e.reason === LedgerReason.share && e.key.startsWith(REFERRAL_KEY) && e.at >= from && e.at <= until) friends.push(e.key.slice(REFERRAL_KEY.length));
      }
      const oldest = page.entries.at(-1);
      if (!page.next || !oldest || oldest.at < from) return friends;
      before = page.next;
    }
  }
}
