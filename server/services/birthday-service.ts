/**
 * The birthday gift (issue 13): the member gives their birthday once (a
 * change is locked for a year), and the first visit in their birthday month
 * — by the rules' time zone — brings the rules' birthday points, once per
 * year: the ledger key `birthday:<memberId>:<year>` makes every later visit
 * that year a replay. Rules: domain/birthday.ts.
 */
import { ErrorCode } from '../../shared/error-codes.ts';
import { LedgerReason } from '../../shared/models.ts';
import { birthdayChangeRefusal, birthdayGiftYear, isCalendarDate, type Birthday } from '../domain/birthday.ts';
import { AppError, refused } from '../errors.ts';
import type { Store } from '../store/store.ts';
import type { Clock } from './clock.ts';
import type { PointsService } from './points-service.ts';
import type { RewardService } from './reward-service.ts';
import type { RulesService } from './rules-service.ts';

export class BirthdayService {
  constructor(
    private readonly store: Store,
    private readonly points: PointsService,
    private readonly rules: RulesService,
    private readonly clock: Clock,
    private readonly rewards: RewardService,
  ) {}

  get(memberId: string): Promise<Birthday | null> {
    return this.store.birthdayOf(memberId);
  }

  async set(memberId: string, month: number, day: number): Promise<Birthday> {
    if (!isCalendarDate(month, day)) throw new AppError(ErrorCode.VALIDATION, 'day: not a date of that month', 'day');
    const now = this.clock();
    const current = await this.store.birthdayOf(memberId);
    if (birthdayChangeRefusal(current, month, day, now)) throw refused('birthday.locked', 'month');
    if (current && current.month === month && current.day === day) return current;
    const birthday = { month, day, setAt: now };
    await this.store.setBirthday(memberId, birthday);
    return birthday;
  }

  /** A visit: in the birthday month, the year's gift (once; later visits replay its key). */
  async grantOnVisit(memberId: string): Promise<void> {
    const rules = await this.rules.get();
    const { points, rewardId } = rules.birthday;
    if (points <= 0 && !rewardId) return;
    const year = birthdayGiftYear(await this.store.birthdayOf(memberId), this.clock(), rules.timezone);
    if (year === null) return;
    if (points > 0) await this.points.award({ key: `birthday:${memberId}:${year}`, memberId, delta: points, reason: LedgerReason.birthday });
    // The request id is the year's: a second visit replays the same redemption.
    if (rewardId) await this.rewards.grant(memberId, rewardId, `birthday-${year}`);
  }
}
