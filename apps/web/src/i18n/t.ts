import en from './en.json';
import type { Locale } from './locales';
import sv from './sv.json';

export type UiKey = keyof typeof sv;

// English must have every Swedish key: the type check fails here when one is missing.
const strings: Record<Locale, Record<UiKey, string>> = { sv, en };

/** The UI string for a key in a language, with {name} placeholders filled in. */
export const t = (locale: Locale, key: UiKey, params: Record<string, string | number> = {}): string =>
  strings[locale][key].replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
