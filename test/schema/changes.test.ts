import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, isEnumType, isInputObjectType, isInterfaceType, isObjectType } from 'graphql';
import {
  CHANGELOG,
  PUBLISHED_SCHEMA,
  ROOT,
  parseChangelog,
  printPublished,
  sourceSdl,
  undeclaredBreakingChanges,
} from '../../scripts/schema-contract';

const changelog = readFileSync(join(ROOT, CHANGELOG), 'utf8');
const declarations = parseChangelog(changelog);
const current = printPublished(sourceSdl());
const published = readFileSync(join(ROOT, PUBLISHED_SCHEMA), 'utf8');

/** schema.graphql as committed in git's HEAD, when the checkout is a git repository. */
function committedSchema(): string | undefined {
  try {
    return execFileSync('git', ['show', `HEAD:${PUBLISHED_SCHEMA}`], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return undefined;
  }
}

describe('schema change control', () => {
  it('has no breaking change from the published schema.graphql that docs/SCHEMA-CHANGES.md does not declare', async () => {
    const messages = async (before: string) => (await undeclaredBreakingChanges(before, current, declarations)).map((c) => c.message);
    expect(await messages(published)).toEqual([]);
    const committed = committedSchema();
    if (committed !== undefined) expect(await messages(committed)).toEqual([]);
  });

  it('catches an undeclared breaking change (a removed field, a narrowed argument)', async () => {
    const broken = current
      .replace(/\n  """Name as the network uses it, e\.g\. `Dessau-Roßlau`\."""\n  name: String!\n/, '\n')
      .replace('municipality(\n    """8-digit Amtlicher Gemeindeschlüssel."""\n    ags: String!', 'municipality(\n    """8-digit Amtlicher Gemeindeschlüssel."""\n    ags: Int!');
    expect(broken).not.toEqual(current);
    const undeclared = await undeclaredBreakingChanges(current, broken, declarations);
    expect(undeclared.map((c) => `${c.type} ${c.path}`).sort()).toEqual(['FIELD_ARGUMENT_TYPE_CHANGED Query.municipality.ags', 'FIELD_REMOVED City.name'].sort());
  });

  it('accepts a breaking change once the changelog declares it', async () => {
    const broken = current.replace(/\n  """Name as the network uses it, e\.g\. `Dessau-Roßlau`\."""\n  name: String!\n/, '\n');
    const declared = parseChangelog(`${changelog}\n## 2099-01-01\n- breaking \`FIELD_REMOVED\` \`City.name\`: test entry.\n`);
    expect(await undeclaredBreakingChanges(current, broken, declared)).toEqual([]);
  });

  it('refuses a changelog line that starts like a breaking entry but does not parse', () => {
    expect(() => parseChangelog('## 2026-01-01\n- breaking City.name was removed\n')).toThrow(/expected/);
    expect(() => parseChangelog('- breaking `FIELD_REMOVED` `City.name`: no date heading\n')).toThrow(/heading/);
  });

  it('dates every deprecation and names it in the changelog', () => {
    const schema = buildSchema(current);
    const deprecated: { coordinate: string; reason: string }[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__')) continue;
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (field.deprecationReason) deprecated.push({ coordinate: `${type.name}.${field.name}`, reason: field.deprecationReason });
          for (const arg of 'args' in field ? field.args : []) {
            if (arg.deprecationReason) deprecated.push({ coordinate: `${type.name}.${field.name}(${arg.name})`, reason: arg.deprecationReason });
          }
        }
      }
      if (isEnumType(type)) {
        for (const value of type.getValues()) {
          if (value.deprecationReason) deprecated.push({ coordinate: `${type.name}.${value.name}`, reason: value.deprecationReason });
        }
      }
    }
    const bad = deprecated.filter((d) => !/^Use .+\. May be removed after \d{4}-\d{2}-\d{2}\.$/.test(d.reason) || !changelog.includes(`\`${d.coordinate}\``));
    expect(bad).toEqual([]);
  });
});
