/**
 * A worklist cursor comes back from the client: only a key with exactly the shape of a page's
 * LastEvaluatedKey may go to DynamoDB as ExclusiveStartKey (shared/store/keys.ts isWorklistStartKey);
 * anything else is a 422, never a ValidationException from DynamoDB (a 500).
 */
import { describe, expect, it } from 'vitest';
import { caseIndexKeys, caseKey, isWorklistStartKey, WORKLIST_FIRST_DATE, worklistPartition } from '../../../shared/store/keys.js';

const partition = worklistPartition('jz-zjj', 'open');
const id = '01KDVDNA00AAAAAAAAAAAAAAAA';
const lastKey = { ...caseKey(id), GSI1PK: partition, GSI1SK: caseIndexKeys({ id, agencyId: 'jz-zjj', status: 'received', dueDate: '2026-12-25' }).GSI1SK! };

describe('isWorklistStartKey', () => {
  it('accepts the LastEvaluatedKey of a page of the same worklist', () => {
    expect(isWorklistStartKey(lastKey, partition)).toBe(true);
  });

  it('accepts it within the dueBefore bound of the list it continues, and refuses it past the bound', () => {
    expect(isWorklistStartKey(lastKey, partition, '2026-12-25')).toBe(true);
    expect(isWorklistStartKey(lastKey, partition, '2027-01-10')).toBe(true);
    // DynamoDB: "The provided starting key does not match the range key predicate".
    expect(isWorklistStartKey(lastKey, partition, '2026-12-24')).toBe(false);
  });

  it.each([
    ['another worklist', { ...lastKey, GSI1PK: worklistPartition('hz', 'open') }],
    ['a missing attribute', { GSI1PK: partition, GSI1SK: lastKey.GSI1SK, PK: lastKey.PK }],
    ['an extra attribute', { ...lastKey, extra: 'x' }],
    ['an empty sort key', { ...lastKey, GSI1SK: '' }],
    ['a key of another kind of item', { ...lastKey, PK: 'AGENCY#jz', SK: 'AGENCY' }],
    ['a number where a string belongs', { ...lastKey, GSI1SK: 7 }],
    ['a sort key of another case', { ...lastKey, GSI1SK: '2026-12-25#01KDVDNA00BBBBBBBBBBBBBBBB' }],
    ['a sort key that is not <date>#<id>', { ...lastKey, GSI1SK: `2026-12-25#${id}\u{1f600}` }],
    ['an array', [lastKey]],
    ['null', null],
  ])('refuses %s', (_name, key) => {
    expect(isWorklistStartKey(key, partition)).toBe(false);
  });
});

describe('the closed worklist of anonymised cases (#13 item 8)', () => {
  const closed = worklistPartition('jz-zjj', 'closed');
  const keyOf = (anonymised: boolean) =>
    caseIndexKeys({ id, agencyId: 'jz-zjj', status: 'replied', receivedDate: '2015-03-02', closedDate: '2015-03-16', anonymised }).GSI1SK!;

  it('sorts an anonymised case below every closing date, out of the retention job range, and keeps its place in the list valid', () => {
    expect(keyOf(false)).toBe(`2015-03-16#${id}`);
    expect(keyOf(true)).toBe(`-2015-03-16#${id}`);
    expect(keyOf(true) < WORKLIST_FIRST_DATE).toBe(true);
    expect(keyOf(false) >= WORKLIST_FIRST_DATE).toBe(true);
    expect(isWorklistStartKey({ ...caseKey(id), GSI1PK: closed, GSI1SK: keyOf(true) }, closed)).toBe(true);
    expect(isWorklistStartKey({ ...caseKey(id), GSI1PK: closed, GSI1SK: `--2015-03-16#${id}` }, closed)).toBe(false);
  });
});

describe('WRITABLE_KEYS (IAM dynamodb:LeadingKeys patterns)', () => {
  const matches = (pattern: string, key: string) => new RegExp(`^${pattern.replaceAll('*', '.*')}$`).test(key);
  it('match the partition keys of the items they name, and no other kind of item', async () => {
    const k = await import('../../../shared/store/keys.js');
    const id = '01JDQ0000000000000000000AB';
    expect(matches(k.WRITABLE_KEYS.case, k.caseKey(id).PK)).toBe(true);
    expect(matches(k.WRITABLE_KEYS.case, k.eventKey(id, 3).PK)).toBe(true);
    expect(matches(k.WRITABLE_KEYS.case, k.filingItemKeys('jz', id, 4, '2026-03-02').PK)).toBe(true);
    expect(matches(k.WRITABLE_KEYS.publicIdempotency, k.idempotencyKey('public', 'h').PK)).toBe(true);
    expect(matches(k.WRITABLE_KEYS.publicIdempotency, k.idempotencyKey('officer:sub', 'h').PK)).toBe(false);
    expect(matches(k.WRITABLE_KEYS.publicContentIdempotency, k.idempotencyKey('content:public', 'h').PK)).toBe(true);
    expect(matches(k.WRITABLE_KEYS.publicContentIdempotency, k.idempotencyKey('content:register:jz', 'h').PK)).toBe(false);
    expect(matches(k.WRITABLE_KEYS.rateCounter, k.rateLimitKey('client:198.51.100.1', 0).PK)).toBe(true);
    const others = [k.agencyKey('jz').PK, k.calendarKey(2026, null).PK, k.reportKey('jz', 2025, 'cn-2021', 'self').PK];
    for (const pattern of Object.values(k.WRITABLE_KEYS)) for (const other of others) expect(matches(pattern, other)).toBe(false);
  });
});
