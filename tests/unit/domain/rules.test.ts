/**
 * The rules catalogue (shared/domain/rules.ts): every rule has its article and a message in zh and en
 * with the same parameters, and a refusal reaches the 422 answer with its id, citation and both texts.
 */
import { describe, expect, it } from 'vitest';
import { IllegalActionError } from '../../../shared/domain/errors.js';
import { refuse, RULES, ruleMessages, type RuleId } from '../../../shared/domain/rules.js';
import { errorToProblem } from '../../../shared/http/problem.js';

const placeholders = (text: string): string[] => [...text.matchAll(/\{([a-zA-Z]+)\}/g)].map((m) => m[1] as string).sort();

describe('the rules catalogue', () => {
  it.each(Object.keys(RULES) as RuleId[])('%s has a citation and zh/en messages with the same parameters', (id) => {
    const entry = RULES[id];
    expect(entry.citation.length).toBeGreaterThan(5);
    expect(entry.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(entry.en).toMatch(/[a-z]/);
    expect(new Set(placeholders(entry.zh))).toEqual(new Set(placeholders(entry.en)));
  });

  it('fills the parameters in both languages', () => {
    expect(ruleMessages('extension.after_deadline', { dueDate: '2026-06-30', citation: 'Art. 33' })).toEqual({
      zh: '答复期限为 2026-06-30:延期须在期限届满之日或之前批准(Art. 33)。',
      en: 'The reply deadline was 2026-06-30: an extension must be approved on or before it (需要延长答复期限的, Art. 33).',
    });
  });

  it('a refusal becomes a 422 problem with the rule id, its citation and the message in zh and en', () => {
    let error: unknown;
    try {
      refuse('correction.only_once', { citation: 'Art. 30', requestedOn: '2026-03-05' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(IllegalActionError);
    const { problem } = errorToProblem(error, 'req-1');
    expect(problem).toMatchObject({
      status: 422,
      rule: 'correction.only_once',
      citation: RULES['correction.only_once'].citation,
      detail: 'A correction notice is given one time only (一次性告知, Art. 30); one was given on 2026-03-05.',
      messages: {
        zh: '补正告知只能一次性告知(Art. 30);本案已于 2026-03-05 告知补正。',
        en: 'A correction notice is given one time only (一次性告知, Art. 30); one was given on 2026-03-05.',
      },
    });
  });
});
