/**
 * cn-2019: the table of the 2019 template, the default for the 2019 and 2020 reports
 * (docs/domain.md §7). As cn-2021, except that （六）其他处理 is one row with no items.
 */
import {
  APPEALS_SECTION,
  APPLICATIONS_SECTION_ID,
  OTHER_PROCESSING_2019,
  OTHER_PROCESSING_2019_IDS,
  applicationsSection,
  commonIdentities,
} from './cn-common.js';
import type { ReportTemplate } from './template-types.js';

export const CN_2019: ReportTemplate = {
  id: 'cn-2019',
  title: '政府信息公开工作年度报告',
  defaultFor: { from: 2019, to: 2020 },
  sections: [applicationsSection(OTHER_PROCESSING_2019), APPEALS_SECTION],
  identities: commonIdentities(OTHER_PROCESSING_2019_IDS),
  carryOver: { section: APPLICATIONS_SECTION_ID, fromPreviousYear: 'carried_in', toNextYear: 'carried_out' },
  appealsCarriedOver: true,
};
