import { readFileSync, readdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { ACCEPT_GRAPHQL, getUrl, send, startLocalApi, type LocalApi } from '../http/api';

// Read straight from the files, not from the generated manifest, so a stale or
// wrong manifest fails here.
const dir = join(__dirname, '..', '..', 'widgets', 'documents');
const documents = readdirSync(dir)
  .filter((f) => f.endsWith('.graphql'))
  .map((f) => {
    const text = readFileSync(join(dir, f), 'utf8');
    return { name: f.replace('.graphql', ''), text, hash: createHash('sha256').update(text).digest('hex') };
  });

const VARIABLES: Record<string, unknown> = {
  WidgetProfile: { ags: '15001000' },
  WidgetMap: { state: 'DE-ST' },
  WidgetCampaign: { id: 'gluecksbringer' },
  WidgetProgram: { id: 'vielfaltsgestalter' },
};

let api: LocalApi;
beforeAll(async () => {
  api = await startLocalApi();
});
afterAll(() => api.close());

describe('trusted widget documents', () => {
  it('has a document for each widget query', () => {
    expect(documents.map((d) => d.name).sort()).toEqual(Object.keys(VARIABLES).sort());
  });

  it.each(documents.map((d) => [d.name, d] as const))('answers %s by hash alone on the first GET, publicly cacheable', async (name, doc) => {
    const url = getUrl(api.url, { variables: VARIABLES[name], extensions: { persistedQuery: { version: 1, sha256Hash: doc.hash } } });
    const answer = await send(url, { headers: { accept: ACCEPT_GRAPHQL } });
    expect(answer.status).toBe(200);
    expect(answer.json.errors).toBeUndefined();
    expect(Object.values(answer.json.data)[0]).not.toBeNull();
    expect(answer.headers.get('cache-control')).toMatch(/^max-age=\d+, public$/);
    expect(answer.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('still asks other clients to register unknown hashes (APQ)', async () => {
    const query = '{ programs { slug } }';
    const hash = createHash('sha256').update(query).digest('hex');
    const miss = await send(getUrl(api.url, { extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }), { headers: { accept: ACCEPT_GRAPHQL } });
    expect(miss.json.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const registered = await send(getUrl(api.url, { query, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }), { headers: { accept: ACCEPT_GRAPHQL } });
    expect(registered.json.data.programs.length).toBeGreaterThan(0);
  });

  it('refuses to register other text under a trusted hash', async () => {
    const doc = documents[0]!;
    const answer = await send(getUrl(api.url, { query: '{ programs { slug } }', extensions: { persistedQuery: { version: 1, sha256Hash: doc.hash } } }), {
      headers: { accept: ACCEPT_GRAPHQL },
    });
    expect(answer.json.data).toBeUndefined();
    expect(answer.json.errors.length).toBeGreaterThan(0);
  });
});
