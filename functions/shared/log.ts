import { Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger';
import type { LogItem } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';

/**
 * Structured JSON logs through Powertools for AWS Lambda: one line per entry
 * with level, timestamp, service and, inside an invocation, the request id and
 * the cold-start flag. The same lines locally. Callers pass safe fields only:
 * never GraphQL variables, request bodies or personal data.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export { METRICS_SERVICE as SERVICE_NAME } from '../graphql/metric-names';
import { METRICS_SERVICE } from '../graphql/metric-names';

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /** Adds the invocation's request id and cold-start flag to every following line. */
  addInvocation(context: Context): void;
}

/** Powertools prints through its own console; tests and tools hand in a writer instead. */
class WritingLogger extends PowertoolsLogger {
  constructor(
    options: ConstructorParameters<typeof PowertoolsLogger>[0],
    private readonly write: (line: string) => void,
  ) {
    super(options);
  }

  protected override printLog(_level: number, log: LogItem): void {
    log.prepareForPrint();
    this.write(JSON.stringify(log.getAttributes(), this.getJsonReplacer()));
  }
}

export function createLogger(level: LogLevel = 'info', write?: (line: string) => void): Logger {
  const options = { serviceName: METRICS_SERVICE, logLevel: level.toUpperCase() as Uppercase<LogLevel> };
  const logger = write ? new WritingLogger(options, write) : new PowertoolsLogger(options);
  return {
    debug: (m, f) => logger.debug(m, f ?? {}),
    info: (m, f) => logger.info(m, f ?? {}),
    warn: (m, f) => logger.warn(m, f ?? {}),
    error: (m, f) => logger.error(m, f ?? {}),
    addInvocation: (context) => logger.addContext(context),
  };
}

/** Serialises an error's cause chain for logs (never for responses). */
export function describeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { error: String(error) };
  return {
    errorName: error.name,
    errorMessage: error.message,
    stack: error.stack,
    ...(error.cause !== undefined ? { cause: describeError(error.cause) } : {}),
  };
}
