/**
 * The per-item count of the information processing fee (国办函〔2020〕109号 Art. 4: 同一申请人一个自然月内累计申请;
 * policy P14, docs/domain.md "Policies"): how many items the same applicant (the same identity document, by its
 * blind index) asked this agency for in the natural month of this case's receipt, before this case. Read with
 * one Query on the receipt-year index (the month's range of receipt dates, sorted by date then case id) and
 * BatchGetItem for the cases' blind index and fee; never a Scan.
 */
import type { Db } from './client.js';
import { caseKey, receivedYearPartition } from './keys.js';
import { batchGetEach, queryAll } from './query.js';
import { INDEXES } from './table-definition.js';

export interface FeeCountSubject {
  id: string;
  agencyId: string;
  receivedDate: string;
  /** The blind index of the applicant's identity document (shared/crypto/field-encryption.ts identityIndex). */
  identityIndex: string;
}

/**
 * The applicant's items earlier in the month: each earlier application received by the agency in the month
 * counts 1, or the items of its own per-item fee notice (一事一申请).
 */
export async function applicantItemsEarlierInMonth(db: Db, subject: FeeCountSubject): Promise<number> {
  const month = subject.receivedDate.slice(0, 7);
  const rows = await queryAll(db, {
    IndexName: INDEXES.byAgencyReceivedYear.indexName,
    KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
    ExpressionAttributeNames: { '#pk': INDEXES.byAgencyReceivedYear.partitionKey, '#sk': INDEXES.byAgencyReceivedYear.sortKey },
    ExpressionAttributeValues: {
      ':pk': receivedYearPartition(subject.agencyId, month.slice(0, 4)),
      ':from': `${month}-01`,
      ':to': `${subject.receivedDate}#${subject.id}`,
    },
  });
  const ids = rows
    .map((row) => String(row[INDEXES.byAgencyReceivedYear.sortKey] ?? ''))
    .map((sortKey) => sortKey.slice(sortKey.indexOf('#') + 1))
    .filter((id) => id !== '' && id !== subject.id);
  let items = 0;
  await batchGetEach(
    db,
    ids.map((id) => caseKey(id)),
    { ProjectionExpression: '#ix, #st.#fee', ExpressionAttributeNames: { '#ix': 'identityIndex', '#st': 'state', '#fee': 'fee' } },
    (found) => {
      for (const item of found) {
        if (item.identityIndex !== subject.identityIndex) continue;
        const fee = (item.state as { fee?: { method?: string; units?: number } } | undefined)?.fee;
        items += fee?.method === 'per_item' && typeof fee.units === 'number' ? fee.units : 1;
      }
    },
    { what: 'case items' },
  );
  return items;
}
