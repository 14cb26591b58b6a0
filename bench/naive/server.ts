/**
 * The naive baseline: Apollo Server 5 with its default plugins over the SDL
 * it is given (its function's own) and the same table, written the way a
 * first version usually is: every field fetches what it needs with its own
 * GetCommand or QueryCommand, no DataLoader, no batching, no reuse within a
 * request. Only the fields the benchmark operations select have resolvers;
 * the rest fall back to defaults.
 */
import { ApolloServer } from '@apollo/server';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { periodStatus } from '../../functions/shared/dates';

type Item = Record<string, any>;

export function createNaiveServer(client: DynamoDBDocumentClient, table: string, typeDefs: string): ApolloServer {
  const get = async (pk: string, sk: string): Promise<Item | null> =>
    ((await client.send(new GetCommand({ TableName: table, Key: { pk, sk } }))).Item as Item | undefined) ?? null;
  const queryAll = async (input: Record<string, any>): Promise<Item[]> => {
    const items: Item[] = [];
    let start: Item | undefined;
    do {
      const page = await client.send(new QueryCommand({ TableName: table, ...input, ExclusiveStartKey: start }));
      items.push(...((page.Items as Item[]) ?? []));
      start = page.LastEvaluatedKey as Item | undefined;
    } while (start);
    return items;
  };
  const byPrefix = (index: string, pk: string, prefix: string) =>
    queryAll({
      IndexName: index,
      KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
      ExpressionAttributeNames: { '#pk': `${index}pk`, '#sk': `${index}sk` },
      ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
    });
  const directory = (type: string) =>
    queryAll({ IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :pk', ExpressionAttributeValues: { ':pk': type } });
  const today = () => new Date().toISOString().slice(0, 10);
  const cityMemberships = (cityId: string) => byPrefix('gsi1', 'City', `${cityId}#Membership#`);
  const memberStatus = async (cityId: string) =>
    (await cityMemberships(cityId)).some((m) => m.programId === 'engagierte-stadt' && periodStatus(m.startDate, m.endDate, today()) !== 'ENDED')
      ? 'CURRENT'
      : 'FORMER';
  const partnershipMembers = (id: string) =>
    queryAll({ KeyConditionExpression: 'pk = :pk AND begins_with(sk, :m)', ExpressionAttributeValues: { ':pk': `Partnership#${id}`, ':m': 'Member#' } });
  const byName = (a: Item, b: Item) => String(a.name).localeCompare(String(b.name), 'de');

  const resolvers = {
    Query: {
      city: (_: unknown, args: { id: string }) => get(`City#${args.id.replace(/^City:/, '')}`, 'City'),
      program: (_: unknown, args: { id: string }) => get(`Program#${args.id.replace(/^Program:/, '')}`, 'Program'),
      cities: async (_: unknown, args: { first?: number; filter?: { memberStatus?: string } }) => {
        const all = (await directory('City')).sort(byName);
        const wanted = args.filter?.memberStatus;
        const matching: Item[] = [];
        for (const city of all) if (!wanted || wanted === 'ALL' || (await memberStatus(city.id)) === wanted) matching.push(city);
        const page = matching.slice(0, args.first ?? 20);
        return {
          totalCount: matching.length,
          nodes: page,
          edges: page.map((node) => ({ node, cursor: node.id })),
          pageInfo: { hasNextPage: matching.length > page.length, hasPreviousPage: false, startCursor: page[0]?.id ?? null, endCursor: page.at(-1)?.id ?? null },
        };
      },
    },
    City: {
      id: (city: Item) => `City:${city.id}`,
      memberStatus: (city: Item) => memberStatus(city.id),
      memberships: (city: Item) => cityMemberships(city.id),
      partnerships: async (city: Item) => {
        const edges = await byPrefix('gsi1', 'City', `${city.id}#PartnershipMember#`);
        return (await Promise.all(edges.map((e) => get(`Partnership#${e.partnershipId}`, 'Partnership')))).filter(Boolean).sort((a, b) => byName(a!, b!));
      },
      organizations: async (city: Item) => (await directory('Organization')).filter((o) => o.cityId === city.id).sort(byName),
      campaigns: async (city: Item) => (await directory('Campaign')).filter((c) => (c.cityIds ?? []).includes(city.id)),
      municipality: (city: Item) => (city.ags ? get(`Municipality#${city.ags}`, 'Municipality') : null),
    },
    Municipality: {
      id: (m: Item) => `Municipality:${m.ags}`,
      population: (m: Item) => ({ value: m.population, asOf: m.populationDate, basis: 'CENSUS', sourceUrl: null }),
    },
    ProgramMembership: {
      id: (m: Item) => `ProgramMembership:${m.id}`,
      status: (m: Item) => periodStatus(m.startDate, m.endDate, today()),
      program: (m: Item) => get(`Program#${m.programId}`, 'Program'),
      city: (m: Item) => (m.cityId ? get(`City#${m.cityId}`, 'City') : null),
    },
    Program: {
      id: (p: Item) => `Program:${p.id}`,
      memberships: (p: Item) =>
        queryAll({ KeyConditionExpression: 'pk = :pk AND begins_with(sk, :m)', ExpressionAttributeValues: { ':pk': `Program#${p.id}`, ':m': 'Membership#' } }),
      membershipCount: async (p: Item) =>
        (await queryAll({ KeyConditionExpression: 'pk = :pk AND begins_with(sk, :m)', ExpressionAttributeValues: { ':pk': `Program#${p.id}`, ':m': 'Membership#' } })).length,
    },
    Partnership: {
      id: (p: Item) => `Partnership:${p.id}`,
      cities: async (p: Item) => {
        const members = (await partnershipMembers(p.id)).filter((m) => m.memberType === 'City');
        return (await Promise.all(members.map((m) => get(`City#${m.memberId}`, 'City')))).filter(Boolean).sort((a, b) => byName(a!, b!));
      },
      organizations: async (p: Item) => {
        const members = (await partnershipMembers(p.id)).filter((m) => m.memberType === 'Organization');
        return (await Promise.all(members.map((m) => get(`Organization#${m.memberId}`, 'Organization')))).filter(Boolean).sort((a, b) => byName(a!, b!));
      },
    },
    Organization: { id: (o: Item) => `Organization:${o.id}` },
    Campaign: {
      id: (c: Item) => `Campaign:${c.id}`,
      partnership: (c: Item) => (c.partnershipId ? get(`Partnership#${c.partnershipId}`, 'Partnership') : null),
      cities: async (c: Item) => (await Promise.all((c.cityIds ?? []).map((id: string) => get(`City#${id}`, 'City')))).filter(Boolean),
    },
  };
  return new ApolloServer({ typeDefs, resolvers });
}
