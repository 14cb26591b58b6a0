import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, getNamedType, isObjectType, type GraphQLSchema } from 'graphql';

/** The published schema as third parties' tools read it: the committed schema.graphql. */
export function publishedSchema(): GraphQLSchema {
  return buildSchema(readFileSync(join(__dirname, '..', '..', 'schema.graphql'), 'utf8'));
}

/** Every field that answers a Relay connection (a type with `edges` and `pageInfo`), as `Type.field`, sorted. */
export function connectionFields(schema = publishedSchema()): string[] {
  const fields: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const named = getNamedType(field.type);
      if (isObjectType(named) && 'pageInfo' in named.getFields() && 'edges' in named.getFields()) fields.push(`${type.name}.${field.name}`);
    }
  }
  return fields.sort();
}
