/**
 * Structured JSON logs: one line per entry on stdout (CloudWatch Logs in Lambda), with level, message,
 * timestamp and service. Callers pass only ids, route names, statuses and timings — never a request body
 * or personal data. A few lines of our own instead of a logging library: the function bundles have a
 * size budget (docs/architecture.md: ≤ 400 KB) that the AWS SDK alone mostly fills.
 */
const LEVELS = { DEBUG: 10, INFO: 20, WARN: 30, ERROR: 40, SILENT: 100 } as const;
type Level = Exclude<keyof typeof LEVELS, 'SILENT'>;

function threshold(): number {
  const configured = (process.env.LOG_LEVEL ?? 'INFO').toUpperCase();
  return configured in LEVELS ? LEVELS[configured as keyof typeof LEVELS] : LEVELS.INFO;
}

const minimum = threshold();

function write(level: Level, message: string, fields: Record<string, unknown>): void {
  if (LEVELS[level] < minimum) return;
  process.stdout.write(`${JSON.stringify({ level, message, timestamp: new Date().toISOString(), service: 'gongkai', ...fields })}\n`);
}

export const log = {
  debug: (message: string, fields: Record<string, unknown> = {}) => write('DEBUG', message, fields),
  info: (message: string, fields: Record<string, unknown> = {}) => write('INFO', message, fields),
  warn: (message: string, fields: Record<string, unknown> = {}) => write('WARN', message, fields),
  error: (message: string, fields: Record<string, unknown> = {}) => write('ERROR', message, fields),
};
