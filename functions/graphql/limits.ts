import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  Kind,
  getNamedType,
  getNullableType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLError,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
  valueFromASTUntyped,
} from 'graphql';
import type { GraphQLContext } from './context';
import { RequestRefusedError, type RefusalCode } from './errors';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './pagination';
import { MAX_BODY_BYTES, MAX_QUERY_STRING_BYTES } from './http/contract';

/**
 * Every limit the public API enforces, in one place; docs/API.md publishes the
 * same numbers. Chosen from the documented queries: the network map (100
 * cities with memberships, partnerships, campaigns, events, organisations,
 * coordination office and municipality) costs 46,501 and has depth 6;
 * GraphiQL's introspection query has about 300 tokens.
 */
export const LIMITS = Object.freeze({
  /** Nesting of fields (fragments do not add levels; introspection is bounded by graphql-js's own rule). */
  maxDepth: 10,
  /** Aliased fields per operation (`__typename` aliases are free). */
  maxAliases: 15,
  /** Directive uses per operation. */
  maxDirectives: 10,
  /** Lexical tokens per document. */
  maxTokens: 2_000,
  /** Estimated objects an operation may ask for (see `operationCost`). */
  maxCost: 100_000,
  /** Size of a POST body in bytes. */
  maxBodyBytes: MAX_BODY_BYTES,
  /** Size of a GET query string in bytes; longer queries go by POST or as persisted queries. */
  maxQueryStringBytes: MAX_QUERY_STRING_BYTES,
  defaultPageSize: DEFAULT_PAGE_SIZE,
  maxPageSize: MAX_PAGE_SIZE,
});

/** Assumed length of a list field without `first`, unless LIST_ESTIMATES names it. */
export const DEFAULT_LIST_ESTIMATE = 10;

/**
 * Un-paged lists that are longer than the default, rounded up from the seeded
 * data so growth does not make documented queries fail tomorrow.
 */
export const LIST_ESTIMATES: Readonly<Record<string, number>> = Object.freeze({
  'Program.memberships': 200,
  'Query.programs': 10,
  'Query.partnerships': 50,
  'Query.campaigns': 20,
  'Query.events': 50,
  'Query.applicationRounds': 10,
  'Query.dataSources': 20,
  // At most MAX_NODE_IDS ids; priced at the maximum rather than counting them.
  'Query.nodes': 100,
  'Partnership.cities': 20,
  'Partnership.members': 20,
  'NetworkStats.byState': 16,
  'NetworkStats.joinsByYear': 20,
});

/**
 * Fields whose DynamoDB reads do not follow from what they return, priced at
 * the most items they may read (docs/API.md, "Read limits"): a municipalities
 * page evaluates at most 4 Queries of 500 index items when filtered; a
 * municipalities `totalCount` counts the whole matching range, at most all
 * 10,786 places. Added once per occurrence, multiplied by enclosing lists.
 */
export const READ_COSTS: Readonly<Record<string, number>> = Object.freeze({
  'Query.municipalities': 2_000,
  // An export page scans at most 4 × 500 items (EXPORT_READ_BOUND); a feed page reads one Query per bucket.
  'Query.changes': 2_000,
  'MunicipalityConnection.totalCount': 11_000,
});

/**
 * Introspection is answered from memory and graphql-js already refuses deeply
 * nested introspection (MaxIntrospectionDepthRule); a flat price stops floods
 * of aliased `__schema` fields (at most 10 per request).
 */
export const INTROSPECTION_COST = Object.freeze({ __schema: 10_000, __type: 100 });

function refuse(code: RefusalCode, limit: number) {
  return (ctx: ValidationContext | null, error: GraphQLError) => {
    // Armor phrases every refusal as a syntax error; the limit and its value are what matter.
    const message = error.message.replace(/^Syntax Error:\s*/, '');
    ctx?.reportError(new RequestRefusedError(code, message, { limit }));
  };
}

/**
 * graphql-armor's depth, alias and directive rules (reporting our codes) and
 * its field-suggestion mask outside development. Its token plugin parses every
 * document a second time, so the token limit is graphql-js's own `maxTokens`
 * parse option instead (see server.ts); its cost rule knows nothing of page
 * sizes, so cost is `costPlugin` below.
 */
export function armorProtection(environment: 'development' | 'production' | 'test'): {
  validationRules: ValidationRule[];
  plugins: ApolloServerPlugin<GraphQLContext>[];
} {
  const armor = new ApolloArmor({
    maxDepth: {
      n: LIMITS.maxDepth,
      flattenFragments: true,
      ignoreIntrospection: true,
      propagateOnRejection: false,
      onReject: [refuse('QUERY_TOO_DEEP', LIMITS.maxDepth)],
    },
    maxAliases: { n: LIMITS.maxAliases, propagateOnRejection: false, onReject: [refuse('TOO_MANY_ALIASES', LIMITS.maxAliases)] },
    maxDirectives: {
      n: LIMITS.maxDirectives,
      propagateOnRejection: false,
      onReject: [refuse('TOO_MANY_DIRECTIVES', LIMITS.maxDirectives)],
    },
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: environment !== 'development' },
  });
  const { validationRules, plugins } = armor.protect();
  return { validationRules, plugins: plugins as ApolloServerPlugin<GraphQLContext>[] };
}

function pageArgument(node: FieldNode, variables: Record<string, unknown> | undefined): number {
  const read = (name: string): unknown => {
    const arg = node.arguments?.find((a) => a.name.value === name);
    if (arg?.value.kind === Kind.INT) return Number(arg.value.value);
    if (arg?.value.kind === Kind.VARIABLE) return variables?.[arg.value.name.value];
    return undefined;
  };
  // A page holds at most `first` items when given, else at most `last`.
  const value = read('first') ?? read('last');
  // Out-of-range sizes are the resolver's BAD_USER_INPUT; the estimate stays within the page range.
  if (typeof value !== 'number' || !Number.isInteger(value)) return DEFAULT_PAGE_SIZE;
  return Math.min(Math.max(value, 1), MAX_PAGE_SIZE);
}

/**
 * The variables an operation runs with: what the request sent, and each
 * declared default where it sent nothing, as GraphQL's execution coerces them.
 * Pricing only the sent values let `query($n: Int = 100)` pass as a page of 20.
 */
function withDefaults(operation: OperationDefinitionNode, sent: Record<string, unknown> | undefined): Record<string, unknown> {
  const variables: Record<string, unknown> = { ...sent };
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (!(name in variables) && definition.defaultValue) variables[name] = valueFromASTUntyped(definition.defaultValue);
  }
  return variables;
}

/**
 * An upper estimate of the objects an operation returns: each object-valued
 * field counts 1 per object, a list multiplies what is selected in it by its
 * length — the page size (`first`, default 20) for connection lists, otherwise
 * LIST_ESTIMATES or DEFAULT_LIST_ESTIMATE. Scalars are free. Linear in the size
 * of the document: fragment costs are memoised, so fragment bombs are priced
 * (as refused) without being expanded.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables?: Record<string, unknown>,
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  variables = withDefaults(operation, variables);
  const memo = new Map<string, number>();
  const active = new Set<string>();

  const selectionCost = (set: SelectionSetNode, parent: GraphQLCompositeType, page: number | undefined): number => {
    let total = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        total += fieldCost(selection, parent, page);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (type && isCompositeType(type)) total += selectionCost(selection.selectionSet, type, page);
      } else {
        const name = selection.name.value;
        const key = `${name}:${page ?? ''}`;
        const fragment = fragments.get(name);
        const type = fragment && schema.getType(fragment.typeCondition.name.value);
        // Cycles are refused by validation before this runs; the guard only keeps this total.
        if (!fragment || !type || !isCompositeType(type) || active.has(name)) continue;
        let cost = memo.get(key);
        if (cost === undefined) {
          active.add(name);
          cost = selectionCost(fragment.selectionSet, type, page);
          active.delete(name);
          memo.set(key, cost);
        }
        total += cost;
      }
    }
    return total;
  };

  const fieldCost = (node: FieldNode, parent: GraphQLCompositeType, page: number | undefined): number => {
    const name = node.name.value;
    if (name === '__schema' || name === '__type') return INTROSPECTION_COST[name];
    if (!(isObjectType(parent) || isInterfaceType(parent))) return 0;
    const field = parent.getFields()[name];
    const reads = READ_COSTS[`${parent.name}.${name}`] ?? 0;
    if (!field || !node.selectionSet) return reads;
    const target = getNamedType(field.type);
    if (!isCompositeType(target)) return reads;
    const ownPage = field.args.some((a) => a.name === 'first') ? pageArgument(node, variables) : undefined;
    const inner = 1 + selectionCost(node.selectionSet, target, ownPage);
    if (!isListType(getNullableType(field.type))) return reads + inner;
    const length = page ?? LIST_ESTIMATES[`${parent.name}.${name}`] ?? DEFAULT_LIST_ESTIMATE;
    return reads + length * inner;
  };

  const root = operation.operation === 'query' ? schema.getQueryType() : operation.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
  return root ? selectionCost(operation.selectionSet, root, undefined) : 0;
}

/**
 * Prices each operation before it runs, refuses it above LIMITS.maxCost with
 * QUERY_TOO_COSTLY, and reports `extensions.cost = { requested, limit }` in
 * every answer that got that far, so clients can plan.
 */
export function costPlugin(limit = LIMITS.maxCost): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      let requested: number | undefined;
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          requested = operationCost(schema, document, operation, request.variables);
          if (requested > limit) {
            throw new RequestRefusedError('QUERY_TOO_COSTLY', `Query cost ${requested} exceeds the limit of ${limit}`, {
              limit,
              cost: { requested, limit },
            });
          }
        },
        async willSendResponse({ response }) {
          if (requested === undefined || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, cost: { requested, limit } };
        },
      };
    },
  };
}
