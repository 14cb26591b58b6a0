import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { allCities, allCitiesFromTheEnd } from '../../examples/client/src/cities';
import { distinctMemberPlaces } from '../support/domain';
import { startLocalApi, type LocalApi } from '../http/api';

const ROOT = join(__dirname, '..', '..');

describe('a codegen-typed client built from schema.graphql', () => {
  it('has its typed operations generated from the current schema.graphql', async () => {
    // The CLI is ESM inside and cannot load in jest's module system: run it as a client would, in check mode.
    const run = spawnSync(join(ROOT, 'node_modules', '.bin', 'graphql-codegen'), ['--config', 'examples/client/codegen.ts', '--check'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    // If this fails, regenerate with `npx graphql-codegen --config examples/client/codegen.ts`.
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/stale files|error/i);
    expect(run.status).toBe(0);
  });

  describe('against the local API', () => {
    let api: LocalApi;
    beforeAll(async () => {
      api = await startLocalApi();
    });
    afterAll(() => api.close());

    it('pages through every member place forward and backward with cursors', async () => {
      const forward = await allCities(api.url);
      const backward = await allCitiesFromTheEnd(api.url);
      expect(forward).toHaveLength(distinctMemberPlaces().size);
      expect(new Set(forward.map((c) => c.id)).size).toBe(forward.length);
      expect(backward).toEqual(forward);
    });
  });
});
