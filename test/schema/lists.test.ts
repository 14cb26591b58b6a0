import { getNamedType, isLeafType, isObjectType, type GraphQLNamedType } from 'graphql';
import { connectionFields, publishedSchema } from './published';

/** Lists paged by other means than a Relay connection, and how. */
const PAGED_OTHERWISE: Record<string, string> = {
  'ChangePage.entries': 'the change feed pages with `since` and `nextCursor`, at most `first` entries a page',
};

/** Object types a reader reaches from Query (the partner mutations' payloads are bounded by their input). */
function readTypes(): Set<string> {
  const schema = publishedSchema();
  const seen = new Set<string>();
  const queue: GraphQLNamedType[] = [schema.getQueryType()!];
  for (let type = queue.pop(); type; type = queue.pop()) {
    if (seen.has(type.name) || !isObjectType(type)) continue;
    seen.add(type.name);
    for (const field of Object.values(type.getFields())) queue.push(getNamedType(field.type));
    for (const iface of type.getInterfaces()) for (const impl of schema.getPossibleTypes(iface)) queue.push(impl);
  }
  // Union and interface members (Node, PartnershipMember.member) are read too.
  for (const type of Object.values(schema.getTypeMap())) if (isObjectType(type) && type.getInterfaces().length > 0) seen.add(type.name);
  return seen;
}

describe('every list of objects a reader meets', () => {
  it('is a connection, deprecated in favour of one, or says in its description why it is returned whole', () => {
    const schema = publishedSchema();
    const connections = new Set(connectionFields(schema));
    const unexplained: string[] = [];
    let explained = 0;
    for (const name of readTypes()) {
      const type = schema.getType(name);
      if (!isObjectType(type) || /(Connection|Edge)$/.test(name)) continue;
      for (const field of Object.values(type.getFields())) {
        const coordinate = `${name}.${field.name}`;
        // Lists of scalars (source URLs, topics, states) are attributes of one stored record.
        if (!String(field.type).includes('[') || isLeafType(getNamedType(field.type)) || connections.has(coordinate)) continue;
        if (field.deprecationReason?.startsWith('Use ') || PAGED_OTHERWISE[coordinate]) continue;
        if (/Returned whole: \S.*/.test(field.description ?? '')) explained++;
        else unexplained.push(coordinate);
      }
    }
    expect(unexplained).toEqual([]);
    expect(explained).toBeGreaterThan(10);
  });

  it('points every deprecated list at a connection that exists', () => {
    const schema = publishedSchema();
    const connections = new Set(connectionFields(schema));
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        const replacement = /^Use (\w+)\./.exec(field.deprecationReason ?? '')?.[1];
        if (!String(field.type).includes('[') || !replacement || isLeafType(getNamedType(field.type))) continue;
        expect([`${type.name}.${field.name}`, connections.has(`${type.name}.${replacement}`)]).toEqual([`${type.name}.${field.name}`, true]);
      }
    }
  });
});
