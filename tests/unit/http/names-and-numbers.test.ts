/**
 * Names and numbers (issue 13, item 11): bidi controls and zero-width characters are refused in names and
 * numbers (422 with the path); the citizen identity number carries its GB 11643 check character (ISO 7064
 * MOD 11-2), the unified social credit code its GB 32100 one; other documents are checked for format.
 */
import { describe, expect, it } from 'vitest';
import { creditCodeCheckCharacter, residentIdCheckCharacter } from '../../../shared/domain/id-numbers.js';
import { ValidationError } from '../../../shared/domain/errors.js';
import { parseOrThrow } from '../../../shared/http/problem.js';
import { CaseActionBody, PutAgencyBody, SubmitApplicationBody } from '../../../shared/http/schemas.js';
import { legalPersonApplication, naturalPersonApplication } from '../../fixtures/applications.js';

function problemsOf(schema: Parameters<typeof parseOrThrow>[0], body: unknown) {
  try {
    parseOrThrow(schema, body, ['body']);
  } catch (error) {
    if (error instanceof ValidationError) return error.problems;
    throw error;
  }
  return [];
}

function withDocument(type: string, number: string) {
  const body = naturalPersonApplication() as Record<string, any>;
  body.applicant.idDocument = { type, number };
  return body;
}

const NUMBER_PATH = ['body', 'applicant', 'idDocument', 'number'];

describe('check characters', () => {
  it('GB 11643: the standard\'s own example 11010519491231002X, and X for 10', () => {
    expect(residentIdCheckCharacter('11010519491231002')).toBe('X');
    expect(residentIdCheckCharacter('11010119900307777')).toBe('4');
  });

  it('GB 32100: the published example 91350100M000100Y43', () => {
    expect(creditCodeCheckCharacter('91350100M000100Y4')).toBe('3');
  });
});

describe('identity documents in the form', () => {
  it('accepts valid numbers (a lower-case x is the check character X)', () => {
    expect(problemsOf(SubmitApplicationBody, withDocument('resident_id', '110101199003077774'))).toEqual([]);
    const lower = parseOrThrow(SubmitApplicationBody, withDocument('resident_id', '11010519491231002x'), ['body']);
    expect(lower.applicant.idDocument.number).toBe('11010519491231002X');
    expect(problemsOf(SubmitApplicationBody, legalPersonApplication())).toEqual([]);
    expect(problemsOf(SubmitApplicationBody, withDocument('unified_social_credit_code', '91350100M000100Y43'))).toEqual([]);
    expect(problemsOf(SubmitApplicationBody, withDocument('passport', 'E12345678'))).toEqual([]);
    expect(problemsOf(SubmitApplicationBody, withDocument('business_license', '310000000000001'))).toEqual([]);
    expect(problemsOf(SubmitApplicationBody, withDocument('other', '军官证 第00123号'))).toEqual([]);
  });

  it.each([
    ['resident_id', '110101199003077777', /check character \(GB 11643\)/],
    ['resident_id', '11010119900307777', /18-character/],
    ['resident_id', '110101199002307774', /date of birth/],
    ['resident_id', '110101900307777', /18-character/], // a first-generation 15-digit number
    ['unified_social_credit_code', '91350100M000100Y44', /check character \(GB 32100\)/],
    ['unified_social_credit_code', '91350100M000100YO3', /credit code/],
    ['business_license', '91350100M000100Y44', /check character \(GB 32100\)/],
    ['passport', 'E123', /passport number/],
    ['travel_permit', 'C-1234567', /permit number/],
  ])('%s %s → 422 at idDocument.number', (type, number, message) => {
    const problems = problemsOf(SubmitApplicationBody, withDocument(type, number));
    expect(problems).toHaveLength(1);
    expect(problems[0]!.path).toEqual(NUMBER_PATH);
    expect(problems[0]!.message).toMatch(message);
  });
});

describe('invisible characters in names and numbers', () => {
  const invisible = {
    'zero-width space': '\u200b',
    'zero-width non-joiner': '\u200c',
    'zero-width joiner': '\u200d',
    'word joiner': '\u2060',
    'byte order mark': '\ufeff',
    'left-to-right mark': '\u200e',
    'right-to-left mark': '\u200f',
    'arabic letter mark': '\u061c',
    'right-to-left override': '\u202e',
    'left-to-right embedding': '\u202a',
    'first strong isolate': '\u2068',
    'pop directional isolate': '\u2069',
  };
  for (const [what, char] of Object.entries(invisible)) {
    it(`${what} (U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}): refused in the applicant's name, the document number, an agency name and a consulted party`, () => {
      const name = naturalPersonApplication() as Record<string, any>;
      name.applicant.name = `张${char}三`;
      expect(problemsOf(SubmitApplicationBody, name)).toEqual([
        { path: ['body', 'applicant', 'name'], message: 'must not contain bidirectional control or zero-width characters' },
      ]);
      const number = withDocument('other', `A${char}123`);
      expect(problemsOf(SubmitApplicationBody, number).map((p) => p.path)).toEqual([NUMBER_PATH]);
      const doc = naturalPersonApplication() as Record<string, any>;
      doc.request.documentNumber = `江建〔2025〕${char}12号`;
      expect(problemsOf(SubmitApplicationBody, doc).map((p) => p.path)).toEqual([['body', 'request', 'documentNumber']]);
      expect(problemsOf(PutAgencyBody, { name: `江州市${char}住房和城乡建设局`, parentId: 'jz' }).map((p) => p.path)).toEqual([['body', 'name']]);
      const consult = { type: 'start_consultation', expectedVersion: 1, party: 'third_party', name: `恒信${char}置业` };
      expect(problemsOf(CaseActionBody, consult).map((p) => p.path)).toEqual([['body', 'name']]);
    });
  }

  it('ordinary names in other scripts pass (维吾尔文 without controls, a Tibetan name, a name with a middle dot)', () => {
    for (const name of ['ئابدۇرېھىم', 'བཀྲ་ཤིས་', '买买提·艾力', 'José Müller']) {
      const body = naturalPersonApplication() as Record<string, any>;
      body.applicant.name = name;
      expect(problemsOf(SubmitApplicationBody, body)).toEqual([]);
    }
  });
});
