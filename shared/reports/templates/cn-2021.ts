/**
 * cn-2021: the table of the State Council's 2021 template (国办公开办函〔2021〕30号), the default from the
 * 2021 reports on (docs/domain.md §7). Section 三 with （六）其他处理 split into three items, and
 * section 四.
 */
import {
  APPEALS_SECTION,
  APPLICATIONS_SECTION_ID,
  OTHER_PROCESSING_2021,
  OTHER_PROCESSING_2021_IDS,
  applicationsSection,
  commonIdentities,
} from './cn-common.js';
import type { ReportTemplate } from './template-types.js';

export const CN_2021: ReportTemplate = {
  id: 'cn-2021',
  title: '政府信息公开工作年度报告',
  defaultFor: { from: 2021 },
  sections: [applicationsSection(OTHER_PROCESSING_2021), APPEALS_SECTION],
  identities: commonIdentities(OTHER_PROCESSING_2021_IDS),
  carryOver: { section: APPLICATIONS_SECTION_ID, fromPreviousYear: 'carried_in', toNextYear: 'carried_out' },
  appealsCarriedOver: true,
};
