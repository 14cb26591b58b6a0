import { makeExecutableSchema } from '@graphql-tools/schema';
import type { ApolloServer } from '@apollo/server';
import { authenticate, requireAdmin, requireCityScope, requireProgramScope, PUBLIC_PRINCIPAL, type Principal } from '../../functions/auth';
import { NetworkRepository, TableStore, createDocumentClient } from '../../functions/data';
import { typeDefs } from '../../functions/graphql/__generated__/typeDefs';
import { createContext, type GraphQLContext } from '../../functions/graphql/context';
import { resolvers } from '../../functions/graphql/resolvers';
import { createApolloServer } from '../../functions/graphql/server';
import { createLogger } from '../../functions/shared/log';
import { credentialTable, type CredentialTable } from '../support/credentials';

/**
 * No release has a mutation yet, so the production server (real formatter,
 * limits and guards) runs here on the production schema plus test mutations
 * whose resolvers use the scope helpers the real mutations will use.
 */
const TEST_MUTATIONS = /* GraphQL */ `
  extend type Mutation {
    "Touches a programme; partners of that programme and admins only."
    touchProgram("Programme id." programId: ID!): Boolean
    "Touches a city; its city editors and admins only."
    touchCity("City id." cityId: ID!): Boolean
    "Admins only."
    touchNetwork: Boolean
    "Any caller, no scope check: only the structural rule protects it."
    unguarded: Boolean
  }
`;

const touched: string[] = [];
const testResolvers = {
  Mutation: {
    touchProgram: (_: unknown, args: { programId: string }, ctx: GraphQLContext) => {
      requireProgramScope(ctx.principal, args.programId);
      touched.push(`program:${args.programId}`);
      return true;
    },
    touchCity: (_: unknown, args: { cityId: string }, ctx: GraphQLContext) => {
      requireCityScope(ctx.principal, args.cityId);
      touched.push(`city:${args.cityId}`);
      return true;
    },
    touchNetwork: (_: unknown, _args: unknown, ctx: GraphQLContext) => {
      requireAdmin(ctx.principal);
      touched.push('network');
      return true;
    },
    unguarded: () => {
      touched.push('unguarded');
      return true;
    },
  },
};

let table: CredentialTable;
let server: ApolloServer<GraphQLContext>;
const principals: Record<string, Principal> = { public: PUBLIC_PRINCIPAL };
const logger = createLogger('error', () => undefined);
const repo = new NetworkRepository(new TableStore(createDocumentClient({ endpoint: process.env.DYNAMODB_ENDPOINT, region: 'eu-central-1' }), process.env.TABLE_NAME!));

beforeAll(async () => {
  table = await credentialTable();
  const schema = makeExecutableSchema({ typeDefs: [typeDefs, TEST_MUTATIONS], resolvers: [resolvers as never, testResolvers] });
  server = createApolloServer({ logger, environment: 'test', schema });
  await server.start();
  // Principals as `authenticate` builds them from real keys.
  const issued = {
    boschPartner: await table.issue('partner', ['vielfaltsgestalter']),
    k2Partner: await table.issue('partner', ['k2']),
    dessauEditor: await table.issue('city-editor', ['dessau-rosslau']),
    admin: await table.issue('admin'),
  };
  for (const [name, { secret }] of Object.entries(issued)) {
    principals[name] = (await authenticate(`Bearer ${secret}`, table.store)).principal;
  }
});
afterAll(async () => {
  await server.stop();
  await table.drop();
});

async function run(principal: string, query: string): Promise<{ status: number | undefined; codes: unknown[]; data: unknown }> {
  const response = await server.executeOperation({ query }, { contextValue: createContext({ repo, logger, principal: principals[principal]! }) });
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  const result = response.body.singleResult;
  return { status: response.http.status, codes: (result.errors ?? []).map((e) => e.extensions?.code), data: result.data };
}

const OK = 'ok';
const MUTATIONS: Record<string, string> = {
  'touchProgram(vielfaltsgestalter)': 'mutation { touchProgram(programId: "vielfaltsgestalter") }',
  'touchProgram(k2)': 'mutation { touchProgram(programId: "k2") }',
  'touchCity(dessau-rosslau)': 'mutation { touchCity(cityId: "dessau-rosslau") }',
  'touchCity(goslar)': 'mutation { touchCity(cityId: "goslar") }',
  touchNetwork: 'mutation { touchNetwork }',
  unguarded: 'mutation { unguarded }',
};

// Every mutation × every principal kind, written out by hand from the rules.
const MATRIX: [string, string, string][] = [
  ['public', 'touchProgram(vielfaltsgestalter)', 'UNAUTHENTICATED'],
  ['public', 'touchCity(dessau-rosslau)', 'UNAUTHENTICATED'],
  ['public', 'touchNetwork', 'UNAUTHENTICATED'],
  ['public', 'unguarded', 'UNAUTHENTICATED'],
  ['boschPartner', 'touchProgram(vielfaltsgestalter)', OK],
  ['boschPartner', 'touchProgram(k2)', 'FORBIDDEN'],
  ['boschPartner', 'touchCity(dessau-rosslau)', 'FORBIDDEN'],
  ['boschPartner', 'touchNetwork', 'FORBIDDEN'],
  ['boschPartner', 'unguarded', OK],
  ['k2Partner', 'touchProgram(k2)', OK],
  ['k2Partner', 'touchProgram(vielfaltsgestalter)', 'FORBIDDEN'],
  ['dessauEditor', 'touchCity(dessau-rosslau)', OK],
  ['dessauEditor', 'touchCity(goslar)', 'FORBIDDEN'],
  ['dessauEditor', 'touchProgram(vielfaltsgestalter)', 'FORBIDDEN'],
  ['dessauEditor', 'touchNetwork', 'FORBIDDEN'],
  ['admin', 'touchProgram(vielfaltsgestalter)', OK],
  ['admin', 'touchProgram(k2)', OK],
  ['admin', 'touchCity(goslar)', OK],
  ['admin', 'touchNetwork', OK],
];

describe('authorisation matrix on the production server', () => {
  it.each(MATRIX)('%s calling %s → %s', async (principal, mutation, expected) => {
    touched.length = 0;
    const result = await run(principal, MUTATIONS[mutation]!);
    if (expected === OK) {
      expect(result.codes).toEqual([]);
      expect(touched).toHaveLength(1);
    } else {
      expect(result.codes).toEqual([expected]);
      // Refused before or inside the resolver, and nothing was done.
      expect(touched).toEqual([]);
    }
  });

  it('refuses a public mutation before any resolver runs, with HTTP 401', async () => {
    touched.length = 0;
    const result = await run('public', 'mutation { unguarded touchNetwork }');
    expect(result.status).toBe(401);
    expect(result.data).toBeUndefined();
    expect(touched).toEqual([]);
  });

  it('still answers public queries', async () => {
    const result = await run('public', '{ program(id: "k2") { id } }');
    expect(result.codes).toEqual([]);
    expect(result.data).toEqual({ program: { id: expect.any(String) } });
  });
});
