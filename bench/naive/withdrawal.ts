/**
 * Naive baseline of the withdrawal function: the same handler logic
 * (functions/withdrawal/withdraw.ts over the same Erasure), as a first
 * version would wire it — the data layer through its package index rather
 * than file by file — and bundled with `BASE_ESBUILD_OPTIONS` (CommonJS,
 * packages' CommonJS entries, no aliases), so the comparison shows what the
 * project's cuts save on the same answers.
 */
import { DEFAULT_RETRY_POLICY, NetworkWriter, NominationStore, TableStore, createDocumentClient } from '../../functions/data';
import { Erasure } from '../../functions/data/erasure';
import { createPhotoStorage } from '../../functions/photos';
import { loadConfig, loadPhotoConfig } from '../../functions/shared/config';
import { createLogger } from '../../functions/shared/log';
import { createWithdrawalHandler } from '../../functions/withdrawal/withdraw';

const config = loadConfig();
const store = new TableStore(createDocumentClient({ endpoint: config.dynamodbEndpoint, region: config.region }), config.tableName, undefined, DEFAULT_RETRY_POLICY);

// The photo side of the erasure, as the project's entry has it, wired eagerly through the photos index.
const photoConfig = loadPhotoConfig();
const photoEraser = photoConfig
  ? { erasePortraitPhotos: async (portraitId: string) => (await createPhotoStorage(photoConfig)).erasePortrait(portraitId) }
  : undefined;

export const handler = createWithdrawalHandler({
  logger: createLogger(config.logLevel),
  erasureFor: () =>
    new Erasure(store, new NetworkWriter(store, { retentionDays: config.changeRetentionDays }), new NominationStore(store, { retentionDays: config.nominationRetentionDays }), { photoEraser }),
});
