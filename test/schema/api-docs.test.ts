import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse } from 'graphql';
import { LIMITS } from '../../functions/graphql/limits';
import { buildSchema } from '../../functions/graphql/schema';
import { post, startLocalApi, type LocalApi } from '../http/api';

const ROOT = join(__dirname, '..', '..');
const API_MD = readFileSync(join(ROOT, 'docs', 'API.md'), 'utf8');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** Every `graphql` block of a document, with the `json` variables block that directly follows it. */
const examplesOf = (file: string, text: string) =>
  [...text.matchAll(/```graphql\n([\s\S]*?)```(?:\n\n```json\n([\s\S]*?)```)?/g)].map((m, i) => ({
    name: `${file} example ${i + 1}: ${m[1]!.trim().split('\n')[0]}`,
    query: m[1]!,
    variables: m[2] ? (JSON.parse(m[2]) as Record<string, unknown>) : undefined,
  }));
/**
 * Mutations only partners may call, documented in docs/SYNC.md: examples here
 * would run against the public endpoint and write into the shared seeded table.
 */
const PARTNER_MUTATIONS = new Set(['upsertProgramMemberships', 'replaceProgramMemberships']);

const examples = [...examplesOf('docs/API.md', API_MD), ...examplesOf('README.md', README)];

describe('docs/API.md and the README', () => {
  let api: LocalApi;
  beforeAll(async () => {
    api = await startLocalApi();
  });
  afterAll(() => api.close());

  it('has an example for every root field', () => {
    const documented = new Set<string>();
    for (const { query } of examplesOf('docs/API.md', API_MD)) {
      for (const definition of parse(query).definitions) {
        if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
        for (const selection of definition.selectionSet.selections) {
          if (selection.kind === Kind.FIELD) documented.add(`${definition.operation === 'mutation' ? 'Mutation' : 'Query'}.${selection.name.value}`);
        }
      }
    }
    const schema = buildSchema({ validate: true });
    const rootFields = [
      ...Object.keys(schema.getQueryType()!.getFields()).map((name) => `Query.${name}`),
      ...Object.keys(schema.getMutationType()?.getFields() ?? {})
        .filter((name) => !PARTNER_MUTATIONS.has(name))
        .map((name) => `Mutation.${name}`),
    ];
    expect(rootFields.filter((name) => !documented.has(name))).toEqual([]);
  });

  it.each(examples)('$name runs against the seeded API within the documented limits', async ({ query, variables }) => {
    const answer = await post(api.url, { query, variables });
    expect(answer.json.errors).toBeUndefined();
    expect(answer.status).toBe(200);
    expect(answer.json.data).toBeTruthy();
    // Every selected root field answers something: an example showing null teaches nothing.
    for (const [field, value] of Object.entries(answer.json.data)) expect([field, value]).not.toEqual([field, null]);
    expect(answer.json.extensions.cost.requested).toBeLessThanOrEqual(LIMITS.maxCost);
    expect(answer.json.extensions.cost.limit).toBe(LIMITS.maxCost);
  });

  it('shows the client example the tests run', () => {
    const heading = API_MD.indexOf('### A client in about 30 lines');
    expect(heading).toBeGreaterThan(0);
    const block = /```ts\n([\s\S]*?)```/.exec(API_MD.slice(heading))?.[1];
    expect(block).toBeDefined();
    expect(block!.trimEnd().split('\n').length).toBeLessThanOrEqual(33);
    const source = readFileSync(join(ROOT, 'examples', 'client', 'src', 'cities.ts'), 'utf8');
    expect(block!.split('\n').filter((line) => line.trim() && !source.includes(line))).toEqual([]);
  });
});
