/**
 * Argument checks of the PerksEngine primitives, shared by both engines so a
 * bad call fails the same way (VALIDATION with the field) before any SQL or
 * Lua runs: scripts only read-modify-write, they do not validate.
 */
import { ErrorCode } from '../../shared/error-codes.ts';
import { LedgerReason } from '../../shared/models.ts';
import { AppError } from '../errors.ts';
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

const reasons = new Set<string>(Object.values(LedgerReason));

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
