/**
 * The year-end statistics over DynamoDB Local (docs/domain.md §7), from cases created through the services
 * (registerCase, submitApplication, actOnCase), never inserted raw. The figures of jz-zjj were counted by
 * hand from the case list below; every cell of the cn-2021 table is compared.
 *
 * jz-zjj (江州市住房和城乡建设局), Beijing dates:
 * | case | applicant      | channel   | received   | what happens                                                        |
 * |------|----------------|-----------|------------|---------------------------------------------------------------------|
 * | C1   | natural        | in person | 2025-03-03 | disclosed 2025-03-10                                                |
 * | C2   | commercial     | mail      | 2025-04-01 | partially disclosed 2025-04-15                                      |
 * | C3   | natural        | online    | 2025-05-06 | (submitted online, auto-confirmed) withheld: privacy 2025-05-20     |
 * | C4   | research       | e-mail    | 2025-06-03 | correction asked 06-05, due 06-20; closed, no correction 06-23       |
 * | C5   | natural        | fax       | 2025-07-01 | withdrawn 2025-07-03                                                |
 * | C6   | legal services | other     | 2025-08-04 | fee unpaid 2025-08-20                                               |
 * | C7   | natural        | in person | 2025-12-31 | disclosed 2026-01-05                                                |
 * | C8   | natural        | mail      | 2024-11-15 | not held 2025-01-10 (after its deadline: overdue); complaint 02-10  |
 * | C9   | natural        | online    | 2024-12-02 | disclosed 2024-12-20; reconsideration 2025-01-15, corrected 04-10;  |
 * |      |                |           |            | lawsuit after reconsideration 2025-04-20, pending                   |
 * | C10  | social welfare | in person | 2025-09-01 | withheld: process info 09-15; direct lawsuit 2026-01-20, upheld 03-02 |
 * | C11  | other org.     | mail      | 2025-10-09 | duplicate 2025-10-20; complaint 2025-11-03, pending                 |
 * | C12  | natural        | e-mail    | 2025-11-03 | consultation from 2025-11-10, still open                            |
 * | C13  | natural        | online    | 2026-01-04 | submitted 2025-12-31T16:30Z = 00:30 on 1 Jan 2026 in Beijing        |
 * | C15  | commercial     | in person | 2024-03-04 | withheld: state secret 2024-03-20                                   |
 * | C16  | natural        | mail      | 2023-10-09 | disclosed 2024-01-15; reconsideration 2024-02-01, upheld 04-01      |
 * | C17  | natural        | in person | 2024-05-06 | disclosed 2024-05-20; complaint 2025-03-03, upheld 2025-04-01       |
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrap } from '../../infra/local/bootstrap.js';
import { ValidationError } from '../../shared/domain/errors.js';
import type { CaseActionBody, RegisterCaseBody } from '../../shared/http/schemas.js';
import type { Report } from '../../shared/reports/aggregate.js';
import { consolidate } from '../../shared/reports/consolidate.js';
import { submitApplication } from '../../shared/services/applications.js';
import { actOnCase, registerCase } from '../../shared/services/cases.js';
import { cellCases } from '../../shared/services/report-cells.js';
import { generateReport, readReport } from '../../shared/services/reports.js';
import { getCase } from '../../shared/store/cases.js';
import type { Db } from '../../shared/store/client.js';
import { reportCases } from '../../shared/store/report-source.js';
import { folderReportStorage, type ReportStorage } from '../../shared/store/report-storage.js';
import { getReportRecord, putReportRecord } from '../../shared/store/reports.js';
import { DEMO_AGENCIES } from '../../infra/local/demo-data.js';
import { legalPersonApplication, naturalPersonApplication } from '../fixtures/applications.js';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { expectTable } from '../unit/reports/report-fixtures.js';
import { ReportIdentityError } from '../../shared/errors.js';
import type { Caller } from '../../shared/caller.js';
import { UnitPreconditionError } from '../../shared/services/fan-out.js';
import { publishYearEndReports, runJobLocally } from '../../shared/services/job-runs.js';
import { runYearEndUnit } from '../../shared/services/year-end.js';
import { reportFileKeys } from '../../shared/services/report-publishing.js';

let db: TestDb;
let storage: ReportStorage;
let folder: string;

/** 10:00 in Beijing on `date` (02:00 UTC). */
const at = (date: string) => new Date(`${date}T02:00:00Z`);
/** After the turn of 2025/2026 and of 2026/2027 (reports need a `now` after the year). */
const AFTER_2025 = at('2026-11-20');
const AFTER_2026 = at('2027-01-05');

const officer = (agencyId: string): Caller => ({ sub: `officer@${agencyId}`, name: `officer of ${agencyId}`, agencyId, roles: ['officer'] });

type Organization = 'commercial' | 'research' | 'social_welfare' | 'legal_services' | 'other';

function applicationOf(applicant: 'natural' | Organization) {
  if (applicant === 'natural') return naturalPersonApplication();
  const body = legalPersonApplication();
  return { ...body, applicant: { ...body.applicant, organizationType: applicant } };
}

async function register(
  agencyId: string,
  receivedDate: string,
  applicant: 'natural' | Organization,
  channel: RegisterCaseBody['channel'],
): Promise<string> {
  const { agencyId: _a, ...application } = applicationOf(applicant);
  const view = await registerCase(db, officer(agencyId), { ...application, agencyId, channel, receivedDate }, { now: at(receivedDate) });
  return view.id;
}

type Action = Omit<CaseActionBody, 'expectedVersion' | 'date'> & Record<string, unknown>;

async function act(id: string, date: string, action: Action): Promise<void> {
  const record = await getCase(db, id);
  if (!record) throw new Error(`no case ${id}`);
  await actOnCase(db, officer(record.agencyId), id, { ...action, date, expectedVersion: record.version } as CaseActionBody, at(date));
}

const ids: Record<string, string> = {};

async function createDataset(): Promise<void> {
  ids.C1 = await register('jz-zjj', '2025-03-03', 'natural', 'in_person');
  await act(ids.C1, '2025-03-10', { type: 'reply', outcome: 'disclosed' });
  ids.C2 = await register('jz-zjj', '2025-04-01', 'commercial', 'mail');
  await act(ids.C2, '2025-04-15', { type: 'reply', outcome: 'partially_disclosed' });
  ids.C3 = (await submitApplication(db, naturalPersonApplication('jz-zjj'), { now: new Date('2025-05-06T02:00:00Z') })).body.id;
  await act(ids.C3, '2025-05-20', { type: 'reply', outcome: 'withheld.privacy' });
  ids.C4 = await register('jz-zjj', '2025-06-03', 'research', 'email');
  await act(ids.C4, '2025-06-05', { type: 'request_correction', items: ['请写明所需信息的名称或文号'], correctionDueDate: '2025-06-20' });
  await act(ids.C4, '2025-06-23', { type: 'close_no_correction' });
  ids.C5 = await register('jz-zjj', '2025-07-01', 'natural', 'fax');
  await act(ids.C5, '2025-07-03', { type: 'withdraw' });
  ids.C6 = await register('jz-zjj', '2025-08-04', 'legal_services', 'other');
  await act(ids.C6, '2025-08-20', { type: 'reply', outcome: 'other.fee_unpaid' });
  ids.C7 = await register('jz-zjj', '2025-12-31', 'natural', 'in_person');
  await act(ids.C7, '2026-01-05', { type: 'reply', outcome: 'disclosed' });
  ids.C8 = await register('jz-zjj', '2024-11-15', 'natural', 'mail');
  await act(ids.C8, '2025-01-10', { type: 'reply', outcome: 'unavailable.not_held' });
  await act(ids.C8, '2025-02-10', { type: 'file_complaint' });
  ids.C9 = await register('jz-zjj', '2024-12-02', 'natural', 'online');
  await act(ids.C9, '2024-12-20', { type: 'reply', outcome: 'disclosed' });
  await act(ids.C9, '2025-01-15', { type: 'file_reconsideration' });
  await act(ids.C9, '2025-04-10', { type: 'decide_reconsideration', result: 'corrected' });
  await act(ids.C9, '2025-04-20', { type: 'file_lawsuit', afterReconsideration: true });
  ids.C10 = await register('jz-zjj', '2025-09-01', 'social_welfare', 'in_person');
  await act(ids.C10, '2025-09-15', { type: 'reply', outcome: 'withheld.process_info' });
  await act(ids.C10, '2026-01-20', { type: 'file_lawsuit', afterReconsideration: false });
  await act(ids.C10, '2026-03-02', { type: 'decide_lawsuit', result: 'upheld' });
  ids.C11 = await register('jz-zjj', '2025-10-09', 'other', 'mail');
  await act(ids.C11, '2025-10-20', { type: 'reply', outcome: 'not_processed.duplicate' });
  await act(ids.C11, '2025-11-03', { type: 'file_complaint' });
  ids.C12 = await register('jz-zjj', '2025-11-03', 'natural', 'email');
  await act(ids.C12, '2025-11-10', { type: 'start_consultation', party: 'third_party', name: '江州市示例置业有限公司' });
  ids.C13 = (await submitApplication(db, naturalPersonApplication('jz-zjj'), { now: new Date('2025-12-31T16:30:00Z') })).body.id;
  ids.C15 = await register('jz-zjj', '2024-03-04', 'commercial', 'in_person');
  await act(ids.C15, '2024-03-20', { type: 'reply', outcome: 'withheld.state_secret' });
  ids.C16 = await register('jz-zjj', '2023-10-09', 'natural', 'mail');
  await act(ids.C16, '2024-01-15', { type: 'reply', outcome: 'disclosed' });
  await act(ids.C16, '2024-02-01', { type: 'file_reconsideration' });
  await act(ids.C16, '2024-04-01', { type: 'decide_reconsideration', result: 'upheld' });
  ids.C17 = await register('jz-zjj', '2024-05-06', 'natural', 'in_person');
  await act(ids.C17, '2024-05-20', { type: 'reply', outcome: 'disclosed' });
  await act(ids.C17, '2025-03-03', { type: 'file_complaint' });
  await act(ids.C17, '2025-04-01', { type: 'decide_complaint', result: 'upheld' });

  // A little in the 青山区 subtree and in 发改委 (consolidation, identity 6 failure).
  ids.Q1 = await register('jz-qingshan', '2025-02-10', 'natural', 'in_person');
  await act(ids.Q1, '2025-02-20', { type: 'reply', outcome: 'already_public' });
  ids.Q2 = await register('jz-qingshan-zjj', '2025-12-29', 'commercial', 'mail');
  ids.Q3 = await register('jz-qingshan-zjj', '2025-03-12', 'natural', 'online');
  await act(ids.Q3, '2025-03-20', { type: 'reply', outcome: 'not_processed.petition' });
  await act(ids.Q3, '2025-05-06', { type: 'file_lawsuit', afterReconsideration: false });
  ids.F1 = await register('jz-fgw', '2024-12-16', 'natural', 'in_person');
  await act(ids.F1, '2025-01-06', { type: 'reply', outcome: 'disclosed' });
}

beforeAll(async () => {
  db = await createTestDb();
  await bootstrap(db.client, db, { demoAgencies: true });
  folder = mkdtempSync(join(tmpdir(), 'gongkai-reports-'));
  storage = folderReportStorage(folder);
  await createDataset();
}, 120_000);
afterAll(async () => {
  await db?.drop();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

/** The ids of the cases behind a figure, all pages (small pages of ids and of Query rows: cursors resume mid-page). */
async function drill(
  year: number,
  agencyId: string,
  cellId: string,
  scope: 'self' | 'subtree' = 'self',
  now = AFTER_2025,
  paging: { limit: number; pageSize?: number } = { limit: 3 },
): Promise<string[]> {
  const out: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await cellCases(db, { year, agencyId, scope, cellId, now, ...paging, ...(cursor ? { cursor } : {}) });
    out.push(...page.caseIds);
    cursor = page.cursor;
  } while (cursor);
  return out;
}

const name = (id: string) => Object.entries(ids).find(([, value]) => value === id)?.[0] ?? id;

describe('the cases of a year (shared/store/report-source.ts)', () => {
  it('streams received in Y, carried into Y, and appeals filed in Y on older cases, each case once', async () => {
    const seen: string[] = [];
    for await (const c of reportCases(db, { agencyId: 'jz-zjj', year: 2025, now: AFTER_2025 })) seen.push(name(c.id));
    // (a) received in 2025; (b) C8 carried in (its 2025 complaint does not bring it again); (c) C9 (two
    // filings in 2025, once) and C17 (a complaint).
    expect(seen.sort()).toEqual(['C1', 'C10', 'C11', 'C12', 'C17', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'C8', 'C9']);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('gives the same cases whatever the page size (markers of one case split across pages count once)', async () => {
    const all: string[] = [];
    for await (const c of reportCases(db, { agencyId: 'jz-zjj', year: 2025, now: AFTER_2025 })) all.push(c.id);
    for (const pageSize of [1, 2, 3]) {
      const seen: string[] = [];
      for await (const c of reportCases(db, { agencyId: 'jz-zjj', year: 2025, now: AFTER_2025, pageSize })) seen.push(c.id);
      expect(seen, `pages of ${pageSize}`).toEqual(all);
    }
  });

  it('takes a case received and closed in the year, with an appeal in the year, from (a) only', async () => {
    const seen: string[] = [];
    for await (const c of reportCases(db, { agencyId: 'jz-qingshan-zjj', year: 2025, now: AFTER_2025 })) seen.push(name(c.id));
    expect(seen.sort()).toEqual(['Q2', 'Q3']);
  });

  it('finds, for 2026, the case received 2025-12-31 and still open at New Year, the open one, the late 2026 receipt, the appeal of 2026 on a 2025 case, and the cases whose 2025 appeals are still pending', async () => {
    const seen: string[] = [];
    for await (const c of reportCases(db, { agencyId: 'jz-zjj', year: 2026, now: AFTER_2026 })) seen.push(name(c.id));
    // (d) carried-over appeals (law audit item 8): C8's complaint, C9's lawsuit, C11's complaint, all
    // filed in 2025 and pending on 1 January 2026.
    expect(seen.sort()).toEqual(['C10', 'C11', 'C12', 'C13', 'C7', 'C8', 'C9']);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('issues Queries and BatchGetItem, never a Scan', async () => {
    const sent: string[] = [];
    const spy: Db = {
      tableName: db.tableName,
      doc: new Proxy(db.doc, {
        get(target, property, receiver) {
          if (property !== 'send') return Reflect.get(target, property, receiver);
          return (command: { constructor: { name: string } }, ...rest: unknown[]) => {
            sent.push(command.constructor.name);
            return (target.send as (...args: unknown[]) => unknown).call(target, command, ...rest);
          };
        },
      }),
    };
    await readReport(spy, { year: 2025, agencyId: 'jz', scope: 'subtree', now: AFTER_2025 });
    await cellCases(spy, { year: 2025, agencyId: 'jz-zjj', scope: 'self', cellId: 'cn-2021.appeals.reconsideration_total', now: AFTER_2025, limit: 10 });
    expect(sent).toContain('QueryCommand');
    expect(sent).toContain('BatchGetCommand');
    expect(sent.filter((command) => !['QueryCommand', 'BatchGetCommand', 'GetCommand'].includes(command))).toEqual([]);
  });
});

describe('the cn-2021 table of jz-zjj, counted by hand', () => {
  let report2025: Report;

  it('2025: every cell', async () => {
    const view = await readReport(db, { year: 2025, agencyId: 'jz-zjj', scope: 'self', now: AFTER_2025 });
    expect(view.published).toBe(false);
    report2025 = view.report;
    expect(report2025.templateId).toBe('cn-2021');
    //                  自然人 商业 科研 公益 法律 其他 总计
    expectTable(report2025, {
      new: [5, 1, 1, 1, 1, 1, 10], // C1 C3 C5 C7 C12 | C2 | C4 | C10 | C6 | C11
      carried_in: [1, 0, 0, 0, 0, 0, 1], // C8
      disclosed: [1, 0, 0, 0, 0, 0, 1], // C1
      partial: [0, 1, 0, 0, 0, 0, 1], // C2
      withheld_4: [1, 0, 0, 0, 0, 0, 1], // C3 privacy
      withheld_6: [0, 0, 0, 1, 0, 0, 1], // C10 process information
      unavailable_1: [1, 0, 0, 0, 0, 0, 1], // C8 not held
      not_processed_2: [0, 0, 0, 0, 0, 1, 1], // C11 duplicate
      other_1: [0, 0, 1, 0, 0, 0, 1], // C4 no correction
      other_2: [0, 0, 0, 0, 1, 0, 1], // C6 fee unpaid
      other_3: [1, 0, 0, 0, 0, 0, 1], // C5 withdrawn
      total: [4, 1, 1, 1, 1, 1, 9],
      carried_out: [2, 0, 0, 0, 0, 0, 2], // C7 C12
      // 复议: C9 corrected | 直接起诉: none (C10's is 2026) | 复议后起诉: C9 pending
      appeals: [0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1],
    });
  });

  it('2026: the case received on 31 Dec carries in and is concluded; the 2026 appeal on a 2025 case counts in section 四 only', async () => {
    const view = await readReport(db, { year: 2026, agencyId: 'jz-zjj', scope: 'self', now: AFTER_2026 });
    expectTable(view.report, {
      new: [1, 0, 0, 0, 0, 0, 1], // C13, submitted at 00:30 on 1 January Beijing time
      carried_in: [2, 0, 0, 0, 0, 0, 2], // C7 C12
      disclosed: [1, 0, 0, 0, 0, 0, 1], // C7
      total: [1, 0, 0, 0, 0, 0, 1],
      carried_out: [2, 0, 0, 0, 0, 0, 2], // C12 C13
      // C10 direct lawsuit, upheld | C9's lawsuit after reconsideration, filed 2025-04-20, carried over pending
      appeals: [0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 1],
    });
    const cellsOfC10: string[] = [];
    for (const cell of Object.values(view.report.cells)) {
      if (cell.value > 0 && (await drill(2026, 'jz-zjj', cell.id, 'self', AFTER_2026)).includes(ids.C10!)) cellsOfC10.push(cell.id);
    }
    expect(cellsOfC10.sort()).toEqual(['cn-2021.appeals.lawsuit_direct_total', 'cn-2021.appeals.lawsuit_direct_upheld']);
    expect(await drill(2026, 'jz-zjj', 'cn-2021.carried_in.natural_person', 'self', AFTER_2026)).toContain(ids.C7);
    expect(await drill(2025, 'jz-zjj', 'cn-2021.carried_out.natural_person')).toContain(ids.C7);
  });

  it('a submission at 2025-12-31T16:30Z is received in 2026 (Beijing), not in 2025', async () => {
    const record = await getCase(db, ids.C13!);
    expect(record?.state.receivedDate).toBe('2026-01-04');
    expect(await drill(2025, 'jz-zjj', 'cn-2021.new.total')).not.toContain(ids.C13);
    expect(await drill(2026, 'jz-zjj', 'cn-2021.new.total', 'self', AFTER_2026)).toEqual([ids.C13]);
  });

  it('cn-2008 for the same year: channels (e-mail is 网络), on time and late, answers, appeals and complaints', async () => {
    const view = await readReport(db, { year: 2025, agencyId: 'jz-zjj', scope: 'self', templateId: 'cn-2008', now: AFTER_2025 });
    expectTable(view.report, {
      received: [10],
      received_in_person: [3], // C1 C7 C10
      received_fax: [1], // C5
      received_online: [3], // C3 online, C4 C12 e-mail
      received_mail: [2], // C2 C11
      received_other: [1], // C6
      concluded: [9],
      concluded_on_time: [8],
      concluded_overdue: [1], // C8, replied after its deadline without an extension: 超期, not 延期 (law audit item 7)
      answered: [7], // not C5 (withdrawn) nor C6 (fee unpaid: no row before 2019)
      answered_disclosed: [1],
      answered_partial: [1],
      answered_withheld: [2],
      withheld_privacy: [1],
      withheld_not_government_information: [1], // C10 process information
      answered_not_found: [1], // C8
      answered_correction: [1], // C4 no correction
      answered_other_route: [1], // C11 duplicate
      reconsideration: [1],
      reconsideration_corrected: [1],
      lawsuit: [1],
      lawsuit_other: [1], // C9's, pending
      complaint: [3],
      complaint_upheld: [1], // C17
      complaint_other: [2], // C8's and C11's, pending
    });
  });

  it('drill-down lists exactly the cases behind every figure', async () => {
    const expected: Record<string, string[]> = {
      'cn-2021.new.natural_person': ['C1', 'C3', 'C5', 'C7', 'C12'],
      'cn-2021.carried_in.total': ['C8'],
      'cn-2021.total.total': ['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C8', 'C10', 'C11'],
      'cn-2021.other_3.natural_person': ['C5'],
      'cn-2021.appeals.reconsideration_corrected': ['C9'],
      'cn-2021.appeals.lawsuit_after_reconsideration_pending': ['C9'],
      'cn-2021.withheld_1.total': [],
    };
    for (const [cellId, cases] of Object.entries(expected)) {
      expect((await drill(2025, 'jz-zjj', cellId)).map(name).sort(), cellId).toEqual([...cases].sort());
    }
    for (const cell of Object.values(report2025.cells)) {
      expect((await drill(2025, 'jz-zjj', cell.id)).length, cell.id).toBe(cell.value);
    }
  }, 90_000); // every cell of the table, one drill-down each: 15–21 s on a loaded 2-core machine

  it('drill-down pages resume in the middle of a Query page and across pages', async () => {
    for (const cellId of ['cn-2021.new.total', 'cn-2021.appeals.reconsideration_total', 'cn-2021.total.total']) {
      const whole = await drill(2025, 'jz-zjj', cellId, 'self', AFTER_2025, { limit: 10_000 });
      for (const paging of [{ limit: 1, pageSize: 2 }, { limit: 2, pageSize: 1 }, { limit: 1, pageSize: 3 }]) {
        expect(await drill(2025, 'jz-zjj', cellId, 'self', AFTER_2025, paging), `${cellId} ${JSON.stringify(paging)}`).toEqual(whole);
      }
    }
    const city = await drill(2025, 'jz', 'cn-2021.new.total', 'subtree', AFTER_2025, { limit: 10_000 });
    expect(await drill(2025, 'jz', 'cn-2021.new.total', 'subtree', AFTER_2025, { limit: 2, pageSize: 2 })).toEqual(city);
    expect(city).toHaveLength(13);
  });

  it('refuses a tampered cursor (another partition, a malformed start key) with 422, never reaching DynamoDB', async () => {
    let page = await cellCases(db, { year: 2025, agencyId: 'jz-zjj', scope: 'self', cellId: 'cn-2021.new.total', now: AFTER_2025, limit: 1, pageSize: 1 });
    page = await cellCases(db, { year: 2025, agencyId: 'jz-zjj', scope: 'self', cellId: 'cn-2021.new.total', now: AFTER_2025, limit: 1, pageSize: 1, cursor: page.cursor! });
    const cursor = JSON.parse(Buffer.from(page.cursor!, 'base64url').toString('utf8'));
    expect(cursor.position.startKey.GSI2PK).toBe('AGENCY#jz-zjj#RECEIVED#2025');
    const tampered = [
      { ...cursor.position.startKey, GSI2PK: 'AGENCY#jz-fgw#RECEIVED#2025' },
      { ...cursor.position.startKey, extra: 'x' },
      { ...cursor.position.startKey, SK: 42 },
      { GSI2PK: cursor.position.startKey.GSI2PK },
    ];
    for (const startKey of tampered) {
      const forged = Buffer.from(JSON.stringify({ ...cursor, position: { ...cursor.position, startKey } }), 'utf8').toString('base64url');
      await expect(
        cellCases(db, { year: 2025, agencyId: 'jz-zjj', scope: 'self', cellId: 'cn-2021.new.total', now: AFTER_2025, limit: 1, cursor: forged }),
        JSON.stringify(startKey),
      ).rejects.toBeInstanceOf(ValidationError);
    }
  });

  it('refuses a cursor of another drill-down', async () => {
    const page = await cellCases(db, { year: 2025, agencyId: 'jz-zjj', scope: 'self', cellId: 'cn-2021.new.total', now: AFTER_2025, limit: 1 });
    expect(page.cursor).toBeDefined();
    await expect(
      cellCases(db, { year: 2025, agencyId: 'jz-zjj', scope: 'self', cellId: 'cn-2021.total.total', now: AFTER_2025, limit: 1, cursor: page.cursor! }),
    ).rejects.toSatisfy(
      (error: unknown) =>
        error instanceof ValidationError &&
        error.problems.some((p) => p.path.join('.') === 'query.cursor' && p.message === 'is not a cursor this drill-down gave out'),
    );
  });
});

describe('publishing', () => {
  it('carries over across consecutive published years: identity 6 holds against the stored year before', async () => {
    const y2024 = await generateReport(db, storage, { year: 2024, agencyId: 'jz-zjj', scope: 'self', now: AFTER_2025 });
    expect(y2024.identityCheck.previousYear).toBeNull();
    const y2025 = await generateReport(db, storage, { year: 2025, agencyId: 'jz-zjj', scope: 'self', now: AFTER_2025 });
    expect(y2025.identityCheck).toMatchObject({ passed: true, previousYear: { year: 2024, templateId: 'cn-2021' } });
    expect(y2025.identityCheck.identities).toEqual([1, 2, 3, 5, 6]);
    expect(y2024.report.cells['cn-2021.carried_out.natural_person']?.value).toBe(1); // C8
    expect(y2025.report.cells['cn-2021.carried_in.natural_person']?.value).toBe(1);
    const y2026 = await generateReport(db, storage, { year: 2026, agencyId: 'jz-zjj', scope: 'self', now: AFTER_2026 });
    expect(y2026.identityCheck.previousYear).toMatchObject({ year: 2025 });
    expect(y2026.report.cells['cn-2021.carried_in.total']?.value).toBe(2);
  });

  it('stores JSON with the identity check and the generation time, CSV with a BOM and HTML, and serves the published report', async () => {
    const keys = reportFileKeys({ year: 2025, templateId: 'cn-2021', scope: 'self', agencyId: 'jz-zjj' });
    expect(keys.json).toBe('reports/2025/cn-2021/self/jz-zjj.json');
    const document = JSON.parse((await storage.get(keys.json))!);
    expect(document).toMatchObject({ templateId: 'cn-2021', year: 2025, agencyId: 'jz-zjj', agencyName: '江州市住房和城乡建设局', scope: 'self' });
    expect(document.identityCheck).toMatchObject({ passed: true, identities: [1, 2, 3, 5, 6] });
    expect(document.generatedAt).toBe(AFTER_2025.toISOString());
    expect(document.cells['cn-2021.new.total'].value).toBe(10);
    const csv = (await storage.get(keys.csv))!;
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toContain('江州市住房和城乡建设局');
    expect(await storage.get(keys.html)).toContain('<td class="num" data-cell="cn-2021.new.total">10</td>');
    const served = await readReport(db, { year: 2025, agencyId: 'jz-zjj', scope: 'self', now: new Date() });
    expect(served.published).toBe(true);
    expect(served.publication?.files).toEqual(keys);
    expect(served.report.cells).toEqual(document.cells);
  });

  it('a consolidated report equals the sum of the agencies of its subtree, and checks identity 8', async () => {
    const ownReports = async (agencies: string[]) =>
      Promise.all(agencies.map(async (agencyId) => (await readReport(db, { year: 2025, agencyId, scope: 'self', now: AFTER_2025 })).report));
    const qingshan = await generateReport(db, storage, { year: 2025, agencyId: 'jz-qingshan', scope: 'subtree', now: AFTER_2025 });
    expect(qingshan.identityCheck.identities).toContain(8);
    expect(qingshan.identityCheck.children?.sort()).toEqual(['jz-qingshan', 'jz-qingshan-hubin', 'jz-qingshan-zjj']);
    const sum = consolidate('jz-qingshan', await ownReports(['jz-qingshan', 'jz-qingshan-zjj', 'jz-qingshan-hubin']));
    for (const [id, cell] of Object.entries(sum.cells)) expect(qingshan.report.cells[id]?.value, id).toBe(cell.value);
    expect(qingshan.report.cells['cn-2021.new.total']?.value).toBe(3);
    expect(qingshan.report.cells['cn-2021.appeals.lawsuit_direct_pending']?.value).toBe(1);

    const city = await readReport(db, { year: 2025, agencyId: 'jz', scope: 'subtree', now: AFTER_2025 });
    const all = consolidate('jz', await ownReports(DEMO_AGENCIES.map((a) => a.id)));
    for (const [id, cell] of Object.entries(all.cells)) expect(city.report.cells[id]?.value, id).toBe(cell.value);
    expect(city.report.cells['cn-2021.new.total']?.value).toBe(13);
    // The drill-down of a consolidated figure walks the whole subtree.
    expect((await drill(2025, 'jz', 'cn-2021.new.natural_person', 'subtree')).map(name).sort()).toEqual(['C1', 'C12', 'C3', 'C5', 'C7', 'Q1', 'Q3']);
  });

  it('does not publish a report that breaks an identity, and names the identity and its cells', async () => {
    await generateReport(db, storage, { year: 2024, agencyId: 'jz-fgw', scope: 'self', now: AFTER_2025 });
    const stored = (await getReportRecord(db, { agencyId: 'jz-fgw', year: 2024, templateId: 'cn-2021', scope: 'self' }))!;
    expect(stored.values['cn-2021.carried_out.natural_person']).toBe(1); // F1
    // Last year's published 结转下年度 altered (as if edited): this year's 上年结转 no longer matches.
    stored.values['cn-2021.carried_out.natural_person'] = 2;
    stored.values['cn-2021.carried_out.total'] = 2;
    await putReportRecord(db, stored);

    const error = await generateReport(db, storage, { year: 2025, agencyId: 'jz-fgw', scope: 'self', now: AFTER_2025 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReportIdentityError);
    const violations = (error as ReportIdentityError).violations;
    expect(violations.map((v) => v.identity)).toEqual([6, 6]);
    expect(violations[0]?.cellIds).toEqual(['cn-2021.carried_in.natural_person', 'cn-2021.carried_out.natural_person']);
    expect((error as Error).message).toMatch(/identity 6/);
    expect(await getReportRecord(db, { agencyId: 'jz-fgw', year: 2025, templateId: 'cn-2021', scope: 'self' })).toBeUndefined();
    const keys = reportFileKeys({ year: 2025, templateId: 'cn-2021', scope: 'self', agencyId: 'jz-fgw' });
    for (const key of Object.values(keys)) expect(await storage.get(key)).toBeUndefined();
    // Nor is it served on the fly.
    await expect(readReport(db, { year: 2025, agencyId: 'jz-fgw', scope: 'self', now: AFTER_2025 })).rejects.toBeInstanceOf(ReportIdentityError);
  });

  it('the year-end job publishes every agency and subtree, then throws naming the one that failed', async () => {
    const error = await publishYearEndReports(db, storage, new Date('2025-12-31T16:30:00Z')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/^1 year-end report\(s\) for 2025 were not published: jz-fgw \(self\): The 2025 cn-2021 report of jz-fgw \(self\) breaks identity 6/);
    for (const agency of DEMO_AGENCIES.filter((a) => a.id !== 'jz-fgw')) {
      expect(await getReportRecord(db, { agencyId: agency.id, year: 2025, templateId: 'cn-2021', scope: 'self' }), agency.id).toBeDefined();
    }
    for (const parent of ['jz', 'jz-qingshan', 'jz-linxi']) {
      const record = await getReportRecord(db, { agencyId: parent, year: 2025, templateId: 'cn-2021', scope: 'subtree' });
      expect(record?.publishedBy, parent).toBe('system');
    }
    expect(await getReportRecord(db, { agencyId: 'jz-zjj', year: 2025, templateId: 'cn-2021', scope: 'subtree' })).toBeUndefined();
    const city = (await getReportRecord(db, { agencyId: 'jz', year: 2025, templateId: 'cn-2021', scope: 'subtree' }))!;
    expect(city.values['cn-2021.new.total']).toBe(13);
    expect(city.identityCheck.identities).toContain(8);
  });

  it('the year-end units: every unit runs, each failed one is named with its cause, a consolidation generates again the own report this run could not publish (a few at most), and a re-run completes it', async () => {
    const turn = new Date('2025-12-31T16:31:00Z');
    const run = () => runJobLocally('year-end', db, storage, turn, { concurrency: 3, sleep: async () => undefined });
    const summary = await run();
    // jz-fgw's own report breaks identity 6 (its 2024 report was altered above) and is not retried; the
    // city's consolidation sums its figures generated again, so every consolidation is published.
    expect(summary.failures.map((f) => f.unit)).toEqual(['jz-fgw (self)']);
    expect(summary.failures[0]).toMatchObject({ phase: 'self', error: 'ReportIdentityError' });
    expect(summary.failures[0]!.cause).toMatch(/^The 2025 cn-2021 report of jz-fgw \(self\) breaks identity 6/);
    expect(summary.message).toMatch(/^year-end \(year 2025, cn-2021, 11 agencies\) at 2025-12-31T16:31:00.000Z: 1 unit\(s\) failed \(self 10\/11, subtree 3\/3\): jz-fgw \(self\): ReportIdentityError/);
    expect(summary.totals).toMatchObject({ publishedSelf: 10, publishedSubtree: 3 });
    for (const parent of ['jz', 'jz-qingshan', 'jz-linxi']) {
      const record = await getReportRecord(db, { agencyId: parent, year: 2025, templateId: 'cn-2021', scope: 'subtree' });
      expect(record?.publishedBy, parent).toBe('system');
      expect(record?.generatedAt, parent).toBe(turn.toISOString());
    }
    expect(await getReportRecord(db, { agencyId: 'jz-zjj', year: 2025, templateId: 'cn-2021', scope: 'subtree' })).toBeUndefined();
    expect((await getReportRecord(db, { agencyId: 'jz', year: 2025, templateId: 'cn-2021', scope: 'subtree' }))!.values['cn-2021.new.total']).toBe(13);

    // A consolidation whose parts were mostly not published in its run (phase 1 failed broadly) refuses,
    // naming them, rather than reading every agency's cases again.
    const orphan = { runAt: '2025-12-31T16:40:00.000Z', year: 2025, templateId: 'cn-2021' as const, kind: 'subtree' as const, agencyId: 'jz' };
    const refused = await runYearEndUnit(db, storage, orphan, { regenerateLimit: 2 }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(UnitPreconditionError);
    expect((refused as Error).message).toMatch(/subtree report of jz needs the own reports of its 11 agencies published in this run .*; 11 are not .*: jz, jz-fgw,/);

    // The cause fixed (last year's published report as it was), the job run again publishes everything.
    const previous = (await getReportRecord(db, { agencyId: 'jz-fgw', year: 2024, templateId: 'cn-2021', scope: 'self' }))!;
    previous.values['cn-2021.carried_out.natural_person'] = 1;
    previous.values['cn-2021.carried_out.total'] = 1;
    await putReportRecord(db, previous);
    const again = await run();
    expect(again.failures).toEqual([]);
    expect(again.totals).toMatchObject({ publishedSelf: 11, publishedSubtree: 3 });
    const city = (await getReportRecord(db, { agencyId: 'jz', year: 2025, templateId: 'cn-2021', scope: 'subtree' }))!;
    expect(city.values['cn-2021.new.total']).toBe(13);
    expect(city.identityCheck.identities).toContain(8);
    expect(city.identityCheck.children?.sort()).toEqual(['jz', 'jz-fgw', 'jz-gaj', 'jz-linxi', 'jz-qingshan', 'jz-zjj', 'jz-zrzy']);
    // The consolidation is the sum of the eleven own reports this run published.
    const own = await Promise.all(DEMO_AGENCIES.map((a) => getReportRecord(db, { agencyId: a.id, year: 2025, templateId: 'cn-2021', scope: 'self' })));
    for (const [id, value] of Object.entries(city.values)) expect(value, id).toBe(own.reduce((sum, r) => sum + r!.values[id]!, 0));
  });
});
