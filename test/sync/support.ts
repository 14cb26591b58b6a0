import type { ApolloServer } from '@apollo/server';
import type { Principal } from '../../functions/auth';
import { NetworkRepository, NetworkWriter, TableStore, createDocumentClient } from '../../functions/data';
import { municipalityItems } from '../../functions/data/bulk-items';
import type { CityRecord, MunicipalityRecord, ProgramRecord } from '../../functions/data';
import { createContext, type GraphQLContext } from '../../functions/graphql/context';
import { createApolloServer } from '../../functions/graphql/server';
import { buildSchema } from '../../functions/graphql/schema';
import { createLogger } from '../../functions/shared/log';
import { freshTable, type Faults } from '../data-layer/support';

/** Programmes, places and principals the sync tests use; the records are copied from the seeded table (sourced data). */
export const PROGRAMS = ['vielfaltsgestalter', 'k2'] as const;
/** Böblingen: a Vielfaltsgestalter site that is not an Engagierte Stadt member place. */
export const BOEBLINGEN_AGS = '08115003';
export const DESSAU = { id: 'dessau-rosslau', ags: '15001000' };

export const PRINCIPALS: Record<string, Principal> = {
  public: { kind: 'public' },
  partnerOwn: { kind: 'partner', keyId: 'k-own', programIds: ['vielfaltsgestalter'] },
  partnerOther: { kind: 'partner', keyId: 'k-other', programIds: ['k2'] },
  cityEditor: { kind: 'city-editor', keyId: 'k-city', cityIds: [DESSAU.id] },
  admin: { kind: 'admin', keyId: 'k-admin' },
};

export interface SyncWorld {
  tableName: string;
  store: TableStore;
  repo: NetworkRepository;
  faults: Faults;
  server: ApolloServer<GraphQLContext>;
  run(principal: Principal, query: string, variables?: Record<string, unknown>): Promise<any>;
  stop(): Promise<void>;
}

/** A fresh table holding two programmes, one member place and two municipalities, served by the production Apollo server. */
export async function syncWorld(prefix = 'sync'): Promise<SyncWorld> {
  const shared = new NetworkRepository(new TableStore(createDocumentClient({ endpoint: process.env.DYNAMODB_ENDPOINT, region: 'eu-central-1' }), process.env.TABLE_NAME!));
  const records = await shared.getRecords([
    ...PROGRAMS.map((id) => ({ type: 'Program' as const, id })),
    { type: 'City', id: DESSAU.id },
    { type: 'Municipality', id: BOEBLINGEN_AGS },
    { type: 'Municipality', id: DESSAU.ags },
  ]);
  if (records.some((r) => r === null)) throw new Error('seeded table lacks a fixture record');
  const [p1, p2, city, m1, m2] = records as [ProgramRecord, ProgramRecord, CityRecord, MunicipalityRecord, MunicipalityRecord];

  const { tableName, store, faults } = await freshTable(prefix);
  const repo = new NetworkRepository(store);
  await repo.store.batchPut(municipalityItems([{ ...m1, cityId: null }, { ...m2, cityId: null }]));
  const writer = new NetworkWriter(store);
  await writer.write(
    [
      { kind: 'put', type: 'Program', record: p1 },
      { kind: 'put', type: 'Program', record: p2 },
      { kind: 'put', type: 'City', record: city },
    ],
    { writtenBy: 'seed' },
  );
  const logger = createLogger('error', () => undefined);
  const server = createApolloServer({ logger, environment: 'test', schema: buildSchema({ validate: true }) });
  await server.start();
  return {
    tableName,
    store,
    repo,
    faults,
    server,
    async run(principal, query, variables) {
      const response = await server.executeOperation({ query, variables }, { contextValue: createContext({ repo, logger, principal }) });
      if (response.body.kind !== 'single') throw new Error('expected a single result');
      return response.body.singleResult;
    },
    async stop() {
      await server.stop();
    },
  };
}

export const UPSERT = /* GraphQL */ `
  mutation Upsert($programId: ID!, $memberships: [ProgramMembershipInput!]!, $key: String!) {
    upsertProgramMemberships(programId: $programId, memberships: $memberships, idempotencyKey: $key) {
      results { index externalId outcome membershipId version error { code field message } }
      totals { created updated unchanged rejected }
      replayed
    }
  }
`;

export const REPLACE = /* GraphQL */ `
  mutation Replace($programId: ID!, $snapshotId: String!, $part: Int!, $memberships: [ProgramMembershipInput!]!, $commit: Boolean!) {
    replaceProgramMemberships(programId: $programId, snapshotId: $snapshotId, part: $part, memberships: $memberships, commit: $commit) {
      results { index externalId outcome membershipId version error { code field message } }
      totals { created updated unchanged rejected }
      ended { externalId outcome membershipId version }
      replayed
    }
  }
`;

export const MEMBERSHIPS = /* GraphQL */ `
  query Memberships($id: ID!) {
    program(id: $id) { memberships { id participantName startDate endDate cohort externalId internalNote coordinatingOrganization municipality { ags } city { id } } }
  }
`;
