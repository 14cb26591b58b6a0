import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isEnumType, isInputObjectType, isObjectType } from 'graphql';
import { gql } from '../support/lambda';
import { publishedSchema } from './published';

const CURATED = JSON.parse(readFileSync(join(__dirname, '..', '..', 'seed', 'curated.json'), 'utf8')) as {
  programs: Array<{ id: string; kind: string }>;
  organizations: Array<{ id: string; kind: string }>;
  dataSources: Array<{ id: string; licence: string | null }>;
};

/** Every name a client writes: types, fields, arguments, input fields, enum values. */
function schemaNames(): Array<{ coordinate: string; deprecated: boolean }> {
  const names: Array<{ coordinate: string; deprecated: boolean }> = [];
  for (const type of Object.values(publishedSchema().getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    names.push({ coordinate: type.name, deprecated: false });
    if (isObjectType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        names.push({ coordinate: `${type.name}.${field.name}`, deprecated: Boolean(field.deprecationReason) });
        for (const arg of 'args' in field ? field.args : []) names.push({ coordinate: `${type.name}.${field.name}(${arg.name})`, deprecated: Boolean(arg.deprecationReason) });
      }
    }
    if (isEnumType(type)) for (const value of type.getValues()) names.push({ coordinate: `${type.name}.${value.name}`, deprecated: Boolean(value.deprecationReason) });
  }
  return names;
}

/** The words of a name: `ProgramMembership.participantName` → program, membership, participant, name; `NETWORK_PROGRAMME` → network, programme. */
const words = (coordinate: string): string[] =>
  coordinate
    .split(/[^A-Za-z]+|(?<=[a-z])(?=[A-Z])/)
    .filter(Boolean)
    .map((word) => word.toLowerCase());

describe('one spelling in the schema’s names', () => {
  it('spells Program and License the American way everywhere, but in deprecated old names', () => {
    const british = schemaNames().filter(({ coordinate }) => words(coordinate).some((word) => word === 'programme' || word === 'licence'));
    expect(british.length).toBeGreaterThan(0);
    expect(british.filter((name) => !name.deprecated)).toEqual([]);
  });

  it.each([
    ['NETWORK_PROGRAM', 'NETWORK_PROGRAMME'],
    ['FEDERAL_PROGRAM', 'FEDERAL_PROGRAMME'],
    ['FOUNDATION_PROGRAM', 'FOUNDATION_PROGRAMME'],
  ])('programs(kind: %s) finds what the deprecated %s finds', async (name, old) => {
    const expected = CURATED.programs.filter((p) => p.kind === old).map((p) => `Program:${p.id}`).sort();
    expect(expected.length).toBeGreaterThan(0);
    for (const kind of [name, old]) {
      const res = await gql('query ($kind: ProgramKind) { programs(kind: $kind) { id kind } }', { kind });
      expect(res.errors).toBeUndefined();
      expect(res.data!.programs.map((p: { id: string }) => p.id).sort()).toEqual(expected);
      // Answers keep the old spelling until its removal date, so existing clients keep working.
      expect(new Set(res.data!.programs.map((p: { kind: string }) => p.kind))).toEqual(new Set([old]));
    }
  });

  it('organizations(filter: { kind: PROGRAM_OFFICE }) finds what the deprecated PROGRAMME_OFFICE finds', async () => {
    const expected = CURATED.organizations.filter((o) => o.kind === 'PROGRAMME_OFFICE').map((o) => `Organization:${o.id}`).sort();
    expect(expected.length).toBeGreaterThan(0);
    for (const kind of ['PROGRAM_OFFICE', 'PROGRAMME_OFFICE']) {
      const res = await gql('query ($kind: OrganizationKind) { organizations(first: 100, filter: { kind: $kind }) { nodes { id } } }', { kind });
      expect(res.errors).toBeUndefined();
      expect(res.data!.organizations.nodes.map((o: { id: string }) => o.id).sort()).toEqual(expected);
    }
  });

  it('DataSource.license answers what the deprecated licence answers', async () => {
    const res = await gql('{ dataSources { id license licence } }');
    expect(res.errors).toBeUndefined();
    const answered = Object.fromEntries(res.data!.dataSources.map((s: { id: string; license: string | null; licence: string | null }) => [s.id, [s.license, s.licence]]));
    expect(answered).toEqual(Object.fromEntries(CURATED.dataSources.map((s) => [`DataSource:${s.id}`, [s.licence ?? null, s.licence ?? null]])));
  });
});
