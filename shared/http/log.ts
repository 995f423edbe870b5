/**
 * The structured JSON logger (Powertools Logger): one line per event with the service name and level.
 * Callers pass only ids, route names, statuses and timings — never a request body or personal data.
 */
import { Logger } from '@aws-lambda-powertools/logger';

export const log = new Logger({
  serviceName: 'gongkai',
  logLevel: (process.env.LOG_LEVEL as 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT' | undefined) ?? 'INFO',
});
