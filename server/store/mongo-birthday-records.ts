/** BirthdayRecords on MongoDB (collection member_birthdays, `_id` = member id). Thin: an upsert and a read. */
import type { Birthday } from '../domain/birthday.ts';
import type { BirthdayRecords } from './birthday-records.ts';
import type { MemberBirthdayDoc, MongoModels } from './mongo-models.ts';

export class MongoBirthdayRecords implements BirthdayRecords {
  constructor(private readonly models: () => MongoModels) {}

  async birthdayOf(memberId: string): Promise<Birthday | null> {
    const doc = await this.models().memberBirthdays.findById(memberId).lean<MemberBirthdayDoc>().exec();
    return doc ? { month: doc.month, day: doc.day, setAt: doc.setAt } : null;
  }

  async setBirthday(memberId: string, b: Birthday): Promise<void> {
    await this.models().memberBirthdays.updateOne({ _id: memberId }, { $set: { month: b.month, day: b.day, setAt: b.setAt } }, { upsert: true }).exec();
  }
}
