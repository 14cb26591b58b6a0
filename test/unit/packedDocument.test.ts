import { parse } from 'graphql';
import { type NodeBuilder, nodeBuildersSource, packDocument, unpackDocument } from '../../functions/graphql/packedDocument';
import { typeDefs } from '../../functions/graphql/__generated__/typeDefs';

/** What the artefact goes through: packed, written as JSON and builder source, read back with JSON.parse and the builders. */
function roundTrip(source: string) {
  const packed = packDocument(parse(source, { noLocation: true }));
  const builders = new Function(`return ${nodeBuildersSource(packed.shapes)}`)() as NodeBuilder[];
  return unpackDocument(JSON.parse(JSON.stringify(packed.root)), builders);
}

// Every kind of type-system node, plain strings outside `value` (operation
// types), and default values of every value kind.
const TYPE_SYSTEM = `
"""
The schema, with a block description.
"""
schema @meta(tags: ["a", "b"]) { query: Query mutation: Mutation }
extend schema { subscription: Subscription }
"A plain description" directive @meta(tags: [String!] = [], level: Int = 2, ratio: Float = 0.5, on: Boolean = true, kind: Kind = ONE, where: Where = { name: "x", nested: { ids: [1, 2] }, none: null }) repeatable on SCHEMA | OBJECT | FIELD_DEFINITION | ARGUMENT_DEFINITION
scalar Date @specifiedBy(url: "https://example.org/date")
extend scalar Date @meta
interface Node { id: ID! }
interface Named implements Node & Other { id: ID! "the name" name(lang: String = "de" @deprecated(reason: "no")): String }
type Query implements Node @meta(level: 3) { id: ID! things(first: Int = 10, filter: Where): [[Thing!]]! @deprecated }
extend type Query { more: Thing }
type Mutation { do(input: Where!): Boolean }
type Subscription { ticks: Int }
type Thing { id: ID! }
union Either = | Query | Thing
extend union Either = Mutation
enum Kind { "first" ONE TWO @deprecated(reason: "gone") }
extend enum Kind { THREE }
input Where { name: String nested: Where ids: [Int!] none: String }
extend input Where { more: Boolean = false }
extend interface Node @meta
`;

const EXECUTABLE = `
query Q($id: ID! = "x", $n: Int, $w: Where = { name: "y" }) @meta {
  alias: things(first: $n, filter: $w) { ...F ... on Thing @include(if: true) { id } }
  named { name(lang: "en") }
}
fragment F on Thing { id __typename }
mutation { do(input: { ids: [1, 2, 3], name: """block""" }) }
`;

describe('packed document', () => {
  it.each([
    ['every kind of type-system node', TYPE_SYSTEM],
    ['an executable document', EXECUTABLE],
    ["the API's own SDL", typeDefs],
  ])('reads back %s equal to the parsed document', (_what, source) => {
    // Strict: the same keys as the parser's nodes, absent values included.
    expect(roundTrip(source)).toStrictEqual(parse(source, { noLocation: true }));
  });

  it("keeps the parser's key order in every node", () => {
    expect(JSON.stringify(roundTrip(TYPE_SYSTEM))).toBe(JSON.stringify(parse(TYPE_SYSTEM, { noLocation: true })));
  });

  it("is less than half the size of the document's plain JSON", () => {
    const document = parse(typeDefs, { noLocation: true });
    const packed = packDocument(document);
    expect(JSON.stringify(packed.root).length + nodeBuildersSource(packed.shapes).length).toBeLessThan(JSON.stringify(document).length / 2);
  });

  it('refuses a document with locations, which it would lose', () => {
    expect(() => packDocument(parse('type Query { a: Int }'))).toThrow(/noLocation/);
  });
});
