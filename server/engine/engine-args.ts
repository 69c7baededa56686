/**
 * Argument checks of every Engine and PerksEngine primitive, one function per
 * primitive, called first by both implementations so a bad call fails the
 * same way (VALIDATION with the field) before any SQL or Lua runs: scripts
 * and transactions only read-modify-write, they do not validate.
 */
import { ErrorCode } from '../../shared/error-codes.ts';
import { LedgerReason } from '../../shared/models.ts';
import { AppError } from '../errors.ts';
import { addDays, MAX_DAY_TIME_MS } from '../domain/time.ts';
import type { BeatAwardInput, CappedAwardInput } from '../domain/award-paths.ts';
import type { Beat } from '../domain/watch.ts';
import type { AwardInput, RefundInput, ReversalInput, SpendInput } from './engine.ts';
import type { ClaimRequest, DropStockSpec, EnterRequest } from './perks-engine.ts';

function invalid(field: string, message: string): AppError {
  return new AppError(ErrorCode.VALIDATION, message, field);
}

export function requireId(value: unknown, field: string): void {
  if (typeof value !== 'string' || value.length === 0) throw invalid(field, `${field} must be a non-empty string`);
}

export function requireInt(value: unknown, field: string, min: number): void {
  if (!Number.isSafeInteger(value) || (value as number) < min) throw invalid(field, `${field} must be an integer ≥ ${min}`);
}

/** A time (epoch ms) whose UTC day is a 'YYYY-MM-DD' string (domain/time.ts utcDay): 0 to the end of year 9999. */
export function requireTime(value: unknown, field: string): void {
  requireInt(value, field, 0);
  if ((value as number) > MAX_DAY_TIME_MS) throw invalid(field, `${field} must be a time before the year 10000`);
}

const reasons = new Set<string>(Object.values(LedgerReason));
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar day as 'YYYY-MM-DD' (domain/time.ts): the one day representation of both engines. */
export function requireDay(value: unknown, field: string): void {
  // The round trip refuses days that are not on the calendar ('2024-02-30').
  if (typeof value !== 'string' || !DAY.test(value) || addDays(value, 0) !== value) throw invalid(field, `${field} must be YYYY-MM-DD`);
}

// ---- Engine ----

export function checkPresenceJoin(streamId: string, connId: string, viewerKey: string): void {
  requireId(streamId, 'streamId');
  requireId(connId, 'connId');
  if (typeof viewerKey !== 'string' || !/^[mg]:./.test(viewerKey)) {
    throw invalid('viewerKey', "viewerKey must be 'm:<memberId>' or 'g:<connId>'");
  }
}

export function checkPresenceLeave(streamId: string, connId: string): void {
  requireId(streamId, 'streamId');
  requireId(connId, 'connId');
}

/** (streamId, memberId, nowMs): the first arguments of every watch primitive. */
export function checkWatchArgs(streamId: string, memberId: string, nowMs: number): void {
  requireId(streamId, 'streamId');
  requireId(memberId, 'memberId');
  requireInt(nowMs, 'nowMs', 0);
}

export function checkBeginWatch(streamId: string, memberId: string, nowMs: number, referrerId: string | null): void {
  checkWatchArgs(streamId, memberId, nowMs);
  if (referrerId !== null) requireId(referrerId, 'referrerId');
}

export function checkBeat(streamId: string, memberId: string, beat: Beat): void {
  checkWatchArgs(streamId, memberId, beat.nowMs);
  if (typeof beat.countable !== 'boolean') throw invalid('countable', 'countable must be a boolean');
  requireInt(beat.capMs, 'capMs', 0);
  requireInt(beat.idleAfterMs, 'idleAfterMs', 0);
}

export function checkCreditWatch(streamId: string, memberId: string, ms: number, sinceMs: number, nowMs: number): void {
  checkWatchArgs(streamId, memberId, nowMs);
  requireInt(ms, 'ms', 0);
  requireInt(sinceMs, 'sinceMs', 0);
}

export function checkClaimWatchClock(memberId: string, streamId: string, nowMs: number, leaseMs: number): void {
  checkWatchArgs(streamId, memberId, nowMs);
  requireInt(leaseMs, 'leaseMs', 0);
}

export function checkChest(streamId: string, memberId: string, n: number): void {
  requireId(streamId, 'streamId');
  requireId(memberId, 'memberId');
  requireInt(n, 'n', 0);
}

function checkLedgerInput(input: AwardInput | SpendInput | ReversalInput | RefundInput): void {
  requireId(input.key, 'key');
  requireId(input.memberId, 'memberId');
  if (!reasons.has(input.reason)) throw invalid('reason', 'reason must be a ledger reason');
  requireTime(input.at, 'at');
  if (input.streamId != null) requireId(input.streamId, 'streamId');
}

export function checkAward(input: AwardInput): void {
  checkLedgerInput(input);
  requireInt(input.delta, 'delta', 1);
  if (input.earnedSinceMs !== undefined) requireTime(input.earnedSinceMs, 'earnedSinceMs');
}

export function checkEarnedSince(memberId: string, sinceMs: number): void {
  requireId(memberId, 'memberId');
  requireTime(sinceMs, 'sinceMs');
}

export function checkSpend(input: SpendInput): void {
  checkLedgerInput(input);
  requireInt(input.cost, 'cost', 1);
}

export function checkReversal(input: ReversalInput): void {
  checkLedgerInput(input);
  requireInt(input.points, 'points', 1);
  requireDay(input.earnedDay, 'earnedDay');
  if (input.earnedSinceMs !== undefined) requireTime(input.earnedSinceMs, 'earnedSinceMs');
}

export function checkRefund(input: RefundInput): void {
  checkLedgerInput(input);
  requireInt(input.points, 'points', 1);
}

export function checkHit(key: string, id: string, limit: number, windowMs: number, nowMs: number): void {
  requireId(key, 'key');
  requireId(id, 'id');
  requireInt(limit, 'limit', 0);
  requireInt(windowMs, 'windowMs', 0);
  requireInt(nowMs, 'nowMs', 0);
}

export function checkHitCount(key: string, windowMs: number, nowMs: number): void {
  requireId(key, 'key');
  requireInt(windowMs, 'windowMs', 0);
  requireInt(nowMs, 'nowMs', 0);
}

export function checkCheckin(memberId: string, day: string, previousDay: string): void {
  requireId(memberId, 'memberId');
  requireDay(day, 'day');
  requireDay(previousDay, 'previousDay');
}

export function checkActiveDay(memberId: string, day: string): void {
  requireId(memberId, 'memberId');
  requireDay(day, 'day');
}

export function checkDayRange(fromDay: string, toDay: string): void {
  requireDay(fromDay, 'fromDay');
  requireDay(toDay, 'toDay');
}

/** The beat award path (domain/award-paths.ts beatAward): the beat's and the award's checks together. */
export function checkBeatAward(input: BeatAwardInput): void {
  checkBeat(input.streamId, input.memberId, input);
  requireTime(input.nowMs, 'nowMs');
  requireInt(input.leaseMs, 'leaseMs', 0);
  requireInt(input.everySeconds, 'everySeconds', 1);
  if (!Array.isArray(input.ladder) || input.ladder.length === 0 || input.ladder[0]!.minPoints !== 0) {
    throw invalid('ladder', 'ladder must start with a rung at 0 points');
  }
  input.ladder.forEach((rung, i) => {
    requireInt(rung.minPoints, 'ladder', 0);
    requireInt(rung.points, 'ladder', 0);
    if (i > 0 && rung.minPoints <= input.ladder[i - 1]!.minPoints) throw invalid('ladder', 'ladder must ascend strictly by minPoints');
  });
  requireDay(input.activeDay, 'activeDay');
  requireTime(input.earnedSinceMs, 'earnedSinceMs');
}

/** The capped award path (domain/award-paths.ts cappedAward): hit, award (delta 0 allowed: pays nothing) and touch. */
export function checkCappedAward(input: CappedAwardInput): void {
  checkHit(input.hitKey, input.hitId, input.limit, input.windowMs, input.award.at);
  checkLedgerInput(input.award);
  requireInt(input.award.delta, 'delta', 0);
  requireTime(input.award.earnedSinceMs, 'earnedSinceMs');
  if (input.award.streamId !== input.streamId) throw invalid('streamId', 'the award must be in the show it touches');
  requireId(input.streamId, 'streamId');
  requireDay(input.activeDay, 'activeDay');
}

// ---- PerksEngine ----

export function checkDropSpec(spec: DropStockSpec): void {
  requireId(spec.dropId, 'dropId');
  requireInt(spec.stock, 'stock', 0);
  requireInt(spec.perMemberLimit, 'perMemberLimit', 1);
}

export function checkClaimRequest(r: ClaimRequest): void {
  requireId(r.dropId, 'dropId');
  requireId(r.memberId, 'memberId');
  requireId(r.requestId, 'requestId');
  requireId(r.claimId, 'claimId');
  requireId(r.checkoutRef, 'checkoutRef');
  requireInt(r.nowMs, 'nowMs', 0);
  requireInt(r.opensAtForMember, 'opensAtForMember', 0);
  requireInt(r.expiresAt, 'expiresAt', 0);
}


/** The cancel primitive's arguments (PerksEngine.cancelClaim). */
export function checkCancel(claimId: string, nowMs: number, scope: string): void {
  requireId(claimId, 'claimId');
  requireInt(nowMs, 'nowMs', 0);
  if (scope !== 'reservation' && scope !== 'sale') throw invalid('scope', "scope must be 'reservation' or 'sale'");
}

export function checkEnterRequest(r: EnterRequest): void {
  requireId(r.lotteryId, 'lotteryId');
  requireId(r.memberId, 'memberId');
  requireInt(r.weight, 'weight', 1);
  requireInt(r.cost, 'cost', 0);
  requireId(r.ledgerKey, 'ledgerKey');
  if (!reasons.has(r.reason)) throw invalid('reason', 'reason must be a ledger reason');
  if (r.streamId !== null) requireId(r.streamId, 'streamId');
  requireInt(r.at, 'at', 0);
}

export function checkRetirement(streamId: string, endedAtMs: number, retentionMs: number): void {
  requireId(streamId, 'streamId');
  requireTime(endedAtMs, 'endedAtMs');
  requireInt(retentionMs, 'retentionMs', 0);
}

export function checkPurge(streamId: string, ledgerKeyPrefixes: string[], forgetPurgedBeforeMs: number): void {
  requireId(streamId, 'streamId');
  requireInt(forgetPurgedBeforeMs, 'forgetPurgedBeforeMs', 0);
  if (!Array.isArray(ledgerKeyPrefixes)) throw invalid('ledgerKeyPrefixes', 'ledgerKeyPrefixes must be an array');
  // A prefix is '<kind>:<id>:', never '' or a bare kind: a short one would take other shows' records with it.
  for (const p of ledgerKeyPrefixes) {
    if (typeof p !== 'string' || !/^[a-z-]+:[^:]+:$/.test(p)) throw invalid('ledgerKeyPrefixes', "each prefix must be '<kind>:<id>:'");
  }
}

/** MissionsEngine.progress: one step of domain/missions.ts. */
export function requireProgressStep(step: { missionId: unknown; memberId: unknown; period: unknown; amount: unknown; targets: unknown; expiresAt: unknown }): void {
  requireId(step.missionId, 'missionId');
  requireId(step.memberId, 'memberId');
  requireId(step.period, 'period');
  requireInt(step.amount, 'amount', 1);
  requireTime(step.expiresAt, 'expiresAt');
  if (!Array.isArray(step.targets) || step.targets.length === 0) throw invalid('targets', 'targets must be a non-empty array');
  for (const t of step.targets) requireInt(t, 'targets', 1);
}
