/**
 * RewardsEngine on the embedded database: each step loads what the rule
 * reads, decides with server/domain/redemption.ts and stores the writes in
 * one transaction through the group commit — the spend or the return through
 * the same ledger step as every other award (sqlite-ledger.ts). One writer
 * at a time (SQLite's lock, across processes too) is what makes a pool code
 * go to one member only.
 */
import { randomUUID } from 'node:crypto';
import type { Redemption, RedemptionStatus } from '../../../shared/rewards.ts';
import { decideFulfil, decideRedemption, decideReject, type RewardStock, type SettleDecision } from '../../domain/redemption.ts';
import { retryingOnBusy } from '../../sqlite/busy-retry.ts';
import { groupCommitOf, type GroupCommit } from '../../sqlite/group-commit.ts';
import { LEDGER_COLUMNS, REWARDS_ENGINE_TABLES, ledgerEntryFromRow, type LedgerRow, type SqliteDatabase } from '../../sqlite/sqlite-database.ts';
import { requireId } from '../engine-args.ts';
import type { RedeemReply, RedeemRequest, RejectRequest, RewardsEngine, SettleReply } from '../rewards-engine.ts';
import { SqliteLedger } from './sqlite-ledger.ts';

interface StockRow {
  rules: string;
  stock: number | null;
}

function prepareStatements(db: SqliteDatabase) {
  return {
    stock: db.prepare<[string], StockRow>('SELECT rules, stock FROM reward_stock WHERE reward_id = ?'),
    insertReward: db.prepare<[{ id: string; rules: string; stock: number | null }]>(
      'INSERT INTO reward_stock (reward_id, rules, stock) VALUES (@id, @rules, @stock) ON CONFLICT (reward_id) DO UPDATE SET rules = excluded.rules',
    ),
    setStock: db.prepare<[number | null, string]>('UPDATE reward_stock SET stock = ? WHERE reward_id = ?'),
    moveStock: db.prepare<[number, string]>('UPDATE reward_stock SET stock = stock + ? WHERE reward_id = ? AND stock IS NOT NULL'),
    nextSeq: db.prepare<[string], { seq: number }>('SELECT coalesce(max(seq), 0) + 1 AS seq FROM reward_codes WHERE reward_id = ?'),
    insertCode: db.prepare<[string, string, number]>('INSERT INTO reward_codes (reward_id, code, seq) VALUES (?, ?, ?) ON CONFLICT DO NOTHING'),
    nextCode: db.prepare<[string], { code: string }>('SELECT code FROM reward_codes WHERE reward_id = ? AND redemption_id IS NULL ORDER BY seq LIMIT 1'),
    unusedCodes: db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM reward_codes WHERE reward_id = ? AND redemption_id IS NULL'),
    takeCode: db.prepare<[string, string, string]>('UPDATE reward_codes SET redemption_id = ? WHERE reward_id = ? AND code = ? AND redemption_id IS NULL'),
    memberRedemptions: db.prepare<[string, string], { json: string }>('SELECT json FROM redemptions WHERE reward_id = ? AND member_id = ?'),
    redemptionById: db.prepare<[string], { json: string }>('SELECT json FROM redemptions WHERE id = ?'),
    insertRedemption: db.prepare<[{ id: string; rewardId: string; memberId: string; requestId: string; status: string; json: string; createdAt: number }]>(
      `INSERT INTO redemptions (id, reward_id, member_id, request_id, status, json, created_at)
       VALUES (@id, @rewardId, @memberId, @requestId, @status, @json, @createdAt)`,
    ),
    updateRedemption: db.prepare<[string, string, string]>('UPDATE redemptions SET status = ?, json = ? WHERE id = ?'),
    ofMember: db.prepare<[string, number], { json: string }>('SELECT json FROM redemptions WHERE member_id = ? ORDER BY created_at DESC, id DESC LIMIT ?'),
    byStatus: db.prepare<[string, number], { json: string }>('SELECT json FROM redemptions WHERE status = ? ORDER BY created_at, id LIMIT ?'),
    ledgerByKey: db.prepare<[string], LedgerRow>(`SELECT ${LEDGER_COLUMNS} FROM ledger WHERE key = ?`),
    balance: db.prepare<[string], { balance: number }>('SELECT balance FROM balances WHERE member_id = ?'),
  };
}

const parse = (row: { json: string }): Redemption => JSON.parse(row.json) as Redemption;

export class SqliteRewardsEngine implements RewardsEngine {
  readonly kind = 'sqlite' as const;
  private readonly q: ReturnType<typeof prepareStatements>;
  private readonly commits: GroupCommit;
  private readonly ledger: SqliteLedger;

  /** The database shared with SqliteEngine and SqliteStore (the caller closes it). */
  constructor(private readonly db: SqliteDatabase) {
    this.q = prepareStatements(db);
    this.commits = groupCommitOf(db);
    this.ledger = new SqliteLedger(db);
    return retryingOnBusy(this);
  }

  async resetForTests(): Promise<void> {
    this.db.transaction(() => {
      for (const table of REWARDS_ENGINE_TABLES) this.db.exec(`DELETE FROM ${table}`);
    }).immediate();
  }

  async putReward(spec: RewardStock): Promise<void> {
    requireId(spec.id, 'rewardId');
    const { id, stock, ...rules } = spec;
    await this.commits.run(() => this.q.insertReward.run({ id, rules: JSON.stringify(rules), stock }));
  }

  async setStock(rewardId: string, stock: number | null): Promise<boolean> {
    requireId(rewardId, 'rewardId');
    return this.commits.run(() => this.q.setStock.run(stock, rewardId).changes > 0);
  }

  async addCodes(rewardId: string, codes: string[]): Promise<{ added: number; duplicates: number; unused: number }> {
    requireId(rewardId, 'rewardId');
    return this.commits.run(() => {
      let seq = this.q.nextSeq.get(rewardId)!.seq;
      let added = 0;
      for (const code of codes) if (this.q.insertCode.run(rewardId, code, seq++).changes > 0) added++;
      return { added, duplicates: codes.length - added, unused: this.q.unusedCodes.get(rewardId)!.n };
    });
  }

  async redeem(r: RedeemRequest): Promise<RedeemReply> {
    requireId(r.rewardId, 'rewardId');
    requireId(r.memberId, 'memberId');
    requireId(r.requestId, 'requestId');
    return this.commits.run((): RedeemReply => {
      const spend = this.q.ledgerByKey.get(r.ledgerKey);
      const reward = this.reward(r.rewardId);
      const d = decideRedemption(
        {
          reward,
          memberRedemptions: this.q.memberRedemptions.all(r.rewardId, r.memberId).map(parse),
          nextPoolCode: reward?.codeMode === 'pool' ? (this.q.nextCode.get(r.rewardId)?.code ?? null) : null,
          spendOnRecord: spend ? ledgerEntryFromRow(spend) : null,
          balance: this.q.balance.get(r.memberId)?.balance ?? 0,
        },
        r,
      );
      if (!d.ok) return d;
      const w = d.writes;
      if (w) {
        const x = w.redemption;
        this.q.insertRedemption.run({ id: x.id, rewardId: x.rewardId, memberId: x.memberId, requestId: x.requestId, status: x.status, json: JSON.stringify(x), createdAt: x.createdAt });
        if (w.takenCode !== null && this.q.takeCode.run(x.id, x.rewardId, w.takenCode).changes !== 1) {
          throw new Error(`reward ${x.rewardId}: code ${w.takenCode} was not free`); // rolls the step back
        }
        if (w.stockDelta !== 0) this.q.moveStock.run(w.stockDelta, x.rewardId);
        if (w.spend) this.ledger.store(w.spend);
      }
      return { ok: true, redemption: d.redemption, replayed: d.replayed, balance: d.balance };
    });
  }

  async fulfil(redemptionId: string, at: number): Promise<SettleReply> {
    requireId(redemptionId, 'redemptionId');
    return this.commits.run(() => this.settle(decideFulfil(this.redemption(redemptionId), at)));
  }

  async reject(redemptionId: string, request: RejectRequest): Promise<SettleReply> {
    requireId(redemptionId, 'redemptionId');
    return this.commits.run(() => {
      const redemption = this.redemption(redemptionId);
      const returned = this.q.ledgerByKey.get(request.returnKey);
      const balance = redemption ? (this.q.balance.get(redemption.memberId)?.balance ?? 0) : 0;
      const stockCounted = redemption ? this.q.stock.get(redemption.rewardId)?.stock != null : false;
      const input = { ...request, returnEntryId: randomUUID(), stockCounted };
      return this.settle(decideReject(redemption, returned ? ledgerEntryFromRow(returned) : null, balance, input));
    });
  }

  async redemptionById(id: string): Promise<Redemption | null> {
    return this.redemption(id);
  }

  async redemptionsOfMember(memberId: string, limit: number): Promise<Redemption[]> {
    return this.q.ofMember.all(memberId, limit).map(parse);
  }

  async redemptionsByStatus(status: RedemptionStatus, limit: number): Promise<Redemption[]> {
    return this.q.byStatus.all(status, limit).map(parse);
  }

  async rewardStock(rewardId: string): Promise<{ stock: number | null; unusedCodes: number } | null> {
    const row = this.q.stock.get(rewardId);
    return row ? { stock: row.stock, unusedCodes: this.q.unusedCodes.get(rewardId)!.n } : null;
  }

  /** Stores what a fulfil or reject decided (inside the caller's transaction). */
  private settle(d: SettleDecision): SettleReply {
    if (!d.ok) return d;
    const w = d.writes;
    if (w) {
      this.q.updateRedemption.run(w.redemption.status, JSON.stringify(w.redemption), w.redemption.id);
      if (w.stockDelta !== 0) this.q.moveStock.run(w.stockDelta, w.redemption.rewardId);
      if (w.refund) this.ledger.store(w.refund);
    }
    return { ok: true, redemption: d.redemption, replayed: d.replayed };
  }

  private reward(id: string): RewardStock | null {
    const row = this.q.stock.get(id);
    return row ? { id, stock: row.stock, ...(JSON.parse(row.rules) as Omit<RewardStock, 'id' | 'stock'>) } : null;
  }

  private redemption(id: string): Redemption | null {
    const row = this.q.redemptionById.get(id);
    return row ? parse(row) : null;
  }
}
