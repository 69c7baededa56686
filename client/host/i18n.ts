/**
 * Every string of the host dashboard, in English and Traditional Chinese
 * (locales/). English defines the keys; zh-TW must have every one of
 * them (a missing key does not compile). `{name}` placeholders are filled by
 * `translator` (client/common/i18n.ts).
 */
import type { Locale } from '../common/i18n.ts';
import { en } from './locales/en.ts';
import { zhTW } from './locales/zh-tw.ts';

export type HostDictionary = typeof en;
export type HostKey = keyof HostDictionary & string;

export const DICTIONARIES: Record<Locale, HostDictionary> = { en, 'zh-TW': zhTW as HostDictionary };
