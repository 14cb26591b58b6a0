export { NetworkRepository, emptyCityEdges, municipalityItems, seedItems } from './repository';
export type {
  CityCollection,
  CityDirectory,
  CityEdges,
  RecordOf,
  RecordRef,
  MunicipalityPage,
  MunicipalityQuery,
  PartnershipDirectory,
  ProgramDirectory,
  StandaloneRecords,
} from './repository';
export { TableStore, createDocumentClient, BATCH_GET_LIMIT, BATCH_WRITE_LIMIT } from './store';
export type { Item, StoreOptions } from './store';
export { DEFAULT_RETRY_POLICY, withRetries, isTransientStoreError, type RetryPolicy } from './retry';
export { tableDefinition, ensureTable, dropTable, tableExists } from './table';
export * as keys from './keys';
export type * from './model';
export { NETWORK_PROGRAM_ID, ZENSUS_TABLE_URL } from './model';
