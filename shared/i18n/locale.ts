/**
 * The language of a response (issue #15 "Chinese first"): Simplified Chinese unless the request's
 * Accept-Language prefers English (RFC 9110 §12.5.4: quality values; the first language range of the
 * highest quality that we speak wins). No header, `*` or a language we do not speak → Chinese.
 */
export type Locale = 'zh' | 'en';
export const LOCALES: readonly Locale[] = ['zh', 'en'];

export function negotiateLocale(header: string | undefined | null): Locale {
  if (!header) return 'zh';
  let best: { locale: Locale; q: number } | undefined;
  for (const part of header.split(',').slice(0, 32)) {
    const [range = '', ...params] = part.trim().toLowerCase().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    const locale: Locale | undefined = range.startsWith('zh') ? 'zh' : range.startsWith('en') ? 'en' : undefined;
    if (locale && (!best || q > best.q)) best = { locale, q };
  }
  return best?.locale ?? 'zh';
}

/** The Content-Language of a response in `locale`. */
export function contentLanguage(locale: Locale): string {
  return locale === 'zh' ? 'zh-CN' : 'en';
}
