import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kind, parse, visit } from 'graphql';
import { connectionFields } from './published';

const ROOT = join(__dirname, '..', '..');
const EXAMPLE = join(ROOT, 'examples', 'relay');
// The npm package ships the compiler's native binary; its cli.js picks the one for this platform.
const RELAY = join(ROOT, 'node_modules', 'relay-compiler', 'cli.js');

/**
 * The fragments of the example app that carry `@connection`, read from its
 * sources with graphql-js (Relay's directives are plain GraphQL syntax), each
 * with the schema coordinate of its connection field.
 */
function connectionFragments(): Array<{ fragment: string; coordinate: string }> {
  const found: Array<{ fragment: string; coordinate: string }> = [];
  const sources = readdirSync(join(EXAMPLE, 'src')).filter((name) => name.endsWith('.tsx'));
  for (const name of sources) {
    const text = readFileSync(join(EXAMPLE, 'src', name), 'utf8');
    for (const [, body] of text.matchAll(/graphql`([\s\S]*?)`/g)) {
      for (const definition of parse(body!).definitions) {
        if (definition.kind !== Kind.FRAGMENT_DEFINITION) continue;
        visit(definition, {
          Field(field) {
            if (field.directives?.some((d) => d.name.value === 'connection')) {
              found.push({ fragment: definition.name.value, coordinate: `${definition.typeCondition.name.value}.${field.name.value}` });
            }
          },
        });
      }
    }
  }
  return found;
}

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
  it('compiles its pages, the refetchable City fragment and a paginated fragment for every connection', () => {
    const result = compile();
    try {
      expect(result.output).toContain('Compilation completed');
      expect(result.status).toBe(0);
      // @refetchable on City: Relay refetches it through Query.node(id:).
      expect(result.artifact('CityHeaderRefetchQuery')).toMatch(/node\(id: \$id\)/);
      for (const page of ['CityPageQuery', 'DirectoryQuery', 'PartnershipPageQuery', 'CampaignPageQuery']) expect(result.artifact(page)).toBeDefined();

      const paginated = connectionFragments();
      // Every connection of the published schema has a fragment that pages it…
      expect([...new Set(paginated.map((f) => f.coordinate))].sort()).toEqual(connectionFields());
      for (const { fragment } of paginated) {
        // …that Relay can page with loadNext (first/after) and loadPrevious (last/before).
        const artifact = result.artifact(fragment);
        expect([fragment, artifact]).toEqual([fragment, expect.stringMatching(/"direction": "bidirectional"/)]);
        expect(artifact).toMatch(/"backward": \{\s*"count": "last",\s*"cursor": "before"\s*\}/);
        expect(artifact).toMatch(/"forward": \{\s*"count": "first",\s*"cursor": "after"\s*\}/);
      }
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
