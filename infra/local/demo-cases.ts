/**
 * Demo cases for the local stack (`npm run seed`): a pure, deterministic generator of case *scenarios* — who
 * applies, where, by which channel, when, and what will happen to the case — from a seed number. It does no
 * I/O and knows no deadline: infra/local/seed-cases.ts plays each scenario through the services the API
 * uses (submitApplication, registerCase, actOnCase), turning the relative timings below into dates from
 * the case's own deadlines, so every date respects the lifecycle (shared/domain/lifecycle.ts decide).
 *
 * The mix follows what agencies' annual reports show (policy for demo data, not law): most applications
 * online, then in person and by mail; mostly natural persons; about four in ten disclosed (予以公开 with
 * 已主动公开), a quarter 无法提供 (mostly not held), withheld reasons rare; a few percent withdrawn,
 * abandoned after a correction notice, answered late, extended, consulted on; some appealed (行政复议,
 * 行政诉讼 direct or after reconsideration) and complained about, decided or still pending. Every outcome
 * code of shared/domain/outcome-codes.ts that the year's regimes allow appears at least once when there are
 * enough cases. All names, numbers and addresses are fictional (id numbers use the unassigned region
 * code 990000, e-mail addresses example.com).
 */
import { creditCodeCheckCharacter, residentIdCheckCharacter } from '../../shared/domain/id-numbers.js';
import type { AppealResult, ApplicantColumn, Channel } from '../../shared/domain/types.js';
import { OUTCOME_CODES, OUTCOME_CODE_LIST, type OutcomeCode } from '../../shared/domain/outcome-codes.js';
import type { RegisterCaseBody } from '../../shared/http/schemas.js';

/** A number in [0, 1) from a seeded PRNG (mulberry32: small, fast, the same sequence on every platform). */
export type Random = () => number;

export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function pick<T>(random: Random, weighted: readonly (readonly [T, number])[]): T {
  const total = weighted.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = random() * total;
  for (const [value, weight] of weighted) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return weighted[weighted.length - 1]![0];
}

function between(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

function chance(random: Random, probability: number): boolean {
  return random() < probability;
}

/** How an application arrives: the public form (an instant), or an officer registers it (a day of the year). */
export type Arrival =
  | { kind: 'online'; dayOfYear: number; minuteOfDay: number }
  | { kind: 'register'; channel: Exclude<Channel, 'online'> | 'online'; dayOfYear: number };

export interface CorrectionPlan {
  /** Working days after receipt the notice goes out (Art. 30: within 7; a few are late and flagged). */
  noticeAfterWorkingDays: number;
  /** Calendar days the applicant is given. */
  periodDays: number;
  /** `corrected`: the corrected application arrives `respondAfterDays` after the notice; `abandoned`: it never does. */
  response: 'corrected' | 'abandoned';
  respondAfterDays: number;
}

export interface ConsultationPlan {
  party: 'third_party' | 'other_agency';
  name: string;
  /** Where in the reply period it starts (0–1). */
  startFraction: number;
  durationDays: number;
  result: 'agreed' | 'objected' | 'no_reply';
}

/**
 * How the case closes: a reply with its code and timing against the deadline (docs/domain.md §4: on time,
 * within an extension, overdue), a withdrawal, or not at all (still open, e.g. waiting on a consultation).
 */
export type ClosingPlan =
  | { kind: 'reply'; outcome: OutcomeCode; timing: 'on_time' | 'extended' | 'overdue'; fraction: number }
  | { kind: 'withdraw'; fraction: number }
  | { kind: 'stays_open' };

export type AppealPlan =
  | { kind: 'reconsideration'; afterDays: number; decision?: { afterDays: number; result: AppealResult }; lawsuit?: LawsuitStep }
  | { kind: 'lawsuit'; afterDays: number; decision?: { afterDays: number; result: AppealResult } }
  | { kind: 'complaint'; afterDays: number; decision?: { afterDays: number; result: AppealResult } };

/** A lawsuit after a decided reconsideration (复议后起诉), filed `afterDays` after the decision. */
export interface LawsuitStep {
  afterDays: number;
  decision?: { afterDays: number; result: AppealResult };
}

export interface CaseScenario {
  index: number;
  agencyId: string;
  arrival: Arrival;
  application: Omit<RegisterCaseBody, 'agencyId' | 'channel' | 'receivedDate' | 'submittedAt'>;
  /** Agencies that confirm online receipts by hand: the officer confirms this many days after submission. */
  confirmAfterDays: number;
  correction?: CorrectionPlan;
  consultation?: ConsultationPlan;
  closing: ClosingPlan;
  appeals: AppealPlan[];
}

export interface DemoAgencyWeight {
  id: string;
  weight: number;
}

export interface GenerateOptions {
  seed: number;
  year: number;
  count: number;
  agencies: readonly DemoAgencyWeight[];
}

/** Channels (docs/domain.md §1): mostly the online form, then in person and by mail. */
const CHANNEL_MIX: readonly (readonly [Channel, number])[] = [
  ['online', 62],
  ['in_person', 15],
  ['mail', 14],
  ['email', 5],
  ['other', 3],
  ['fax', 1],
];

/** Applicant columns (docs/domain.md §1, §7): mostly natural persons. */
const APPLICANT_MIX: readonly (readonly [ApplicantColumn, number])[] = [
  ['natural_person', 88],
  ['commercial', 6],
  ['legal_services', 2.5],
  ['other', 2],
  ['social_welfare', 1],
  ['research', 0.5],
];

/** Outcome codes of a reply (not the closing actions withdraw / close_no_correction), as a share of replies. */
const OUTCOME_MIX: Readonly<Record<OutcomeCode, number>> = {
  disclosed: 26,
  already_public: 12,
  partially_disclosed: 7,
  'withheld.state_secret': 0.2,
  'withheld.prohibited_by_law': 0.5,
  'withheld.security_stability': 0.3,
  'withheld.trade_secret': 0.6,
  'withheld.privacy': 0.9,
  'withheld.internal_affairs': 0.6,
  'withheld.process_info': 0.9,
  'withheld.enforcement_file': 0.4,
  'withheld.administrative_query': 0.6,
  'unavailable.not_held': 18,
  'unavailable.not_responsible': 6,
  'unavailable.needs_creation': 3,
  'unavailable.still_unclear': 0.8,
  'not_processed.petition': 2,
  'not_processed.duplicate': 2,
  'not_processed.publication': 0.6,
  'not_processed.excessive': 0.4,
  'not_processed.confirmation': 0.6,
  'other.no_correction': 0,
  'other.fee_unpaid': 0.3,
  'other.special_procedure': 1,
  'other.misc': 1.5,
  correction_requested: 1.5,
};

/** Outcomes that people tend to challenge (withheld, unavailable, not processed, partial). */
function contestable(outcome: OutcomeCode): boolean {
  return /^(withheld|unavailable|not_processed)\./.test(outcome) || outcome === 'partially_disclosed';
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = ['伟', '芳', '娜', '秀英', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀兰', '霞', '平', '刚', '桂英', '建华', '文', '华', '建国', '红', '玉兰', '志强', '海燕', '欣怡', '子涵', '浩然', '雨萱', '梓轩'];
const COMPANY_WORDS = ['恒信', '华泰', '宏达', '永安', '德润', '新源', '瑞丰', '鼎盛', '嘉禾', '远景', '安和', '兴业'];
const COMPANY_KINDS: Record<Exclude<ApplicantColumn, 'natural_person'>, readonly string[]> = {
  commercial: ['置业有限公司', '建材有限公司', '物流有限公司', '商贸有限公司', '建设工程有限公司'],
  research: ['规划设计研究院', '城市发展研究中心', '环境科学研究所'],
  social_welfare: ['公益服务中心', '社区发展基金会', '环保志愿者协会'],
  legal_services: ['律师事务所', '法律服务所', '公证处'],
  other: ['业主委员会', '农民专业合作社', '行业协会'],
};
const STREETS = ['湖滨路', '青山大道', '解放路', '人民路', '江滨北路', '临溪街', '白石镇中心街', '新华路', '建设路', '滨江路'];

/** What people ask the agencies of the demo tree for (infra/local/demo-data.ts). */
const REQUESTS: Record<string, readonly string[]> = {
  'jz-zjj': ['保障性住房分配结果及排序名单', '本小区老旧小区改造实施方案及资金来源', '商品房预售许可证及附件', '住房维修资金使用审批材料'],
  'jz-zrzy': ['国有土地使用权出让合同及规划条件', '建设用地规划许可证及附图', '集体土地征收批复文件', '本村土地利用总体规划调整材料'],
  'jz-fgw': ['重点建设项目立项批复', '政府定价成本监审报告', '专项资金分配方案'],
  'jz-gaj': ['交通违法处理依据文件', '户籍管理相关规范性文件', '道路交通信号设置方案'],
  'jz-qingshan-zjj': ['青山区征收补偿安置方案', '青山区棚户区改造项目审批材料'],
  'jz-qingshan-hubin': ['湖滨街道拆迁补偿协议范本及补偿标准', '社区公共收益收支明细'],
  'jz-linxi-nyj': ['农业补贴发放名单及标准', '高标准农田建设项目验收材料'],
  'jz-linxi-baishi': ['白石镇低保审批名单', '村道硬化工程招投标材料', '宅基地审批材料'],
};
const GENERIC_REQUESTS = ['政府常务会议纪要', '年度财政预算执行情况', '行政处罚决定书', '信访事项处理意见书', '政府采购合同'];
const CONSULTED_THIRD_PARTIES = ['江州市恒信置业有限公司', '江州市宏达建材有限公司', '相关权利人', '项目建设单位'];
const CONSULTED_AGENCIES = ['江州市自然资源和规划局', '江州市财政局', '江州市生态环境局'];

/** A credit code with its GB 32100 check character (990000: no real division code). */
function creditCode(first17: string): string {
  return `${first17}${creditCodeCheckCharacter(first17)}`;
}

function applicantOf(random: Random, index: number, column: ApplicantColumn): CaseScenario['application']['applicant'] {
  const serial = String(index).padStart(5, '0');
  if (column === 'natural_person') {
    const surname = SURNAMES[between(random, 0, SURNAMES.length - 1)]!;
    const given = GIVEN[between(random, 0, GIVEN.length - 1)]!;
    const birth = `${between(random, 1950, 2004)}${String(between(random, 1, 12)).padStart(2, '0')}${String(between(random, 1, 28)).padStart(2, '0')}`;
    const contact = chance(random, 0.6) ? { email: `applicant${serial}@example.com` } : { address: `江州市${STREETS[between(random, 0, STREETS.length - 1)]}${between(random, 1, 300)}号` };
    // 990000: no real address code, so a demo number is never a real person's; the check character is real.
    const first17 = `990000${birth}${serial.slice(-3)}`;
    return { type: 'natural_person', name: `${surname}${given}`, idDocument: { type: 'resident_id', number: `${first17}${residentIdCheckCharacter(first17)}` }, ...contact };
  }
  const word = COMPANY_WORDS[between(random, 0, COMPANY_WORDS.length - 1)]!;
  const kinds = COMPANY_KINDS[column];
  return {
    type: 'legal_person',
    organizationType: column,
    name: `江州市${word}${kinds[between(random, 0, kinds.length - 1)]}`,
    idDocument: { type: 'unified_social_credit_code', number: creditCode(`91990000MA${serial.padStart(7, '0')}`) },
    email: `org${serial}@example.com`,
    address: `江州市${STREETS[between(random, 0, STREETS.length - 1)]}${between(random, 1, 300)}号`,
  };
}

function requestOf(random: Random, agencyId: string, year: number): CaseScenario['application']['request'] {
  const topics = REQUESTS[agencyId] ?? GENERIC_REQUESTS;
  const topic = topics[between(random, 0, topics.length - 1)]!;
  return {
    description: `${year - between(random, 0, 2)}年${topic}`,
    ...(chance(random, 0.3) ? { documentNumber: `江政〔${year - 1}〕${between(random, 1, 120)}号` } : {}),
    ...(chance(random, 0.5) ? { purpose: pick(random, [['维护自身合法权益', 3], ['了解相关政策', 2], ['学术研究', 1]] as const) } : {}),
  };
}

/** The receipt year's regimes (docs/domain.md §2: the 2019 Regulation from 2019-05-15). */
function regimesOf(year: number): { before2019: boolean; after2019: boolean } {
  return { before2019: year <= 2019, after2019: year >= 2019 };
}

/** The replies a case of the regime can carry (shared/domain/outcome-codes.ts `regimes`). */
function allowedOutcomes(regime: '2008' | '2019', corrected: boolean): OutcomeCode[] {
  return OUTCOME_CODE_LIST.filter((code) => {
    if (code === 'other.no_correction') return false; // a closing action, not a reply
    if (code === 'unavailable.still_unclear' && !corrected) return false; // "still unclear after correction"
    return (OUTCOME_CODES[code].regimes as readonly string[]).includes(regime);
  });
}

function decisionOf(random: Random, minDays: number, maxDays: number): { afterDays: number; result: AppealResult } | undefined {
  // About one in five is still pending (尚未审结) when the data ends.
  if (chance(random, 0.2)) return undefined;
  return { afterDays: between(random, minDays, maxDays), result: pick(random, [['upheld', 70], ['corrected', 15], ['other', 15]] as const) };
}

function appealsOf(random: Random, outcome: OutcomeCode): AppealPlan[] {
  const weight = contestable(outcome) ? 1 : 0.15;
  const appeals: AppealPlan[] = [];
  if (chance(random, 0.12 * weight)) {
    // 60 days to ask for reconsideration (行政复议法 Art. 20); decided within 60 days, often extended.
    const decision = decisionOf(random, 30, 90);
    let lawsuit: LawsuitStep | undefined;
    if (decision !== undefined && decision.result !== 'corrected' && chance(random, 0.35)) {
      // 15 days to sue after the reconsideration decision (行政诉讼法 Art. 45).
      const lawsuitDecision = decisionOf(random, 60, 180);
      lawsuit = { afterDays: between(random, 3, 14), ...(lawsuitDecision ? { decision: lawsuitDecision } : {}) };
    }
    appeals.push({ kind: 'reconsideration', afterDays: between(random, 5, 55), ...(decision ? { decision } : {}), ...(lawsuit ? { lawsuit } : {}) });
  }
  if (chance(random, 0.05 * weight)) {
    // Six months to sue directly (行政诉讼法 Art. 46).
    const decision = decisionOf(random, 60, 200);
    appeals.push({ kind: 'lawsuit', afterDays: between(random, 10, 170), ...(decision ? { decision } : {}) });
  }
  if (chance(random, 0.04 * weight)) {
    const decision = decisionOf(random, 15, 60);
    appeals.push({ kind: 'complaint', afterDays: between(random, 3, 60), ...(decision ? { decision } : {}) });
  }
  return appeals;
}

function closingOf(random: Random, outcome: OutcomeCode): ClosingPlan {
  const roll = random();
  if (roll < 0.05) return { kind: 'withdraw', fraction: random() };
  if (roll < 0.065) return { kind: 'stays_open' };
  const timing = pick(random, [['on_time', 86], ['extended', 8], ['overdue', 6]] as const);
  return { kind: 'reply', outcome, timing, fraction: random() };
}

function correctionOf(random: Random, forced: boolean): CorrectionPlan | undefined {
  if (!forced && !chance(random, 0.12)) return undefined;
  return {
    noticeAfterWorkingDays: chance(random, 0.92) ? between(random, 1, 7) : between(random, 8, 10),
    periodDays: between(random, 10, 20),
    response: forced || chance(random, 0.65) ? 'corrected' : 'abandoned',
    respondAfterDays: between(random, 1, 9),
  };
}

function consultationOf(random: Random, regime: '2008' | '2019'): ConsultationPlan | undefined {
  if (!chance(random, 0.06)) return undefined;
  // Under the 2008 Regulation only third parties are consulted with the clock stopped (Art. 24 ¶3).
  const party = regime === '2019' && chance(random, 0.3) ? 'other_agency' : 'third_party';
  const names = party === 'third_party' ? CONSULTED_THIRD_PARTIES : CONSULTED_AGENCIES;
  return {
    party,
    name: names[between(random, 0, names.length - 1)]!,
    startFraction: random() * 0.6,
    durationDays: between(random, 5, 21),
    result: pick(random, [['agreed', 5], ['objected', 3], ['no_reply', 2]] as const),
  };
}

function daysInYear(year: number): number {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 366 : 365;
}

/**
 * `count` scenarios for `year`, spread over the agencies by weight. The first scenarios take, in turn,
 * every outcome code the year's regimes allow (so each appears), the rest follow OUTCOME_MIX.
 */
export function generateScenarios(options: GenerateOptions): CaseScenario[] {
  if (!Number.isInteger(options.count) || options.count < 1) throw new RangeError('count must be a positive whole number.');
  if (options.agencies.length === 0) throw new RangeError('at least one agency is needed.');
  const random = seededRandom(options.seed);
  const { before2019, after2019 } = regimesOf(options.year);
  const forced: OutcomeCode[] = OUTCOME_CODE_LIST.filter((code) => {
    if (code === 'other.no_correction') return false;
    const regimes = OUTCOME_CODES[code].regimes as readonly string[];
    return (after2019 && regimes.includes('2019')) || (before2019 && regimes.includes('2008'));
  });
  const agencies = options.agencies.map((a) => [a.id, a.weight] as const);
  const scenarios: CaseScenario[] = [];
  for (let index = 0; index < options.count; index++) {
    const agencyId = pick(random, agencies);
    const channel = pick(random, CHANNEL_MIX);
    const column = pick(random, APPLICANT_MIX);
    const dayOfYear = between(random, 0, daysInYear(options.year) - 1);
    const arrival: Arrival =
      channel === 'online' && chance(random, 0.9)
        ? { kind: 'online', dayOfYear, minuteOfDay: between(random, 7 * 60, 23 * 60 - 1) }
        : { kind: 'register', channel, dayOfYear };
    // The regime follows the receipt date; a case of 2019 before 15 May is under the 2008 Regulation.
    const regime: '2008' | '2019' = options.year < 2019 || (options.year === 2019 && dayOfYear < 134) ? '2008' : '2019';
    const wanted = index < forced.length ? forced[index]! : pick(random, Object.entries(OUTCOME_MIX) as [OutcomeCode, number][]);
    const needsCorrection = wanted === 'unavailable.still_unclear';
    const correction = regime === '2019' ? correctionOf(random, needsCorrection) : undefined;
    const corrected = correction?.response === 'corrected';
    const allowed = allowedOutcomes(regime, corrected);
    const outcome = allowed.includes(wanted) ? wanted : pick(random, allowed.map((code) => [code, OUTCOME_MIX[code] || 0.5] as const));
    // An abandoned application is closed before anyone is consulted on it.
    const consultation = correction?.response === 'abandoned' ? undefined : consultationOf(random, regime);
    const closing = index < forced.length && allowed.includes(wanted) ? { kind: 'reply' as const, outcome, timing: 'on_time' as const, fraction: random() } : closingOf(random, outcome);
    scenarios.push({
      index,
      agencyId,
      arrival,
      application: {
        applicant: applicantOf(random, index, column),
        request: requestOf(random, agencyId, options.year),
        delivery: pick(random, [
          [{ form: 'electronic', method: 'email' }, 5],
          [{ form: 'electronic', method: 'online' }, 3],
          [{ form: 'paper', method: 'post' }, 3],
          [{ form: 'paper', method: 'pickup' }, 1],
        ] as const),
      },
      confirmAfterDays: between(random, 0, 2),
      ...(correction ? { correction } : {}),
      ...(consultation ? { consultation } : {}),
      closing,
      appeals: closing.kind === 'reply' ? appealsOf(random, closing.outcome) : [],
    });
  }
  return scenarios;
}
