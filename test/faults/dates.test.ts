import { NetworkRepository, TableStore, createDocumentClient } from '../../functions/data';
import { createContext } from '../../functions/graphql/context';
import { createApolloServer } from '../../functions/graphql/server';
import { buildSchema } from '../../functions/graphql/schema';
import { createLogger } from '../../functions/shared/log';

/**
 * "Today" is the calendar day in Europe/Berlin, where the network lives:
 * Herzberg am Harz left the network in 2020 (seed/members.csv), so in the
 * first hour of 1 January 2021 Berlin time (still 31 December in UTC) it is a
 * former member.
 */
describe('today in Europe/Berlin', () => {
  const logger = createLogger('error', () => undefined);
  const repo = new NetworkRepository(
    new TableStore(createDocumentClient({ endpoint: process.env.DYNAMODB_ENDPOINT, region: 'eu-central-1' }), process.env.TABLE_NAME!),
  );
  const server = createApolloServer({ logger, environment: 'test', schema: buildSchema({ validate: true }) });
  beforeAll(() => server.start());
  afterAll(() => server.stop());

  async function statusAt(instant: string): Promise<unknown> {
    const response = await server.executeOperation(
      { query: `{ city(id: "herzberg-am-harz") { memberStatus } }` },
      { contextValue: createContext({ repo, logger, now: () => new Date(instant) }) },
    );
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    expect(response.body.singleResult.errors).toBeUndefined();
    return (response.body.singleResult.data as any).city.memberStatus;
  }

  it('counts the day in Berlin, not in UTC, around midnight', async () => {
    // 23:30 UTC on 31 Dec 2020 is 00:30 on 1 Jan 2021 in Berlin (CET, UTC+1).
    expect(await statusAt('2020-12-31T22:30:00Z')).toBe('CURRENT');
    expect(await statusAt('2020-12-31T23:30:00Z')).toBe('FORMER');
  });

  it('fixes today for the request as a Berlin date, also in summer time', () => {
    // 22:30 UTC on 30 June is 00:30 on 1 July in Berlin (CEST, UTC+2).
    expect(createContext({ repo, logger, now: () => new Date('2024-06-30T22:30:00Z') }).today).toBe('2024-07-01');
    expect(createContext({ repo, logger, now: () => new Date('2024-06-30T21:30:00Z') }).today).toBe('2024-06-30');
  });
});
