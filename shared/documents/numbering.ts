/**
 * Document numbers (文书编号, docs/domain.md §9): one sequence per agency and year, formatted with the
 * agency's pattern, e.g. `江住建依申请公开〔{year}〕第{seq}号` → `江住建依申请公开〔2026〕第12号`. The sequence
 * value is assigned in the transaction that records the event (shared/store/documents.ts), so numbers have
 * neither gaps nor duplicates.
 */

/** `{agency}` (the agency's name), `{year}`, `{seq}` or `{seq:N}` (zero-padded to N digits). */
const TOKEN = /\{(agency|year|seq)(?::(\d))?\}/g;

export const DEFAULT_NUMBER_PATTERN = '{agency}依申请公开〔{year}〕第{seq}号';

/** Problems with a pattern (empty when usable): it must hold `{year}` and `{seq}` and nothing unknown in braces. */
export function patternProblems(pattern: string): string[] {
  const problems: string[] = [];
  if (!/\{year\}/.test(pattern)) problems.push('must contain {year}');
  if (!/\{seq(?::\d)?\}/.test(pattern)) problems.push('must contain {seq} (or {seq:N} for N digits)');
  const unknown = pattern.replace(TOKEN, '').match(/\{[^}]*\}/g);
  if (unknown) problems.push(`has unknown fields ${unknown.join(', ')}`);
  return problems;
}

export function formatDocumentNumber(pattern: string, values: { agency: string; year: number; seq: number }): string {
  return pattern.replace(TOKEN, (_, name: string, width: string | undefined) => {
    if (name === 'agency') return values.agency;
    if (name === 'year') return String(values.year);
    return width ? String(values.seq).padStart(Number(width), '0') : String(values.seq);
  });
}
