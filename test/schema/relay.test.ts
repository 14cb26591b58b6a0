import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const EXAMPLE = join(ROOT, 'examples', 'relay');
// The npm package ships the compiler's native binary; its cli.js picks the one for this platform.
const RELAY = join(ROOT, 'node_modules', 'relay-compiler', 'cli.js');

/** Copies the example Relay app to a fresh directory and compiles it against the published schema.graphql. */
function compile(extraFiles: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'relay-example-'));
  cpSync(EXAMPLE, dir, { recursive: true, filter: (path) => !path.includes('__generated__') });
  const config = JSON.parse(readFileSync(join(dir, 'relay.config.json'), 'utf8'));
  writeFileSync(join(dir, 'relay.config.json'), JSON.stringify({ ...config, schema: join(ROOT, 'schema.graphql') }));
  for (const [name, text] of Object.entries(extraFiles)) writeFileSync(join(dir, 'src', name), text);
  const run = spawnSync(process.execPath, [RELAY], { cwd: dir, encoding: 'utf8' });
  const artifact = (name: string) => {
    const path = join(dir, 'src', '__generated__', `${name}.graphql.ts`);
    return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  };
  return { status: run.status, output: `${run.stdout}${run.stderr}`, artifact, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

describe('a Relay app compiled against schema.graphql', () => {
  it('compiles its city page, refetchable City fragment and paginated connections', () => {
    const result = compile();
    try {
      expect(result.output).toContain('Compilation completed');
      expect(result.status).toBe(0);
      // @refetchable on City: Relay refetches it through Query.node(id:).
      expect(result.artifact('CityHeaderRefetchQuery')).toMatch(/node\(id: \$id\)/);
      // Connections Relay can page both ways with loadNext and loadPrevious.
      for (const fragment of ['CityEvents_city', 'CityList_query']) {
        expect(result.artifact(fragment)).toMatch(/"direction": "bidirectional"/);
      }
      expect(result.artifact('CityList_program')).toMatch(/"direction": "forward"/);
      expect(result.artifact('CityPageQuery')).toBeDefined();
    } finally {
      result.cleanup();
    }
  });

  it('fails on a fragment that asks for a field the schema does not have', () => {
    const result = compile({
      'Broken.tsx': "import { graphql } from 'react-relay';\nexport const broken = graphql`fragment Broken_city on City { inhabitants }`;\n",
    });
    try {
      expect(result.status).not.toBe(0);
      expect(result.output).toMatch(/inhabitants/);
    } finally {
      result.cleanup();
    }
  });
});
