export { NetworkRepository } from './repository';
export { emptyCityEdges } from './collections';
export type { CityCollection, CityDirectory, CityEdges, PartnershipDirectory, ProgramDirectory } from './collections';
export type { RecordOf, RecordRef, StandaloneRecords } from './reads-by-key';
export type { MunicipalityPage, MunicipalityQuery } from './municipality-queries';
export {
  TableStore,
  createDocumentClient,
  BATCH_GET_LIMIT,
  BATCH_WRITE_LIMIT,
  TRANSACTION_ITEM_LIMIT,
  ConditionFailedError,
  classifyWriteError,
  conditionalPut,
  conditionalUpdate,
  consistentGet,
  transactWrite,
} from './store';
export type { Item, StoreOptions, TransactItem, WriteOptions } from './store';
export { NetworkWriter, canonicalJson, RETENTION_MARGIN_DAYS } from './writes';
export type { EntityWrite, PutWrite, DeleteWrite, WriteContext, WriteResult, WrittenEntity, WriterOptions } from './writes';
export { ChangeFeed, bucketsOf, ensureFeedSigningKey, feedSigningKey } from './feed';
export type { Change, FeedFilter, FeedOptions, FeedPosition, FeedPositions } from './feed';
export { ENTITIES, Municipality as MunicipalityEntity, decodeMeta, isTombstone } from './entities';
export type { EntityDefinition, EntityMeta, FeedRecords, Writer } from './entities';
export { DEFAULT_RETRY_POLICY, withRetries, isTransientStoreError, type RetryPolicy } from './retry';
export { tableDefinition, ensureTable, dropTable, tableExists } from './table';
export * as keys from './keys';
export type * from './model';
export { NETWORK_PROGRAM_ID, ZENSUS_TABLE_URL } from './model';
export { NominationStore, DEFAULT_NOMINATION_RETENTION_DAYS, nominationDigest } from './nominations';
export type { NominationRecord, NominationSubmission, NominationStoreOptions } from './nominations';
export { DynamoCredentialStore, CREDENTIAL_ROLES, credentialFromItem, credentialToItem, validateCredential } from './credentials';
export type { CredentialRecord, CredentialRole, CredentialStore } from './credentials';
export { PortraitPhotoWrites, type PortraitPhotoChange } from './portrait-photos';
// Moderation, consent and erasure (`./consent`, `./erasure`, `./audit`) are imported by path: only
// the partner function needs them, and a re-export here would pull them into the public bundle.
export type { ConsentRecord, ModeratedPortraitRecord } from './consent';
export type { ErasureOutcome, PortraitPhotoEraser } from './erasure';
export type { AuditActor, AuditEntry, AuditAction } from './audit';
