/**
 * What the viewer room's store needs from the outside world, injectable so
 * tests run without a browser, a server or a socket: HTTP calls, the socket's
 * requests (through a channel: the store never holds the socket itself), what
 * this browser remembers, a clock.
 */
import { browserTimers, type BaseDeps } from '../../common/app-store.ts';
import { detectLocale } from '../../common/i18n.ts';
import type { LiveClientEvents } from '../../../shared/events.ts';
import { api } from '../api.ts';
import { newRequestId } from '../logic/ids.ts';
import { loadEntered, loadToken, saveEntered, saveToken } from '../logic/session.ts';
import type { AppErrorInfo } from './types.ts';

export type EventName = keyof LiveClientEvents;
export type Payload<E extends EventName> = Parameters<LiveClientEvents[E]>[0];
export type Reply<E extends EventName> = Parameters<Parameters<LiveClientEvents[E]>[1]>[0];
export type Ok<E extends EventName> = Extract<Reply<E>, { ok: true }>;

/** A refused or unanswered socket call; `info.code` is the server's error code, or OFFLINE / TIMEOUT. */
export class LiveError extends Error {
  constructor(readonly info: AppErrorInfo) {
    super(info.message);
  }
  get code(): string {
    return this.info.code;
  }
}

export function errorInfo(err: unknown): AppErrorInfo {
  return err instanceof LiveError ? err.info : { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) };
}

/** The store's way to the /live socket (socket-bindings.ts makes it from the socket). */
export interface LiveChannel {
  /** One request and its ack; rejects with a LiveError. */
  call<E extends EventName>(event: E, payload: Payload<E>): Promise<Ok<E>>;
  /** Connects again if connected or connecting, so the server sees the token held now. */
  reconnect(): void;
}

export interface StoreDeps extends BaseDeps {
  /** the HTTP routes (docs/PROTOCOL.md) */
  api: typeof api;
  channel: LiveChannel;
  /** what this browser remembers: the member token, the lotteries entered */
  memory: { token: string | null; saveToken: typeof saveToken; loadEntered: typeof loadEntered; saveEntered: typeof saveEntered };
  newRequestId: () => string;
  /** this page's origin, for the plain share link */
  origin: string;
}

export function browserDeps(channel: LiveChannel): StoreDeps {
  return {
    ...browserTimers,
    locale: detectLocale(),
    api,
    channel,
    memory: { token: loadToken(), saveToken, loadEntered, saveEntered },
    newRequestId,
    origin: location.origin,
  };
}
