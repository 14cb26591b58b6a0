import type { S3Event } from 'aws-lambda';
import type { PhotoService, ProcessOutcome } from '../photos';
import type { Logger } from '../shared/log';

/** The object keys of an S3 event; S3 sends them URL-encoded with `+` for spaces. */
export function keysOf(event: S3Event): string[] {
  return event.Records.map((record) => decodeURIComponent(record.s3.object.key.replace(/\+/g, ' ')));
}

/**
 * Processes every upload an event names. A refused file is an outcome, logged
 * with its reason and opaque ids only; a storage or store failure throws, so
 * Lambda's retry of the asynchronous invocation tries again.
 */
export async function handleUploads(keys: readonly string[], service: PhotoService, logger: Logger): Promise<ProcessOutcome[]> {
  const outcomes: ProcessOutcome[] = [];
  for (const key of keys) {
    const outcome = await service.processIncoming(key);
    if (outcome.status === 'PROCESSED') logger.info('photo processed', { portraitId: outcome.portraitId, width: outcome.width, height: outcome.height });
    else logger.warn('photo refused', { portraitId: outcome.portraitId, reason: outcome.reason });
    outcomes.push(outcome);
  }
  return outcomes;
}
