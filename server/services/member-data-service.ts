/**
 * Member data rights (issue 9): a member can take everything the server holds
 * about them (`GET /api/me/export`) and have their personal data erased
 * (`DELETE /api/me`).
 *
 * Erasure removes the person, not the bookkeeping: the store deletes the
 * member record (handle, display name, password hash, shop customer id,
 * creation address), their comments, mutes, ban and seen addresses; ledger
 * entries, claims, lottery entries and orders stay under the bare random id,
 * so balances, ledger sums, stock counts and published lottery proofs (which
 * name members by that id) stay exactly as they were. The member's tokens
 * are refused afterwards because the id is unknown (AuthService.principalOf).
 *
 * Confirmation is a fresh sign-in through AuthService, with its throttles and
 * bounded hashing: the password for accounts that have one, a fresh shop
 * assertion for accounts made by the shop.
 */
import type { LedgerEntry, Member, MemberState } from '../../shared/models.ts';
import type { WatchState } from '../domain/watch.ts';
import type { ChatHistory } from '../engine/chat-history.ts';
import type { Engine } from '../engine/engine.ts';
import { refused, unauthenticated } from '../errors.ts';
import type { MemberHoldings, Store } from '../store/store.ts';
import { publicMember, type AuthService } from './auth-service.ts';
import type { Clock } from './clock.ts';
import type { PointsService } from './points-service.ts';
import type { Redemption } from '../../shared/rewards.ts';
import type { Birthday } from '../domain/birthday.ts';
import type { MemberBadge } from '../../shared/achievements.ts';
import type { RewardsEngine } from '../engine/rewards-engine.ts';

export const MEMBER_EXPORT_FORMAT = 'frontrow-member-export-v1';

export interface MemberExport extends MemberHoldings {
  format: typeof MEMBER_EXPORT_FORMAT;
  exportedAt: number;
  /** The record as stored, without the password hash (whether there is one is said). */
  member: Member & { createdFrom: string | null; hasPassword: boolean };
  /** Balance, tier, Super Fan status and today's check-in, as GET /api/me shows them. */
  state: Omit<MemberState, 'member'>;
  /** Every ledger entry, newest first. */
  ledger: LedgerEntry[];
  /** Per show the member joined: credited watch time, chests, who referred them there. */
  watch: Array<{ streamId: string; title: string } & WatchState>;
  /** Rewards redeemed (issue 13), newest first, with their codes. */
  redemptions: Redemption[];
  /** The birthday given for the yearly gift, or null. */
  birthday: Birthday | null;
  /** Badges unlocked (issue 14), oldest first. */
  badges: MemberBadge[];
}

/** How a member confirms the deletion: whichever way their account signs in. */
export interface ErasureConfirmation {
  password?: string;
  assertion?: string;
}

const LEDGER_PAGE = 200;

export class MemberDataService {
  constructor(
    private readonly store: Store,
    private readonly engine: Engine,
    private readonly points: PointsService,
    private readonly auth: AuthService,
    private readonly clock: Clock,
    /** The shows' chat histories for joiners hold comments with the member's name: theirs leave too. */
    private readonly chat: ChatHistory,
    private readonly rewards: RewardsEngine,
  ) {}

  async export(memberId: string): Promise<MemberExport> {
    const record = await this.store.memberById(memberId);
    if (!record) throw unauthenticated('member no longer exists');
    const [{ member: _shown, ...state }, ledger, holdings, watch, redemptions, birthday, badges] = await Promise.all([
      this.points.memberState(memberId),
      this.wholeLedger(memberId),
      this.store.memberHoldings(memberId),
      this.watchByShow(memberId),
      this.rewards.redemptionsOfMember(memberId, 100_000),
      this.store.birthdayOf(memberId),
      this.store.badgesOf(memberId),
    ]);
    return {
      format: MEMBER_EXPORT_FORMAT,
      exportedAt: this.clock(),
      member: { ...publicMember(record), createdFrom: record.createdFrom, hasPassword: record.passwordHash !== null },
      state,
      ledger,
      watch,
      redemptions,
      birthday,
      badges,
      ...holdings,
    };
  }

  /**
   * Checks the confirmation by signing in again (throttled like any sign-in;
   * a wrong password is UNAUTHENTICATED), then erases. `address` is the
   * client's, for the throttles.
   */
  async erase(memberId: string, confirm: ErasureConfirmation, address: string): Promise<void> {
    const record = await this.store.memberById(memberId);
    if (!record) throw unauthenticated('member no longer exists');
    if (record.passwordHash !== null && record.handle !== null) {
      if (confirm.password === undefined) throw refused('member.confirmWithPassword', 'password');
      const { member } = await this.auth.login({ handle: record.handle, password: confirm.password }, address);
      if (member.id !== memberId) throw unauthenticated('wrong handle or password');
    } else {
      if (confirm.assertion === undefined) throw refused('member.confirmWithShop', 'assertion');
      const { member } = await this.auth.exchange(confirm.assertion, address);
      if (member.id !== memberId) throw refused('member.otherCustomer', 'assertion');
    }
    // Every session ends first (tokens refused, open sockets cut on every process), so nothing keeps earning under the id.
    await this.auth.logoutAll(memberId);
    // Before the store forgets which comments were theirs (a history only ever holds comments the store still keeps).
    const { comments } = await this.store.memberHoldings(memberId);
    await Promise.all(comments.map((c) => this.chat.remove(c.streamId, c.id)));
    await this.store.eraseMember(memberId);
  }

  private async wholeLedger(memberId: string): Promise<LedgerEntry[]> {
    const entries: LedgerEntry[] = [];
    let before: string | undefined;
    do {
      const page = await this.store.ledgerPage(memberId, LEDGER_PAGE, before);
      entries.push(...page.entries);
      before = page.next;
    } while (before !== undefined);
    return entries;
  }

  /** The engine keeps watch state per (show, member): ask it for every show. */
  private async watchByShow(memberId: string): Promise<MemberExport['watch']> {
    const streams = await this.store.listStreams();
    const states = await Promise.all(streams.map((s) => this.engine.watchState(s.id, memberId)));
    return streams.flatMap((s, i) => (states[i] ? [{ streamId: s.id, title: s.title, ...states[i] }] : []));
  }
}
