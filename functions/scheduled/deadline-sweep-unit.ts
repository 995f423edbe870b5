/** One unit of the daily deadline sweep (a Distributed Map item): one agency's open cases. */
import { sweepAgency, type SweepUnit, type SweepUnitResult } from '../../shared/services/sweep.js';
import { db } from '../../shared/store/client.js';

export const handler = async (unit: SweepUnit): Promise<SweepUnitResult> => sweepAgency(db(), unit);
