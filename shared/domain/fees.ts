/**
 * The information processing fee (信息处理费): 2019 Regulation Art. 42 and the Measures on Information
 * Processing Fees (《政府信息公开信息处理费管理办法》, 国办函〔2020〕109号), docs/domain.md "Fees". Pure and
 * exact: amounts in fen (分, integers), each tier a line of the breakdown that the fee notice (收费通知) shows.
 *
 * - Art. 3: per item (按件) or per volume (按量), both progressive (超额累进); one method per application,
 *   never both.
 * - Art. 4, per item: the same applicant's applications in one natural month, counted together: items 1–10
 *   free; the part from 11 to 30: 100 元 per item; from the 31st, bands of 10, each band 100 元 per item more
 *   than the one before (31–40: 200 元, 41–50: 300 元, …). One application asking for several things may be
 *   split into items, one thing one application (一事一申请).
 * - Art. 5, per volume (paper, e-mail, copied data): pages 1–30 free; the part from 31 to 100: 10 元 per
 *   page; 101–200: 20 元; from 201: 40 元.
 */
import type { CivilDate } from './types.js';

export const FEE_METHODS = ['per_item', 'per_volume'] as const;
export type FeeMethod = (typeof FEE_METHODS)[number];

/** One tier of the progressive scale as applied: units `from`–`to` (both counted) at `rateFen` each. */
export interface FeeBand {
  from: number;
  to: number;
  units: number;
  rateFen: number;
  amountFen: number;
}

export interface FeeComputation {
  method: FeeMethod;
  /** Per item: the applicant's items earlier in the month (not charged again here); per volume: 0. */
  priorUnits: number;
  /** Per item: this application's items; per volume: its pages. */
  units: number;
  /** The tiers this application's units fall in (free tiers included, with rate 0). */
  breakdown: FeeBand[];
  amountFen: number;
}

/** 100 元 in fen. */
const YUAN = 100;

/** Art. 4: the rate in fen of the n-th item of the applicant's month (1-based). */
export function perItemRateFen(n: number): number {
  if (n <= 10) return 0;
  if (n <= 30) return 100 * YUAN;
  return (100 + 100 * Math.ceil((n - 30) / 10)) * YUAN;
}

/** Art. 4: the band of the n-th item: [from, to] of the tier it is in (the last band of 10 from 31 on). */
function perItemBand(n: number): [number, number] {
  if (n <= 10) return [1, 10];
  if (n <= 30) return [11, 30];
  const band = Math.ceil((n - 30) / 10);
  return [21 + band * 10, 30 + band * 10];
}

/** Art. 5: the tiers of the per-volume scale, pages [from, to] at rate fen per page. */
const PAGE_TIERS: readonly { from: number; to: number; rateFen: number }[] = [
  { from: 1, to: 30, rateFen: 0 },
  { from: 31, to: 100, rateFen: 10 * YUAN },
  { from: 101, to: 200, rateFen: 20 * YUAN },
  { from: 201, to: Number.POSITIVE_INFINITY, rateFen: 40 * YUAN },
];

function checkCount(value: number, what: string, min: number): void {
  if (!Number.isSafeInteger(value) || value < min) throw new RangeError(`${what} must be a whole number ≥ ${String(min)}, not ${String(value)}.`);
}

/**
 * Art. 4 per item: this application's `items` are the applicant's items `priorItems + 1` … `priorItems + items`
 * of the natural month; each is charged at the rate of its place.
 */
export function perItemFee(priorItems: number, items: number): FeeComputation {
  checkCount(priorItems, 'priorItems', 0);
  checkCount(items, 'items', 1);
  const breakdown: FeeBand[] = [];
  let n = priorItems + 1;
  const last = priorItems + items;
  while (n <= last) {
    const [, bandTo] = perItemBand(n);
    const to = Math.min(bandTo, last);
    const units = to - n + 1;
    const rateFen = perItemRateFen(n);
    breakdown.push({ from: n, to, units, rateFen, amountFen: units * rateFen });
    n = to + 1;
  }
  return { method: 'per_item', priorUnits: priorItems, units: items, breakdown, amountFen: sum(breakdown) };
}

/** Art. 5 per volume: `pages` of this application, progressive over the four tiers. */
export function perVolumeFee(pages: number): FeeComputation {
  checkCount(pages, 'pages', 1);
  const breakdown: FeeBand[] = [];
  for (const tier of PAGE_TIERS) {
    if (pages < tier.from) break;
    const to = Math.min(tier.to, pages);
    const units = to - tier.from + 1;
    breakdown.push({ from: tier.from, to, units, rateFen: tier.rateFen, amountFen: units * tier.rateFen });
  }
  return { method: 'per_volume', priorUnits: 0, units: pages, breakdown, amountFen: sum(breakdown) };
}

function sum(breakdown: readonly FeeBand[]): number {
  return breakdown.reduce((total, band) => total + band.amountFen, 0);
}

/** An amount in fen as 元 with two decimals (`47000.00`), for notices and messages. */
export function yuan(fen: number): string {
  return `${String(Math.trunc(fen / 100))}.${String(fen % 100).padStart(2, '0')}`;
}

/**
 * The payment period (国办函〔2020〕109号, as implemented by 四川省财政厅、发展改革委 2021-01-18 item 二): 20 working
 * days from the day after the applicant received the fee notice (收到收费通知次日起20个工作日内); unpaid by then,
 * the application is deemed abandoned (视为放弃申请).
 */
export const FEE_PAYMENT_WORKING_DAYS = 20;

/** The natural month (`YYYY-MM`) a per-item count runs over: the month of the receipt date (Beijing). */
export function feeMonth(receivedDate: CivilDate): string {
  return receivedDate.slice(0, 7);
}
