/**
 * The shapes of the dashboard's store (store/index.ts), slice by slice. Each
 * slice owns its fields and actions; server-pushed state changes only
 * through the pure reducers.
 */
import type * as events from '../../../shared/events.ts';
import type { Stream } from '../../../shared/models.ts';
import type { Drop, Lottery } from '../../../shared/perks.ts';
import type { LotteryProof } from '../../../shared/lottery-proof.ts';
import type { Rules } from '../../../shared/rules.ts';
import type { Locale } from '../../common/i18n.ts';
import type { DropInput, LotteryInput } from '../api.ts';
import type { FieldProblems, Problem } from '../logic/problems.ts';
import type { RulesDraft } from '../logic/rules-draft.ts';
import type { AudienceByShow, PerksState } from './reducers.ts';

export type ViewId = 'studio' | 'shows' | 'drops' | 'lotteries' | 'rewards' | 'missions' | 'insights' | 'rules' | 'overlay';
export const VIEWS: ViewId[] = ['studio', 'shows', 'drops', 'lotteries', 'rewards', 'missions', 'insights', 'rules', 'overlay'];

/** The parts of Insights (issue 15): `/host/insights`, `/host/insights/members`, `/host/insights/repurchase`. */
export type InsightsPart = 'kpis' | 'members' | 'repurchase';
export const INSIGHTS_PARTS: InsightsPart[] = ['kpis', 'members', 'repurchase'];

export type LinkStatus = 'offline' | 'connecting' | 'online';

export interface Notice {
  id: number;
  tone: 'success' | 'error' | 'info';
  problem: Problem;
  /** a newer notice on the same topic replaces older ones (a save that worked clears "fix these") */
  topic?: string;
}

/** An action's outcome for the form that called it: ok, or problems to show. */
export type Outcome = { ok: true } | { ok: false; problem: Problem; fields: FieldProblems };

export interface UiSlice {
  locale: Locale;
  view: ViewId;
  /** the show whose report is open, over the shows list (`/host/shows/<id>/report`); null: none */
  reportShowId: string | null;
  /** the part of Insights shown when the view is 'insights' ('kpis' everywhere else) */
  insightsPart: InsightsPart;
  /** server time − device time, measured once per /host connection */
  clockOffset: number;
  links: { host: LinkStatus; live: LinkStatus };
  notices: Notice[];
  setLocale(locale: Locale): void;
  setView(view: ViewId): void;
  /** Opens the show's report (null: back to the shows list). */
  openReport(streamId: string | null): void;
  /** Opens a part of Insights. */
  openInsights(part: InsightsPart): void;
  setClockOffset(ms: number): void;
  setLink(which: 'host' | 'live', status: LinkStatus): void;
  notify(tone: Notice['tone'], problem: Problem, topic?: string): void;
  dismissNotice(id: number): void;
  dismissTopic(topic: string): void;
}

export interface AuthSlice {
  token: string | null;
  loginPending: boolean;
  loginProblem: Problem | null;
  login(hostKey: string): Promise<void>;
  logout(): void;
  /** the server refused the token (expired, revoked key): back to the sign-in screen, saying why */
  sessionExpired(): void;
}

export interface ShowsSlice {
  streams: Stream[];
  showsLoaded: boolean;
  /** the show the live panel, drops and lotteries are about; null = the one on air */
  focusedShowId: string | null;
  busyShowIds: Record<string, 'start' | 'end'>;
  loadShows(): Promise<void>;
  createShow(input: { title: string; playbackUrl: string }): Promise<Outcome>;
  startShow(id: string): Promise<void>;
  endShow(id: string): Promise<void>;
  focusShow(id: string | null): void;
  receiveStream(stream: Stream): void;
}

export interface LiveSlice {
  audience: AudienceByShow;
  receiveStats(stats: events.HostStats, at: number): void;
  receivePresence(e: events.PresenceEvent, at: number): void;
  receiveComment(e: events.CommentEvent): void;
  receiveCommentRemoved(e: events.CommentRemovedEvent): void;
  receiveBadge(e: events.BadgeEvent, at: number): void;
}

/** Mute lengths the feed offers, in seconds. */
export const MUTE_SECONDS = 300;
/** Slow-mode choices, in seconds (0 = off). */
export const SLOW_MODE_CHOICES = [0, 5, 10, 30, 60, 120] as const;

export interface ModerationSlice {
  /** slow mode per show, as the server last said (0 = off) */
  slowMode: Record<string, number>;
  /** members banned from this dashboard in this session (the server holds the truth) */
  bannedIds: Record<string, true>;
  /** a comment, member or show with a moderation call in flight */
  moderationBusy: Record<string, true>;
  loadModeration(streamId: string): Promise<void>;
  setSlowMode(streamId: string, seconds: number): Promise<void>;
  removeComment(id: string): Promise<void>;
  muteMember(streamId: string, memberId: string, displayName: string): Promise<void>;
  banMember(memberId: string, displayName: string): Promise<void>;
  unbanMember(memberId: string, displayName: string): Promise<void>;
  receiveModeration(e: events.ModerationEvent): void;
}

export type ProofCheck = { state: 'checking' } | { state: 'holds' } | { state: 'fails'; reason: string };

export interface PerksSlice {
  perks: PerksState;
  perksLoadedFor: Record<string, boolean>;
  proofs: Record<string, { proof: LotteryProof; check: ProofCheck }>;
  busyPerkIds: Record<string, boolean>;
  loadPerks(streamId: string): Promise<void>;
  createDrop(streamId: string, input: DropInput): Promise<Outcome>;
  closeDrop(id: string): Promise<void>;
  confirmClaim(claimId: string): Promise<Outcome>;
  createLottery(streamId: string, input: LotteryInput): Promise<Outcome>;
  drawLottery(id: string): Promise<void>;
  cancelLottery(id: string): Promise<void>;
  loadProof(id: string): Promise<void>;
  receiveDrop(drop: Drop): void;
  receiveDropStock(e: events.DropStockEvent): void;
  receiveLottery(lottery: Lottery): void;
  receiveLotteryEntries(e: events.LotteryEntriesEvent): void;
  receiveLotteryDrawn(e: events.LotteryDrawnEvent, at: number): void;
}

export interface RulesSlice {
  rules: Rules | null;
  rulesDraft: RulesDraft | null;
  rulesProblems: FieldProblems;
  rulesStatus: 'idle' | 'loading' | 'saving' | 'saved' | 'error';
  loadRules(): Promise<void>;
  /** a text field, or the blocked words (one entry per line) */
  editRule(path: string, value: string | string[]): void;
  addTier(): void;
  removeTier(index: number): void;
  resetRules(): void;
  saveRules(): Promise<void>;
}

export interface StoredOverlayToken {
  id: string;
  token: string;
  url: string;
  createdAt: number;
  label: string;
  /** When the link stops working (ms); absent for links stored before links expired. */
  expiresAt?: number;
}

export interface OverlaySlice {
  overlayTokens: StoredOverlayToken[];
  overlayBusy: boolean;
  createOverlayToken(label: string): Promise<void>;
  revokeOverlayToken(id: string): Promise<void>;
  /** Replaces the link with a new one (same label, same place in the list); returns the new id, null when it failed. */
  rotateOverlayToken(id: string): Promise<string | null>;
  forgetOverlayToken(id: string): void;
  /** The drop pinned to each show's overlay, by show id (absent: not read yet). */
  pinnedDrops: Readonly<Record<string, string | null>>;
  /** Reads the show's pinned drop. */
  loadPinnedDrop(streamId: string): Promise<void>;
  /** Pins a drop of the show to its overlays (null: unpins); false when refused. */
  pinDrop(streamId: string, dropId: string | null): Promise<boolean>;
}
