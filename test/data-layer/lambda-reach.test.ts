import { build } from 'esbuild';
import { readdirSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ESBUILD_OPTIONS } from '../../infra/bundling';

const ROOT = join(__dirname, '..', '..');
/** Every Lambda entry: each `functions/<name>/*handler.ts` (the partner function has its own). */
const ENTRIES = readdirSync(join(ROOT, 'functions'))
  .filter((name) => existsSync(join(ROOT, 'functions', name)) && !name.includes('.'))
  .flatMap((name) => readdirSync(join(ROOT, 'functions', name)).filter((file) => file.endsWith('handler.ts')).map((file) => join(ROOT, 'functions', name, file)));

/** Bulk loads and seeding bypass the write path's checks; deployed functions must not be able to call them. */
const SEED_ONLY = [/functions\/data\/seeding\.ts$/, /functions\/data\/bulk-items\.ts$/, /^seed\//, /^local\//, /^scripts\//, /^test\//, /^bench\//];

describe('what a Lambda entry can reach', () => {
  it('finds the Lambda entries', () => {
    expect(ENTRIES.map((path) => relative(ROOT, path)).sort()).toEqual(expect.arrayContaining(['functions/authorizer/handler.ts', 'functions/graphql/handler.ts']));
  });

  it.each(ENTRIES.map((path) => [relative(ROOT, path), path]))('%s imports no seed-only module (bulk items, seeding, seed material)', async (_name, entry) => {
    const out = await build({ ...ESBUILD_OPTIONS, entryPoints: [entry], write: false, metafile: true, logLevel: 'error' });
    const inputs = Object.keys(out.metafile.inputs).map((path) => relative(ROOT, join(ROOT, path)));
    // The check can fail: the data layer itself is reached.
    expect(inputs.some((path) => path.startsWith('functions/data/'))).toBe(true);
    expect(inputs.filter((path) => SEED_ONLY.some((pattern) => pattern.test(path)))).toEqual([]);
  });
});
