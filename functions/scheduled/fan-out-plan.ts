/**
 * The first step of a fan-out job's state machine (infra/constructs/fan-out-job.ts): plans the run (the
 * units of each phase, shared/services/job-runs.ts) and writes each phase's units to the job bucket, where
 * the phase's Distributed Map reads them.
 */
import { JOB_IDS, planJob, stagePlan, type JobId, type StagedPlan } from '../../shared/services/job-runs.js';
import { db } from '../../shared/store/client.js';
import { jobBucket } from './job-bucket.js';

export interface PlanEvent {
  job: JobId;
  /** The execution's name: the run id. */
  runId: string;
  /** The execution's start (ISO 8601): the run's instant. */
  startedAt: string;
}

export const handler = async (event: PlanEvent): Promise<StagedPlan> => {
  if (!JOB_IDS.includes(event.job)) throw new Error(`Unknown job ${String(event.job)}.`);
  const now = new Date(event.startedAt);
  if (Number.isNaN(now.getTime())) throw new Error(`startedAt is not an instant: ${String(event.startedAt)}.`);
  return stagePlan(await planJob(event.job, db(), now), event.runId, jobBucket().put);
};
