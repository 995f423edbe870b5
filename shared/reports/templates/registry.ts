/**
 * The templates the generator knows, and which one is the default for a year (docs/domain.md §7:
 * cn-2008 up to 2018, cn-2019 for 2019–2020, cn-2021 from 2021; any can be requested for any year).
 */
import { CN_2008 } from './cn-2008.js';
import { CN_2019 } from './cn-2019.js';
import { CN_2021 } from './cn-2021.js';
import type { ReportTemplate, TemplateId } from './template-types.js';

export const TEMPLATES: Readonly<Record<TemplateId, ReportTemplate>> = {
  'cn-2008': CN_2008,
  'cn-2019': CN_2019,
  'cn-2021': CN_2021,
};

export const TEMPLATE_IDS = Object.keys(TEMPLATES) as TemplateId[];

export function isTemplateId(value: string): value is TemplateId {
  return Object.hasOwn(TEMPLATES, value);
}

export function getTemplate(id: string): ReportTemplate {
  if (!isTemplateId(id)) throw new RangeError(`Unknown report template "${id}".`);
  return TEMPLATES[id];
}

/** The template that applies to `year` by default (the one whose `defaultFor` range holds it). */
export function defaultTemplateFor(year: number): TemplateId {
  const found = TEMPLATE_IDS.filter((id) => {
    const { from, to } = TEMPLATES[id].defaultFor;
    return (from === undefined || year >= from) && (to === undefined || year <= to);
  });
  if (found.length !== 1 || found[0] === undefined) {
    throw new RangeError(`No single default report template for ${year}.`);
  }
  return found[0];
}
