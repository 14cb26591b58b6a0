import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kind, parse, visit, type StringValueNode } from 'graphql';

export const ROOT = join(__dirname, '..', '..');
export const EXAMPLE = join(ROOT, 'examples', 'relay');
// The npm package ships the compiler's native binary; its cli.js picks the one for this platform.
const RELAY = join(ROOT, 'node_modules', 'relay-compiler', 'cli.js');

/** A fragment of the example app that pages a connection with `@connection`. */
export interface ConnectionFragment {
  /** Fragment name, e.g. `CityEvents_city`. */
  fragment: string;
  /** The type the fragment is on. */
  type: string;
  /** The connection field. */
  field: string;
  /** `Type.field`. */
  coordinate: string;
  /** The query Relay generates for `@refetchable`, which loadNext and loadPrevious run. */
  refetchQuery: string | undefined;
}

/**
 * The fragments of the example app that carry `@connection`, read from its
 * sources with graphql-js (Relay's directives are plain GraphQL syntax), each
 * with the schema coordinate of its connection field.
 */
export function connectionFragments(): ConnectionFragment[] {
  const found: ConnectionFragment[] = [];
  const sources = readdirSync(join(EXAMPLE, 'src')).filter((name) => name.endsWith('.tsx'));
  for (const name of sources) {
    const text = readFileSync(join(EXAMPLE, 'src', name), 'utf8');
    for (const [, body] of text.matchAll(/graphql`([\s\S]*?)`/g)) {
      for (const definition of parse(body!).definitions) {
        if (definition.kind !== Kind.FRAGMENT_DEFINITION) continue;
        visit(definition, {
          Field(field) {
            if (field.directives?.some((d) => d.name.value === 'connection')) {
              const refetchable = definition.directives?.find((d) => d.name.value === 'refetchable');
              const queryName = refetchable?.arguments?.find((a) => a.name.value === 'queryName')?.value as StringValueNode | undefined;
              found.push({
                fragment: definition.name.value,
                type: definition.typeCondition.name.value,
                field: field.name.value,
                coordinate: `${definition.typeCondition.name.value}.${field.name.value}`,
                refetchQuery: queryName?.value,
              });
            }
          },
        });
      }
    }
  }
  return found;
}

/** Copies the example Relay app to a fresh directory and compiles it against the published schema.graphql. */
export function compile(extraFiles: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'relay-example-'));
  cpSync(EXAMPLE, dir, { recursive: true, filter: (path) => !path.includes('__generated__') });
  const config = JSON.parse(readFileSync(join(dir, 'relay.config.json'), 'utf8'));
  writeFileSync(join(dir, 'relay.config.json'), JSON.stringify({ ...config, schema: join(ROOT, 'schema.graphql') }));
  for (const [name, text] of Object.entries(extraFiles)) writeFileSync(join(dir, 'src', name), text);
  const run = spawnSync(process.execPath, [RELAY], { cwd: dir, encoding: 'utf8' });
  const artifactPath = (name: string) => join(dir, 'src', '__generated__', `${name}.graphql.ts`);
  const artifact = (name: string) => (existsSync(artifactPath(name)) ? readFileSync(artifactPath(name), 'utf8') : undefined);
  return { status: run.status, output: `${run.stdout}${run.stderr}`, artifact, artifactPath, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

