/**
 * The pages' own words (buttons, labels, headings) in Simplified Chinese (the default) and English. Texts
 * that come from the API (problems, deadline explanations, timeline labels) are already in the language
 * the page asks for with Accept-Language. The choice is kept in localStorage; `?lang=en` sets it.
 */
import { UI } from './messages.js';

export type Lang = 'zh' | 'en';
export type UiKey = keyof typeof UI;

const STORAGE_KEY = 'gongkai.lang';

function initial(): Lang {
  const fromQuery = new URLSearchParams(location.search).get('lang');
  if (fromQuery === 'en' || fromQuery === 'zh') {
    try {
      localStorage.setItem(STORAGE_KEY, fromQuery);
    } catch {
      // private mode: the choice lasts for this page only
    }
    return fromQuery;
  }
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'en' || stored === 'zh') return stored;
  } catch {
    // ignore
  }
  return 'zh';
}

let current: Lang = initial();

export function lang(): Lang {
  return current;
}

/** The Accept-Language header value the API negotiates on. */
export function acceptLanguage(): string {
  return current === 'zh' ? 'zh-CN' : 'en';
}

export function setLang(next: Lang): void {
  current = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // ignore
  }
  document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
}

/** The text of `key`, `{name}` replaced by `params.name`. */
export function t(key: UiKey, params: Record<string, string | number> = {}): string {
  const text = UI[key][current];
  return text.replaceAll(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/** A label from one of the enum tables (statuses, channels…), falling back to the machine value. */
export function label(table: Record<string, { zh: string; en: string }>, value: string | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return table[value]?.[current] ?? value;
}
