/**
 * A synthetic province for `npm run bench -- scale`: an agency tree shaped like a real one (province →
 * prefecture-level cities → districts and counties → bureaus and townships; each government with its
 * departments) and a year of cases whose histories are built by the domain's own reducer
 * (shared/domain/lifecycle.ts replay, on the seeded national calendar), so each case item holds a state
 * the sweep and the statistics read exactly as they read a real one.
 *
 * The mix (per case, seeded): 85 % received in 2025, 15 % in late 2024 (some still open at New Year 2025:
 * carry-overs); replies on time (most), within an extension (8 %), late (5 %); withdrawals (4 %); still
 * open at the turn of 2025/2026 (3 %, some already past their deadline); outcomes weighted as agencies
 * report them (disclosed, not held, withheld ...); appeals on 6 % of replies (reconsideration, direct
 * lawsuit, complaint), a part filed in 2025 on 2024 cases. The case load per agency is skewed: city
 * bureaus for land, housing and public security take many, townships few.
 *
 * Items are written directly (BatchWriteItem): the case item exactly as the store writes it
 * (shared/store/cases.ts caseItem, the applicant's fields sealed) and its appeal markers (filingItems). The event items are not written:
 * neither the statistics nor the sweep read them (the sweep appends after the last sequence number).
 */
import { addDays } from '../shared/calendar/civil-date.js';
import type { WorkingCalendar } from '../shared/calendar/working-calendar.js';
import type { CaseState } from '../shared/domain/case-state.js';
import { replay } from '../shared/domain/lifecycle.js';
import type { OutcomeCode } from '../shared/domain/outcome-codes.js';
import type { Actor, ApplicantColumn, CaseEvent, CaseEventPayload, Channel, CivilDate } from '../shared/domain/types.js';
import type { Agency } from '../shared/store/agencies.js';
import { caseItem, filingItems, type CaseRecord } from '../shared/store/cases.js';
import type { Random } from '../infra/local/demo-cases.js';

export type ProvinceAgency = Pick<Agency, 'id' | 'name' | 'parentId'> & { weight: number };

const DEPARTMENTS = ['发展和改革委员会', '自然资源局', '住房和城乡建设局', '公安局', '生态环境局', '交通运输局', '人力资源和社会保障局', '市场监督管理局', '教育局', '卫生健康委员会', '农业农村局', '民政局'];
/** Relative case load of a department (land and housing draw the most applications). */
const DEPARTMENT_WEIGHT = [3, 12, 12, 6, 4, 3, 4, 3, 2, 2, 3, 2];

export interface ProvinceShape {
  cities: number;
  provinceDepartments: number;
  cityDepartments: number;
  districtsPerCity: number;
  districtDepartments: number;
  townshipsPerDistrict: number;
}

/** 12 cities of 8 districts: 1 + 40 + 12 × (1 + 30 + 8 × (1 + 12 + 8)) = 2,429 agencies. */
export const PROVINCE: ProvinceShape = { cities: 12, provinceDepartments: 40, cityDepartments: 30, districtsPerCity: 8, districtDepartments: 12, townshipsPerDistrict: 8 };

const pad = (n: number) => String(n).padStart(2, '0');

/** The tree, parents before children, with each agency's relative case load. */
export function provinceTree(shape: ProvinceShape, random: Random): ProvinceAgency[] {
  const out: ProvinceAgency[] = [];
  const skew = () => 0.4 + random() * 1.2;
  const departments = (parentId: string, prefix: string, count: number, scale: number) => {
    for (let i = 0; i < count; i++) {
      out.push({ id: `${parentId}-b${pad(i + 1)}`, name: `${prefix}${DEPARTMENTS[i % DEPARTMENTS.length]}${i >= DEPARTMENTS.length ? i + 1 : ''}`, parentId, weight: scale * DEPARTMENT_WEIGHT[i % DEPARTMENT_WEIGHT.length]! * skew() });
    }
  };
  out.push({ id: 'sx', name: '示例省人民政府', parentId: null, weight: 20 });
  departments('sx', '示例省', shape.provinceDepartments, 2);
  for (let c = 1; c <= shape.cities; c++) {
    const city = `sx-c${pad(c)}`;
    const size = c <= 2 ? 2.5 : 0.6 + random(); // a capital and a second city draw more
    out.push({ id: city, name: `示例省第${c}市人民政府`, parentId: 'sx', weight: 15 * size });
    departments(city, `第${c}市`, shape.cityDepartments, 1.5 * size);
    for (let d = 1; d <= shape.districtsPerCity; d++) {
      const district = `${city}-x${pad(d)}`;
      out.push({ id: district, name: `第${c}市第${d}区（县）人民政府`, parentId: city, weight: 6 * size * skew() });
      departments(district, `第${c}市第${d}区（县）`, shape.districtDepartments, 0.5 * size);
      for (let t = 1; t <= shape.townshipsPerDistrict; t++) {
        out.push({ id: `${district}-t${pad(t)}`, name: `第${c}市第${d}区（县）第${t}乡镇（街道）`, parentId: district, weight: 0.6 * skew() });
      }
    }
  }
  return out;
}

function pick<T>(random: Random, weighted: readonly (readonly [T, number])[]): T {
  const total = weighted.reduce((sum, [, w]) => sum + w, 0);
  let roll = random() * total;
  for (const [value, weight] of weighted) if ((roll -= weight) < 0) return value;
  return weighted[weighted.length - 1]![0];
}

const OUTCOMES: readonly (readonly [OutcomeCode, number])[] = [
  ['disclosed', 34], ['partially_disclosed', 9], ['already_public', 8], ['unavailable.not_held', 20], ['unavailable.not_responsible', 6],
  ['unavailable.needs_creation', 3], ['withheld.privacy', 3], ['withheld.process_info', 2], ['withheld.enforcement_file', 1], ['withheld.internal_affairs', 1],
  ['withheld.state_secret', 0.3], ['withheld.trade_secret', 0.7], ['not_processed.petition', 4], ['not_processed.duplicate', 3], ['not_processed.excessive', 0.5],
  ['not_processed.publication', 0.5], ['other.misc', 2], ['other.special_procedure', 1],
];
const CHANNELS: readonly (readonly [Channel, number])[] = [['online', 62], ['in_person', 15], ['mail', 14], ['email', 5], ['other', 3], ['fax', 1]];
const APPLICANTS: readonly (readonly [ApplicantColumn, number])[] = [['natural_person', 88], ['commercial', 6], ['legal_services', 2.5], ['other', 2], ['social_welfare', 1], ['research', 0.5]];

const OFFICER: Actor = { sub: 'bench-officer', name: '压测办事员', role: 'officer' };
const SUPERVISOR: Actor = { sub: 'bench-supervisor', name: '压测科长', role: 'supervisor' };

/** What the generator knows of a case, independently of the statistics (to check them). */
export interface GeneratedCase {
  record: CaseRecord;
  items: Record<string, unknown>[];
  receivedDate: CivilDate;
}

/** A serial number made into a case id of the store's alphabet (26 Crockford characters). */
function caseId(serial: number): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  let id = '';
  let n = serial;
  for (let i = 0; i < 26; i++) {
    id = alphabet[n % 32] + id;
    n = Math.floor(n / 32);
  }
  return id;
}

/**
 * One case of `agencyId`, its history played by the reducer up to `lastDay` (nothing happens after it).
 * Dates move forward only and every action takes effect on a working day.
 */
export async function generateCase(random: Random, calendar: WorkingCalendar, agencyId: string, serial: number, lastDay: CivilDate): Promise<GeneratedCase> {
  const id = caseId(serial);
  const received2024 = random() < 0.15;
  const receivedDate = calendar.firstWorkingDayOnOrAfter(received2024 ? addDays('2024-09-01', Math.floor(random() * 122)) : addDays('2025-01-01', Math.floor(random() * 365))).date;
  const channel = pick(random, CHANNELS);
  const applicantColumn = pick(random, APPLICANTS);
  const payloads: { payload: CaseEventPayload; date: CivilDate; actor: Actor }[] = [];
  const at = (date: CivilDate) => `${date}T02:00:00.000Z`;
  payloads.push({ payload: { type: 'register', channel, receivedDate, applicantColumn }, date: receivedDate, actor: OFFICER });
  const state = (): CaseState => build().state;
  const build = () => {
    const events: CaseEvent[] = payloads.map((p, i) => ({ ...p.payload, seq: i + 1, actor: p.actor, recordedAt: at(p.date), effectiveDate: p.date }));
    return { events, state: replay({ id, agencyId }, events, calendar) };
  };
  const act = (date: CivilDate, payload: CaseEventPayload, actor: Actor = OFFICER): boolean => {
    const workday = calendar.firstWorkingDayOnOrAfter(date).date;
    const last = payloads[payloads.length - 1]!.date;
    const day = workday < last ? last : workday;
    if (day > lastDay) return false;
    payloads.push({ payload, date: day, actor });
    return true;
  };
  const roll = random();
  // A few never get an answer by the end (some overdue at the sweep), a few are withdrawn.
  const staysOpen = roll < 0.03 || (receivedDate > '2025-12-10' && random() < 0.7);
  if (!staysOpen) {
    const due = state().dueDate!;
    if (roll < 0.07) {
      act(addDays(receivedDate, 2 + Math.floor(random() * 10)), { type: 'withdraw' });
    } else {
      const timing = random();
      let replyOn: CivilDate;
      if (timing < 0.08) {
        act(calendar.nthWorkingDayAfter(receivedDate, 12).date, { type: 'extend', days: 20, reason: '需要调取历史档案' }, SUPERVISOR);
        replyOn = addDays(due, 3 + Math.floor(random() * 20));
      } else if (timing < 0.13) {
        replyOn = addDays(due, 1 + Math.floor(random() * 25));
      } else {
        replyOn = calendar.nthWorkingDayAfter(receivedDate, 1 + Math.floor(random() * 18)).date;
        if (replyOn > due) replyOn = due;
      }
      const outcome = pick(random, OUTCOMES);
      if (act(replyOn, { type: 'reply', outcome, replyNumber: `示公复〔${replyOn.slice(0, 4)}〕${serial}号` }) && random() < 0.06) {
        const kind = pick(random, [['reconsideration', 60], ['lawsuit', 20], ['complaint', 20]] as const);
        const filed = addDays(replyOn, 10 + Math.floor(random() * 50));
        const decided = addDays(filed, 40 + Math.floor(random() * 40));
        const result = pick(random, [['upheld', 80], ['corrected', 12], ['other', 8]] as const);
        if (kind === 'reconsideration' && act(filed, { type: 'file_reconsideration' })) act(decided, { type: 'decide_reconsideration', result });
        if (kind === 'lawsuit' && act(filed, { type: 'file_lawsuit', afterReconsideration: false })) act(decided, { type: 'decide_lawsuit', result });
        if (kind === 'complaint' && act(filed, { type: 'file_complaint' })) act(decided, { type: 'decide_complaint', result });
      }
    }
  }
  const { events, state: final } = build();
  const lastAt = at(payloads[payloads.length - 1]!.date);
  const record: CaseRecord = {
    id,
    agencyId,
    version: final.version,
    state: final,
    applicant: { type: 'natural_person', name: `测试申请人${serial}`, idDocument: { type: 'resident_id', number: '110101199003077777' }, phone: '13800000000', address: '示例省第1市第1区示例路1号' },
    request: { description: `关于${receivedDate.slice(0, 4)}年度某项目审批材料的政府信息公开申请（压测第${serial}件）`, purpose: '了解相关情况' },
    delivery: { form: 'electronic', method: 'email' },
    createdAt: at(receivedDate),
    updatedAt: lastAt,
  };
  return { record, items: [await caseItem(record), ...filingItems(agencyId, id, events)], receivedDate };
}
