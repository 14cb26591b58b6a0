/**
 * Lambda entry of `POST /withdrawal` (withdraw.ts). Imports the erasure and
 * the write path by file, not through `functions/data`'s index, so the bundle
 * carries no read models, no GraphQL and no Apollo.
 */
import { Erasure } from '../data/erasure';
import { NominationStore } from '../data/nominations';
import { DEFAULT_RETRY_POLICY } from '../data/retry';
import { TableStore, createDocumentClient } from '../data/store';
import { NetworkWriter } from '../data/writes';
import { lazyPhotoEraser } from '../photos/eraser';
import { loadConfig, loadPhotoConfig } from '../shared/config';
import { createLogger } from '../shared/log';
import { createWithdrawalHandler } from './withdraw';

const config = loadConfig();
const logger = createLogger(config.logLevel);
const client = createDocumentClient({ endpoint: config.dynamodbEndpoint, region: config.region, attemptTimeoutMs: config.storeAttemptTimeoutMs });
const photoConfig = loadPhotoConfig();
// The same photo erasure as withdrawConsent on the partner resource: every stored version, then the CDN.
const photoEraser = photoConfig ? lazyPhotoEraser(photoConfig) : undefined;
const store = new TableStore(client, config.tableName, undefined, { ...DEFAULT_RETRY_POLICY, attemptTimeoutMs: config.storeAttemptTimeoutMs });

/** Time kept back from the function's remaining time to answer. */
const ANSWER_MARGIN_MS = 500;

export const handler = createWithdrawalHandler({
  logger,
  erasureFor: (context) => {
    const remaining = typeof context.getRemainingTimeInMillis === 'function' ? context.getRemainingTimeInMillis() - ANSWER_MARGIN_MS : Infinity;
    const bounded = store.withDeadline(Date.now() + Math.min(remaining, config.requestBudgetMs));
    const writer = new NetworkWriter(bounded, { retentionDays: config.changeRetentionDays });
    return new Erasure(bounded, writer, new NominationStore(bounded, { retentionDays: config.nominationRetentionDays }), { photoEraser });
  },
});
