/**
 * Every string of the viewer app, in English and Traditional Chinese (zh-TW).
 * `en` defines the keys; the zh-TW dictionary is typed against them, so a
 * missing translation does not compile. `{name}` placeholders are filled by
 * client/common/i18n.ts.
 */
import type { Locale } from '../common/i18n.ts';
import { en } from './locales/en.ts';
import { zhTW } from './locales/zh-tw.ts';

export type LiveKey = keyof typeof en;
export type LiveDictionary = Record<LiveKey, string>;

export const DICTIONARIES: Record<Locale, LiveDictionary> = { en, 'zh-TW': zhTW };
