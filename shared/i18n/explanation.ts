/**
 * The deadline explanation in the reader's language. The domain (shared/domain/explanation.ts) keeps
 * its explanation as structured data with an English summary; here the summary is written again from
 * the same facts in Chinese — received when, how many working days, which stretches were not counted,
 * paused or extended, provisional and why — and each stretch's rule and the counting rule are taken
 * from the catalogue.
 */
import type { DeadlineExplanation } from '../domain/explanation.js';
import { ART35_PERIOD_CITATION } from '../domain/clock.js';
import { excludedKind, pausedByFee } from '../domain/explanation.js';
import type { Locale } from './locale.js';
import { message, translate } from './messages.js';

/** The catalogue's words for the working days not counted, by what they were (domain `excludedKind`). */
const NOT_COUNTED = { consultation: 'deadline.not_counted', fee: 'deadline.not_counted_fee', both: 'deadline.not_counted_both' } as const;

function summary(e: DeadlineExplanation, locale: Locale): string {
  const law = message(locale, e.regime === '2008' ? 'law.2008.reply' : 'law.2019.reply');
  const total = e.workingDays + e.extensionDays;
  if (e.awaitingCorrection) {
    return message(locale, 'deadline.awaiting_correction', { total, law: message(locale, 'rule.2019.correction') });
  }
  const restarted = e.stretches.some((s) => s.kind === 'restart');
  const start = restarted
    ? message(locale, 'deadline.start_restart', { date: e.clockStart ?? '' })
    : message(locale, 'deadline.start_receipt', { date: e.receivedDate });
  const excluded = e.stretches.reduce((sum, s) => sum + (s.kind === 'excluded' ? (s.workingDays ?? 0) : 0), 0);
  const notCounted = excluded > 0 ? message(locale, NOT_COUNTED[excludedKind(e.stretches)], { days: excluded }) : '';
  const provisional = e.provisional ? message(locale, 'deadline.provisional', { reason: translate(locale, e.provisionalReason ?? '') }) : '';
  if (e.dueDate === null) {
    return message(locale, pausedByFee(e.stretches) ? 'deadline.paused_fee' : 'deadline.paused', { since: e.pausedSince ?? '', left: e.workingDaysLeft ?? 0, total, start, notCounted, law }) + provisional;
  }
  const period =
    e.extensionDays > 0
      ? message(locale, 'deadline.period_extended', { days: e.workingDays, extension: e.extensionDays })
      : message(locale, 'deadline.period', { days: e.workingDays });
  const pause = e.paused ? message(locale, 'deadline.pause_after_due', { date: e.pausedSince ?? '' }) : '';
  const art35 = e.stretches.find((s) => s.kind === 'extension' && s.rule === ART35_PERIOD_CITATION);
  if (art35 !== undefined) {
    const replaced = e.stretches[e.stretches.indexOf(art35) - 1]?.to ?? '';
    return message(locale, 'deadline.due_art35', { due: e.dueDate, period, start, notCounted, replaced, law }) + pause + provisional;
  }
  return message(locale, 'deadline.due', { due: e.dueDate, period, start, notCounted, law }) + pause + provisional;
}

/** The explanation with its human texts in `locale` (English: unchanged). */
export function localizeExplanation<E extends DeadlineExplanation | undefined>(e: E, locale: Locale): E {
  if (e === undefined || locale === 'en') return e;
  return {
    ...e,
    regulation: message(locale, e.regime === '2008' ? 'law.2008' : 'law.2019'),
    provisionalReason: e.provisionalReason === null ? null : translate(locale, e.provisionalReason),
    summary: summary(e, locale),
    counting: message(locale, 'deadline.counting'),
    stretches: e.stretches.map((s) => ({ ...s, rule: translate(locale, s.rule) })),
  };
}

/** A case as officers read it: its deadline explanation (and provisional reason) in `locale`. */
export function localizeCaseView<C extends { state: { explanation?: DeadlineExplanation; provisionalReason?: string } }>(view: C, locale: Locale): C {
  if (locale === 'en') return view;
  const state = { ...view.state };
  if (state.explanation) state.explanation = localizeExplanation(state.explanation, locale);
  if (state.provisionalReason) state.provisionalReason = translate(locale, state.provisionalReason);
  return { ...view, state };
}
