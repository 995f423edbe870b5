import { describe, expect, it } from 'vitest';
import { IllegalActionError } from '../../../shared/domain/errors.js';
import { REGIMES, regimeFor, REGULATION_2019_EFFECTIVE } from '../../../shared/domain/regime.js';

describe('the two regimes (docs/domain.md §2)', () => {
  it('chooses the regime by the receipt date: 2008 Regulation before 2019-05-15, 2019 Regulation from it', () => {
    expect(REGULATION_2019_EFFECTIVE).toBe('2019-05-15');
    expect(regimeFor('2008-05-01')).toBe('2008');
    expect(regimeFor('2019-05-14')).toBe('2008');
    expect(regimeFor('2019-05-15')).toBe('2019');
    expect(regimeFor('2026-01-04')).toBe('2019');
  });

  it('refuses a receipt before the 2008 Regulation took effect (2008-05-01)', () => {
    let error: unknown;
    try {
      regimeFor('2008-04-30');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(IllegalActionError);
    expect((error as IllegalActionError).rule).toBe('receipt.before_regulation');
    expect((error as IllegalActionError).message).toContain('国务院令第492号');
  });

  it('2008 Regulation (国务院令第492号) Art. 24: 15 working days, one extension ≤ 15, no correction notice, third parties only', () => {
    const r = REGIMES['2008'];
    expect([r.replyWorkingDays, r.maxExtensionDays]).toEqual([15, 15]);
    expect(r.correction).toBeNull();
    expect(r.excludedConsultations.third_party).toContain('Art. 24 ¶3');
    expect(r.excludedConsultations.other_agency).toBeNull();
    expect(r.replyCitation).toContain('国务院令第492号');
    expect(r.replyCitation).toContain('Art. 24');
  });

  it('2019 Regulation (国务院令第711号) Art. 33: 20 working days, one extension ≤ 20; Art. 30: correction notice within 7', () => {
    const r = REGIMES['2019'];
    expect([r.replyWorkingDays, r.maxExtensionDays]).toEqual([20, 20]);
    expect(r.correction?.noticeWithinWorkingDays).toBe(7);
    expect(r.correction?.citation).toContain('Art. 30');
    expect(r.excludedConsultations.third_party).toContain('Art. 32');
    expect(r.excludedConsultations.other_agency).toContain('Art. 34');
    expect(r.replyCitation).toContain('国务院令第711号');
    expect(r.extensionCitation).toContain('Art. 33');
  });
});
