import { isEnumType, isInputObjectType, isInterfaceType, isObjectType, isUnionType, isScalarType, lexicographicSortSchema, parse, printSchema } from 'graphql';
import { buildSchema } from '../../functions/graphql/schema';
import { typeDefs } from '../../functions/graphql/__generated__/typeDefs';
import { typeDefsDocument } from '../../functions/graphql/__generated__/typeDefsDocument';

describe('schema', () => {
  const schema = buildSchema({ validate: true });
  const own = Object.values(schema.getTypeMap()).filter((t) => !t.name.startsWith('__') && !['String', 'Int', 'Float', 'Boolean', 'ID'].includes(t.name));

  it('describes every type, field, argument and enum value', () => {
    const missing: string[] = [];
    for (const type of own) {
      if (!type.description?.trim()) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description?.trim()) missing.push(`${type.name}.${field.name}`);
          for (const arg of field.args) if (!arg.description?.trim()) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) if (!field.description?.trim()) missing.push(`${type.name}.${field.name}`);
      }
      if (isEnumType(type)) {
        for (const value of type.getValues()) if (!value.description?.trim()) missing.push(`${type.name}.${value.name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('keeps the public contract names third parties depend on', () => {
    const query = schema.getQueryType()!.getFields();
    for (const name of ['city', 'cities', 'program', 'programs', 'partnership', 'partnerships', 'organization', 'organizations', 'campaign', 'campaigns', 'events', 'applicationRounds', 'networkStats', 'node', 'municipality', 'municipalities', 'dataSources']) {
      expect(query[name]).toBeDefined();
    }
    expect(query.city!.args.map((a) => a.name).sort()).toEqual(['ags', 'id']);
    expect(query.cities!.args.map((a) => a.name).sort()).toEqual(['after', 'before', 'filter', 'first', 'last', 'orderBy']);
    const city = schema.getType('City');
    expect(isObjectType(city)).toBe(true);
    if (isObjectType(city)) {
      for (const field of ['id', 'slug', 'name', 'ags', 'kind', 'state', 'population', 'location', 'website', 'memberships', 'partnerships', 'coordinationOffice', 'topics', 'campaigns', 'events', 'municipality']) {
        expect(city.getFields()[field]).toBeDefined();
      }
    }
    expect(isUnionType(schema.getType('PartnershipParticipant'))).toBe(true);
    expect(isScalarType(schema.getType('PartialDate'))).toBe(true);
  });
});

describe('schema built for a cold start', () => {
  it('reads the SDL parsed at build time, equal to parsing schema/ now', () => {
    expect(typeDefsDocument).toEqual(parse(typeDefs, { noLocation: true }));
  });

  it('has the same types, fields and resolvers as the validated build', () => {
    const fast = buildSchema();
    const checked = buildSchema({ validate: true });
    const shape = (s: ReturnType<typeof buildSchema>) =>
      Object.values(s.getTypeMap())
        .filter((t) => !t.name.startsWith('__'))
        .map((t) =>
          isObjectType(t)
            ? `${t.name}{${Object.values(t.getFields()).map((f) => `${f.name}:${String(f.type)}:${f.resolve ? 'r' : '-'}`).sort().join(',')}}`
            : t.name,
        )
        .sort();
    expect(shape(fast)).toEqual(shape(checked));
    expect(shape(fast).some((line) => line.includes(':r'))).toBe(true);
    // Descriptions and arguments too: the fast build reads the SDL parsed at build time.
    expect(printSchema(lexicographicSortSchema(fast))).toBe(printSchema(lexicographicSortSchema(checked)));
  });
});
