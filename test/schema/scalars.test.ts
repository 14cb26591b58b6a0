import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, type GraphQLScalarType } from 'graphql';
import { parseCsvObjects } from '../../seed/csv';
import { partialDateScalar, stateCodeScalar, urlScalar } from '../../functions/graphql/resolvers/scalars';
import { codes, gql } from '../support/lambda';

const codeOf = (run: () => unknown): unknown => {
  try {
    run();
    return 'accepted';
  } catch (error) {
    return (error as { extensions?: { code?: unknown } }).extensions?.code;
  }
};

describe('typed scalars', () => {
  const cases: [GraphQLScalarType, string[], string[]][] = [
    [partialDateScalar, ['2015', '2020-07', '2020-07-01'], ['2020-13', '20', '2020-07-01T00:00:00Z', '']],
    [urlScalar, ['https://www.engagiertestadt.de/', 'http://example.org/a?b=c'], ['javascript:alert(1)', '/relative', 'www.example.org', 'ftp://example.org/']],
    [stateCodeScalar, ['DE-ST', 'DE-BY'], ['DE-XX', 'ST', 'AT-9', 'Sachsen-Anhalt']],
  ];

  it.each(cases)('%s accepts its documented format and answers BAD_USER_INPUT otherwise', (scalar, good, bad) => {
    for (const value of good) {
      expect(scalar.parseValue(value)).toBe(value);
      expect(scalar.parseLiteral({ kind: Kind.STRING, value })).toBe(value);
      expect(scalar.serialize(value)).toBe(value);
    }
    for (const value of bad) {
      expect([value, codeOf(() => scalar.parseValue(value))]).toEqual([value, 'BAD_USER_INPUT']);
      expect([value, codeOf(() => scalar.parseLiteral({ kind: Kind.STRING, value }))]).toEqual([value, 'BAD_USER_INPUT']);
      // A stored value that breaks the format is an error of the field, not passed on.
      expect(() => scalar.serialize(value)).toThrow();
    }
    expect(codeOf(() => scalar.parseValue(2020))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => scalar.parseLiteral({ kind: Kind.INT, value: '2020' }))).toBe('BAD_USER_INPUT');
  });

  it('normalises a lower-case state code', () => {
    expect(stateCodeScalar.parseValue('de-st')).toBe('DE-ST');
  });

  it('answers BAD_USER_INPUT for a malformed date variable; a malformed literal fails validation', async () => {
    // graphql-js checks literals while validating the document, before anything runs.
    expect(codes(await gql('{ eventsConnection(filter: { from: "2024-13" }) { totalCount } }'))).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    const variable = await gql('query($from: PartialDate) { eventsConnection(filter: { from: $from }) { totalCount } }', { from: 'yesterday' });
    expect(codes(variable)).toEqual(['BAD_USER_INPUT']);
  });

  it('names each custom scalar\'s format in introspection (@specifiedBy)', async () => {
    const response = await gql(`{
      date: __type(name: "PartialDate") { specifiedByURL }
      url: __type(name: "URL") { specifiedByURL }
      state: __type(name: "StateCode") { specifiedByURL }
    }`);
    expect(response.errors).toBeUndefined();
    for (const type of Object.values(response.data!)) expect(type.specifiedByURL).toMatch(/^https:\/\//);
  });
});

describe('closed value sets are enums; output and filter enums are separate', () => {
  it('splits member places into current and former by networkStatus, as memberStatus did', async () => {
    const response = await gql(`{
      all: cities(first: 100) { totalCount }
      current: cities(filter: { networkStatus: CURRENT }, first: 100) { totalCount nodes { networkStatus memberStatus } }
      former: cities(filter: { networkStatus: FORMER }, first: 100) { totalCount nodes { networkStatus memberStatus } }
      oldCurrent: cities(filter: { memberStatus: CURRENT }, first: 100) { totalCount }
    }`);
    expect(response.errors).toBeUndefined();
    const { all, current, former, oldCurrent } = response.data!;
    expect(current.totalCount).toBeGreaterThan(0);
    expect(former.totalCount).toBeGreaterThan(0);
    expect(current.totalCount + former.totalCount).toBe(all.totalCount);
    expect(oldCurrent.totalCount).toBe(current.totalCount);
    expect(current.nodes.every((n: { networkStatus: string; memberStatus: string }) => n.networkStatus === 'CURRENT' && n.memberStatus === 'CURRENT')).toBe(true);
    expect(former.nodes.every((n: { networkStatus: string }) => n.networkStatus === 'FORMER')).toBe(true);
  });

  it('has no filter-only value in the output enum', async () => {
    const response = await gql('{ __type(name: "NetworkStatus") { enumValues(includeDeprecated: true) { name } } }');
    expect(response.data!.__type.enumValues.map((v: { name: string }) => v.name).sort()).toEqual(['CURRENT', 'FORMER']);
  });

  it('gives every legal status of the reference table as an enum value', async () => {
    const rows = parseCsvObjects(readFileSync(join(__dirname, '..', '..', 'seed', 'municipalities.csv'), 'utf8'), ['ags', 'kind'] as const);
    const oneOfEach = new Map<string, string>();
    for (const row of rows) if (!oneOfEach.has(row.kind)) oneOfEach.set(row.kind, row.ags);
    expect(oneOfEach.size).toBeGreaterThan(1);
    const ids = [...oneOfEach.values()].map((ags) => `Municipality:${ags}`);
    const response = await gql('query($ids: [ID!]!) { nodes(ids: $ids) { ... on Municipality { kind legalStatus } } }', { ids });
    expect(response.errors).toBeUndefined();
    const statuses = response.data!.nodes.map((n: { legalStatus: string }) => n.legalStatus);
    expect(new Set(statuses).size).toBe(oneOfEach.size);
    expect(response.data!.nodes.map((n: { kind: string }) => n.kind)).toEqual([...oneOfEach.keys()]);
    expect(statuses[[...oneOfEach.keys()].indexOf('kreisfreie Stadt')]).toBe('INDEPENDENT_CITY');
  });
});
