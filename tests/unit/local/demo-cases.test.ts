/**
 * The demo-case generator (infra/local/demo-cases.ts): deterministic from its seed, with the mix the demo
 * promises (channels, applicant kinds, every outcome code the year's regimes allow, withdrawals,
 * corrections, consultations, extensions, late replies, appeals of every kind) and nothing the law
 * refuses in a plan (no correction notice or 2019-only code under the 2008 Regulation).
 */
import { describe, expect, it } from 'vitest';
import { OUTCOME_CODES, OUTCOME_CODE_LIST } from '../../../shared/domain/outcome-codes.js';
import { CHANNELS } from '../../../shared/domain/types.js';
import { generateScenarios, seededRandom, type CaseScenario } from '../../../infra/local/demo-cases.js';

const agencies = [
  { id: 'jz-zjj', weight: 3 },
  { id: 'jz-linxi', weight: 1 },
];

function count<T>(items: readonly T[], key: (item: T) => string | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) {
    const k = key(item);
    if (k !== undefined) out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

const channelOf = (s: CaseScenario) => (s.arrival.kind === 'online' ? 'online' : s.arrival.channel);

describe('generateScenarios', () => {
  it('is deterministic from the seed, and another seed gives other cases', () => {
    const a = generateScenarios({ seed: 42, year: 2025, count: 200, agencies });
    expect(generateScenarios({ seed: 42, year: 2025, count: 200, agencies })).toEqual(a);
    expect(generateScenarios({ seed: 43, year: 2025, count: 200, agencies })).not.toEqual(a);
    expect(seededRandom(7)()).toBe(seededRandom(7)());
  });

  it('gives a realistic mix over 2000 cases', () => {
    const scenarios = generateScenarios({ seed: 1, year: 2025, count: 2000, agencies });
    const channels = count(scenarios, channelOf);
    expect(Object.keys(channels).sort()).toEqual([...CHANNELS].sort());
    // Mostly online, then in person and mail; fax rare.
    expect(channels.online!).toBeGreaterThan(1000);
    expect(channels.online!).toBeGreaterThan(channels.in_person!);
    expect(channels.in_person! + channels.mail!).toBeGreaterThan(400);
    expect(channels.fax!).toBeLessThan(60);

    const applicants = count(scenarios, (s) => (s.application.applicant.type === 'natural_person' ? 'natural_person' : s.application.applicant.organizationType));
    expect(Object.keys(applicants).sort()).toEqual(['commercial', 'legal_services', 'natural_person', 'other', 'research', 'social_welfare']);
    expect(applicants.natural_person! / 2000).toBeGreaterThan(0.8);

    const replies = scenarios.flatMap((s) => (s.closing.kind === 'reply' ? [s.closing] : []));
    const outcomes = count(replies, (r) => r.outcome);
    const expected = OUTCOME_CODE_LIST.filter((code) => code !== 'other.no_correction' && (OUTCOME_CODES[code].regimes as readonly string[]).includes('2019'));
    expect(Object.keys(outcomes).sort()).toEqual([...expected].sort());
    // Disclosed (with already public) is the most common answer; each withheld reason is rare.
    expect((outcomes.disclosed! + outcomes.already_public!) / replies.length).toBeGreaterThan(0.3);
    expect(outcomes['withheld.state_secret']!).toBeLessThan(20);

    expect(count(replies, (r) => r.timing)).toMatchObject({ on_time: expect.any(Number), extended: expect.any(Number), overdue: expect.any(Number) });
    expect(scenarios.filter((s) => s.closing.kind === 'withdraw').length).toBeGreaterThan(40);
    expect(scenarios.filter((s) => s.closing.kind === 'stays_open').length).toBeGreaterThan(5);
    expect(scenarios.filter((s) => s.correction?.response === 'abandoned').length).toBeGreaterThan(20);
    expect(scenarios.filter((s) => s.correction?.response === 'corrected').length).toBeGreaterThan(40);
    expect(scenarios.filter((s) => s.consultation !== undefined).length).toBeGreaterThan(40);

    const appeals = scenarios.flatMap((s) => s.appeals);
    expect(count(appeals, (a) => a.kind)).toMatchObject({ reconsideration: expect.any(Number), lawsuit: expect.any(Number), complaint: expect.any(Number) });
    expect(appeals.some((a) => a.kind === 'reconsideration' && a.lawsuit !== undefined)).toBe(true);
    expect(appeals.some((a) => a.decision === undefined)).toBe(true);
    expect(appeals.some((a) => a.decision !== undefined)).toBe(true);
    expect(count(scenarios, (s) => s.agencyId)['jz-zjj']!).toBeGreaterThan(1300);
  });

  it('plans nothing the 2008 Regulation refuses for a year before the 2019 Regulation', () => {
    const scenarios = generateScenarios({ seed: 5, year: 2017, count: 600, agencies });
    expect(scenarios.filter((s) => s.correction !== undefined)).toEqual([]);
    const outcomes = new Set(scenarios.flatMap((s) => (s.closing.kind === 'reply' ? [s.closing.outcome] : [])));
    for (const code of outcomes) expect(OUTCOME_CODES[code].regimes as readonly string[], code).toContain('2008');
    expect(outcomes).toContain('correction_requested');
    expect(scenarios.filter((s) => s.consultation?.party === 'other_agency')).toEqual([]);
  });

  it('plans unavailable.still_unclear only after a correction received', () => {
    const scenarios = generateScenarios({ seed: 9, year: 2025, count: 2000, agencies });
    const unclear = scenarios.filter((s) => s.closing.kind === 'reply' && s.closing.outcome === 'unavailable.still_unclear');
    expect(unclear.length).toBeGreaterThan(0);
    for (const s of unclear) expect(s.correction?.response).toBe('corrected');
  });
});

describe('demo applicants', () => {
  it('carry identity numbers with valid check characters (GB 11643, GB 32100): every applicant passes the form schema', async () => {
    const { Applicant } = await import('../../../shared/http/schemas.js');
    const scenarios = generateScenarios({ seed: 7, year: 2025, count: 300, agencies });
    const kinds = new Set<string>();
    for (const s of scenarios) {
      const parsed = Applicant.safeParse(s.application.applicant);
      expect(parsed.success, JSON.stringify(s.application.applicant)).toBe(true);
      kinds.add(s.application.applicant.idDocument.type);
    }
    expect([...kinds].sort()).toEqual(['resident_id', 'unified_social_credit_code']);
  });
});
