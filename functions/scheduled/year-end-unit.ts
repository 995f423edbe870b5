/** One unit of the year-end job (a Distributed Map item): an agency's own report or its subtree's consolidation. */
import { runYearEndUnit, type YearEndUnit, type YearEndUnitResult } from '../../shared/services/year-end.js';
import { db } from '../../shared/store/client.js';
import { reportStorage } from '../../shared/store/report-storage.js';

export const handler = async (unit: YearEndUnit): Promise<YearEndUnitResult> => runYearEndUnit(db(), reportStorage(), unit);
