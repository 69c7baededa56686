/** Shapes the live room's store holds (records come from shared/, types only). */
import type { MemberBadge } from '../../../shared/achievements.ts';
import type { MissionReward } from '../../../shared/missions.ts';
import type { LedgerEntry } from '../../../shared/models.ts';
import type { LiveKey } from '../i18n.ts';

export type ConnectionStatus = 'idle' | 'connecting' | 'online' | 'reconnecting';

export interface Presence {
  viewers: number;
  members: number;
}

export type FeedItem =
  | { kind: 'comment'; seq: number; id: string; memberId: string; displayName: string; tier: string; text: string; at: number; badges?: string[] }
  | { kind: 'badge'; seq: number; memberId: string; displayName: string; tierId: string; tierName: string; reason: 'tier-up' | 'joined'; at: number };

export interface LedgerState {
  entries: LedgerEntry[];
  next: string | null;
  status: 'idle' | 'loading' | 'ready' | 'error';
}

export interface WatchStatus {
  /** document.visibilityState === 'visible' */
  visible: boolean;
  /** the player plays (embeds and streams elsewhere: see Player) */
  playing: boolean;
  /** sum of `credited` seconds from heartbeat acks while a guest (what sign-up keeps) */
  guestCreditedSeconds: number;
  /** credited seconds in this page session, any role */
  sessionCreditedSeconds: number;
  /** the server's count of watch time credited in this show (a member's survives a refresh); null until a heartbeat says */
  watchedMs: number | null;
  chestReady: boolean;
  paused: boolean;
  /** the last heartbeat was accepted and the server's clock is running */
  counting: boolean;
}

export type ToastKind = 'points' | 'tier' | 'mission' | 'goal' | 'badge' | 'info' | 'error';
export interface Toast {
  id: number;
  kind: ToastKind;
  /** points toasts: signed amount and ledger reason; mission toasts: the points the stage paid */
  delta?: number;
  reason?: string;
  /** tier toasts: the new tier's name (and id, to say a default tier's name in the reader's language) */
  tierName?: string;
  tierId?: string;
  /** points toasts: how many events it stands for (likes are grouped: logic/like-groups.ts) and when the last arrived */
  count?: number;
  at?: number;
  /** mission toasts: the mission's title and what the stage gave (a catalogue reward's title is looked up when shown); goal toasts: the goal's title */
  title?: string;
  reward?: MissionReward;
  /** mission toasts: the stage's points toast was folded into this one (logic/missions.ts) */
  absorbed?: boolean;
  /** badge toasts: the badge unlocked (named when shown, so a language switch applies) */
  badge?: MemberBadge;
  /** info and error toasts: what to say, translated when shown (so a language switch applies) */
  message?: { key: LiveKey; params?: Record<string, string | number> };
}

export interface CheckinState {
  status: 'idle' | 'busy' | 'done';
  /** consecutive days checked in, today included, as the server counted them (null: not known) */
  streak: number | null;
}

export interface AppErrorInfo {
  code: string;
  message: string;
  opensAt?: number;
  minTier?: string;
}
