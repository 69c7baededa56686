/** Members' birthdays (issue 13): month and day, and when they were set (a change is locked for a year). */
import type { Birthday } from '../domain/birthday.ts';

export interface BirthdayRecords {
  birthdayOf(memberId: string): Promise<Birthday | null>;
  /** Sets or replaces the member's birthday (the service checks the lock first). */
  setBirthday(memberId: string, birthday: Birthday): Promise<void>;
}
