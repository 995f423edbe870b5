/**
 * The last step of a fan-out job's state machine: reads each phase's Distributed Map results, writes the
 * run's summary (every failed unit named, with its error and cause) beside the plan, logs it, and returns
 * the count of failures on which the state machine fails the execution (and its alarm fires).
 */
import { summarizeStaged, type StagedPlan, type StagedSummary } from '../../shared/services/job-runs.js';
import { jobBucket } from './job-bucket.js';

export interface SummaryEvent {
  plan: StagedPlan;
  /** Per phase, the map's output: `ResultWriterDetails.Key` is its manifest. */
  results: Record<string, { ResultWriterDetails?: { Key?: string } } | undefined>;
}

export const handler = async (event: SummaryEvent): Promise<StagedSummary> => {
  const manifests = Object.fromEntries(Object.entries(event.results ?? {}).map(([phase, result]) => [phase, result?.ResultWriterDetails?.Key]));
  const bucket = jobBucket();
  return summarizeStaged(event.plan, manifests, bucket.read, bucket.put);
};
