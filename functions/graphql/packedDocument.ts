import type { DocumentNode } from 'graphql';

/**
 * A GraphQL document in a dense form, for the build-time schema artefact
 * (`npm run codegen`). The JSON of a parsed document repeats every key and
 * wraps every name in `{"kind":"Name","value":…}`: about four times the SDL
 * text, all of it compiled at every cold start. Packed, a node is an array
 * `[shape, ...values]`, a name is its string, and the keys of each kind of
 * node are written once, as a builder function per kind: object literals, so
 * V8 gives every node of a kind one hidden class, as the parser's nodes have.
 * Reading it back needs no GraphQL parser run (docs/BENCHMARKS.md has the
 * forms measured against each other).
 */
export interface PackedDocument {
  /** Per kind of node: its `kind`, its keys in order, and whether each key holds a plain string rather than nodes. */
  readonly shapes: ReadonlyArray<{ readonly kind: string; readonly keys: readonly string[]; readonly plain: readonly boolean[] }>;
  /** The document node, packed; JSON. */
  readonly root: unknown;
}

/** Builds one kind of node from its packed array, unpacking its children with `unpack`. */
export type NodeBuilder = (packed: readonly unknown[], unpack: (value: unknown) => unknown) => unknown;

type Node = { readonly kind: string } & Record<string, unknown>;

/**
 * Packs a document parsed without locations. Throws if the document does not
 * have the regular shape graphql-js's parser gives every node of a kind, so a
 * form that could not be read back exactly is never written.
 */
export function packDocument(document: DocumentNode): PackedDocument {
  const shapes: { kind: string; keys: string[]; plain: Array<boolean | undefined>; absent: boolean[] }[] = [];
  const byKind = new Map<string, number>();
  const pack = (value: unknown): unknown => {
    if (value === undefined || value === null) return null;
    if (Array.isArray(value)) {
      // A string in a list would read back as a name.
      if (value.some((item) => typeof item === 'string')) throw new Error('packDocument: a list holds plain strings');
      return value.map(pack);
    }
    if (typeof value !== 'object') return value;
    const node = value as Node;
    if (node.loc !== undefined) throw new Error('packDocument: parse the document with noLocation');
    if (node.kind === 'Name') return node.value;
    const keys = Object.keys(node).filter((key) => key !== 'kind' && key !== 'loc');
    let at = byKind.get(node.kind);
    if (at === undefined) {
      at = shapes.push({ kind: node.kind, keys, plain: [], absent: [] }) - 1;
      byKind.set(node.kind, at);
    }
    const shape = shapes[at]!;
    if (shape.keys.join() !== keys.join()) throw new Error(`packDocument: a ${node.kind} has keys ${keys.join()}, another ${shape.keys.join()}`);
    return [
      at,
      ...keys.map((key, i) => {
        const held = node[key];
        if (held === undefined || held === null) shape.absent[i] = true;
        else {
          const plain = typeof held === 'string';
          if (shape.plain[i] === !plain) throw new Error(`packDocument: ${node.kind}.${key} holds both strings and nodes`);
          shape.plain[i] = plain;
        }
        return pack(held);
      }),
    ];
  };
  const root = pack(document);
  for (const shape of shapes) {
    shape.keys.forEach((key, i) => {
      if (shape.plain[i] && shape.absent[i]) throw new Error(`packDocument: ${shape.kind}.${key} is a string in one node and absent in another`);
    });
  }
  return { shapes: shapes.map(({ kind, keys, plain }) => ({ kind, keys, plain: keys.map((_, i) => plain[i] === true) })), root };
}

/** The source of the {@link NodeBuilder}s for `shapes`, in order: an array literal, valid JavaScript and TypeScript. */
export function nodeBuildersSource(shapes: PackedDocument['shapes']): string {
  const builder = ({ kind, keys, plain }: PackedDocument['shapes'][number]) =>
    `(v, u) => ({ kind: ${JSON.stringify(kind)}, ${keys.map((key, i) => `${JSON.stringify(key)}: ${plain[i] ? `v[${i + 1}]` : `u(v[${i + 1}])`}`).join(', ')} })`;
  return `[\n${shapes.map((shape) => `  ${builder(shape)},\n`).join('')}]`;
}

/**
 * The document {@link packDocument} packed, equal to the parsed one. The
 * arrays of `root` are reused in place: it is read once, straight from
 * `JSON.parse`.
 */
export function unpackDocument(root: unknown, builders: readonly NodeBuilder[]): DocumentNode {
  const unpack = (value: unknown): unknown => {
    if (typeof value === 'string') return { kind: 'Name', value };
    if (value === null) return undefined;
    if (!Array.isArray(value)) return value;
    // A node starts with its shape's index; a list holds nodes or names, never a number.
    if (typeof value[0] === 'number') return builders[value[0]]!(value, unpack);
    for (let i = 0; i < value.length; i++) value[i] = unpack(value[i]);
    return value;
  };
  return unpack(root) as DocumentNode;
}
