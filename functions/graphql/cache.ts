import type { ApolloServerPlugin } from '@apollo/server';
import {
  Kind,
  getNamedType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  type ConstDirectiveNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { GraphQLContext } from './context';

/** Public network data changes a few times a year; five minutes keeps edits visible quickly. */
export const DEFAULT_MAX_AGE = 300;

export type CacheScope = 'PUBLIC' | 'PRIVATE';
export interface CachePolicy {
  /** Undefined until some field sets it; 0 or undefined means not cacheable. */
  maxAge?: number;
  scope?: CacheScope;
}
interface Hint extends CachePolicy {
  inheritMaxAge?: boolean;
}

/** What `Cache-Control` says for an answer nobody may store. */
export const UNCACHEABLE = 'no-store';

function hintFrom(directives: readonly ConstDirectiveNode[] | undefined): Hint | undefined {
  const directive = directives?.find((d) => d.name.value === 'cacheControl');
  if (!directive?.arguments) return undefined;
  const arg = (name: string) => directive.arguments!.find((a) => a.name.value === name)?.value;
  const scopeValue = arg('scope');
  const scope = scopeValue?.kind === Kind.ENUM && (scopeValue.value === 'PUBLIC' || scopeValue.value === 'PRIVATE') ? scopeValue.value : undefined;
  const inherit = arg('inheritMaxAge');
  if (inherit?.kind === Kind.BOOLEAN && inherit.value) return { inheritMaxAge: true, ...(scope ? { scope } : {}) };
  const maxAge = arg('maxAge');
  return { ...(maxAge?.kind === Kind.INT ? { maxAge: parseInt(maxAge.value, 10) } : {}), ...(scope ? { scope } : {}) };
}

function typeHint(type: GraphQLNamedType): Hint {
  const nodes = [type.astNode, ...(type.extensionASTNodes ?? [])];
  for (const node of nodes) {
    const hint = node && 'directives' in node ? hintFrom(node.directives) : undefined;
    if (hint) return hint;
  }
  return {};
}

function replace(policy: CachePolicy, hint: CachePolicy): void {
  if (hint.maxAge !== undefined) policy.maxAge = hint.maxAge;
  if (hint.scope !== undefined) policy.scope = hint.scope;
}

function restrict(policy: CachePolicy, hint: CachePolicy): void {
  if (hint.maxAge !== undefined && (policy.maxAge === undefined || hint.maxAge < policy.maxAge)) policy.maxAge = hint.maxAge;
  if (hint.scope !== undefined && policy.scope !== 'PRIVATE') policy.scope = hint.scope;
}

/**
 * Computes cache policies from the `@cacheControl` hints in the SDL, with the
 * semantics of Apollo's cache-control plugin (type hint, overridden by field
 * hint; `inheritMaxAge`; composite and root fields without hints get the
 * default), but once per parsed document instead of in a hook on every
 * resolved field. Apollo's document cache hands back the same DocumentNode for
 * the same query text, so a repeated query costs one WeakMap lookup.
 *
 * It differs from the per-field plugin only in being conservative: fields the
 * plugin skips because a parent was null or a list empty still count here.
 * Hints set at run time (`info.cacheControl.setCacheHint`) are not supported;
 * no resolver uses them.
 */
export class StaticCachePolicies {
  private readonly types = new Map<GraphQLNamedType, Hint>();
  private readonly fields = new Map<GraphQLField<unknown, unknown>, Hint>();
  private readonly byDocument = new WeakMap<DocumentNode, Map<string, CachePolicy>>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly defaultMaxAge = DEFAULT_MAX_AGE,
  ) {
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__')) continue;
      this.types.set(type, typeHint(type));
      if (isObjectType(type) || isInterfaceType(type)) {
        for (const field of Object.values(type.getFields())) this.fields.set(field, hintFrom(field.astNode?.directives) ?? {});
      }
    }
  }

  policy(document: DocumentNode, operation: OperationDefinitionNode): CachePolicy {
    let perOperation = this.byDocument.get(document);
    if (!perOperation) this.byDocument.set(document, (perOperation = new Map()));
    const key = operation.name?.value ?? '';
    let policy = perOperation.get(key);
    if (!policy) perOperation.set(key, (policy = this.compute(document, operation)));
    return policy;
  }

  private compute(document: DocumentNode, operation: OperationDefinitionNode): CachePolicy {
    const overall: CachePolicy = {};
    const root = operation.operation === 'query' ? this.schema.getQueryType() : null;
    // Mutations and subscriptions are never cached.
    if (!root) return { maxAge: 0 };
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
    // A fragment's hints do not depend on where it is spread: visiting it once is enough.
    const seen = new Set<string>();

    const visit = (set: SelectionSetNode, parent: GraphQLCompositeType, isRoot: boolean): void => {
      for (const selection of set.selections) {
        if (selection.kind === Kind.INLINE_FRAGMENT) {
          const type = selection.typeCondition ? this.schema.getType(selection.typeCondition.name.value) : parent;
          if (type && isCompositeType(type)) visit(selection.selectionSet, type, isRoot);
          continue;
        }
        if (selection.kind === Kind.FRAGMENT_SPREAD) {
          const fragment = fragments.get(selection.name.value);
          const type = fragment && this.schema.getType(fragment.typeCondition.name.value);
          if (fragment && type && isCompositeType(type) && !seen.has(fragment.name.value)) {
            seen.add(fragment.name.value);
            visit(fragment.selectionSet, type, isRoot);
          }
          continue;
        }
        // Meta fields (`__typename`, introspection) carry no hints, as in Apollo's plugin.
        if (selection.name.value.startsWith('__') || !(isObjectType(parent) || isInterfaceType(parent))) continue;
        const field = parent.getFields()[selection.name.value];
        if (!field) continue;
        const target = getNamedType(field.type);
        const fieldPolicy: CachePolicy = {};
        let inherit = false;
        if (isCompositeType(target)) {
          const hint = this.types.get(target) ?? {};
          replace(fieldPolicy, hint);
          inherit = Boolean(hint.inheritMaxAge);
        }
        const hint = this.fields.get(field as GraphQLField<unknown, unknown>) ?? {};
        if (hint.inheritMaxAge && fieldPolicy.maxAge === undefined) {
          inherit = true;
          if (hint.scope) replace(fieldPolicy, { scope: hint.scope });
        } else {
          replace(fieldPolicy, hint);
        }
        if (fieldPolicy.maxAge === undefined && ((isCompositeType(target) && !inherit) || isRoot)) {
          restrict(fieldPolicy, { maxAge: this.defaultMaxAge });
        }
        restrict(overall, fieldPolicy);
        if (selection.selectionSet && isCompositeType(target)) visit(selection.selectionSet, target, false);
      }
    };
    visit(operation.selectionSet, root, true);
    return overall;
  }
}

/** The `Cache-Control` value for a policy. */
export function cacheControlHeader(policy: CachePolicy): string {
  return policy.maxAge ? `max-age=${policy.maxAge}, ${(policy.scope ?? 'PUBLIC').toLowerCase()}` : UNCACHEABLE;
}

/**
 * Sets `Cache-Control` from the static policies: cacheable answers without
 * errors get `max-age=…, public|private`, everything else `no-store`. A header
 * set earlier (Apollo's persisted-query miss sets its own) is kept.
 */
export function staticCacheControlPlugin(defaultMaxAge = DEFAULT_MAX_AGE): ApolloServerPlugin<GraphQLContext> {
  let policies: StaticCachePolicies | undefined;
  return {
    async serverWillStart({ schema }) {
      policies = new StaticCachePolicies(schema, defaultMaxAge);
    },
    async requestDidStart() {
      let policy: CachePolicy | undefined;
      return {
        async didResolveOperation({ document, operation, overallCachePolicy }) {
          if (!operation) return;
          policy = policies!.policy(document, operation);
          // Shared with any other plugin that reads the request's policy.
          overallCachePolicy.replace(policy);
        },
        async willSendResponse({ response }) {
          if (response.http.headers.has('cache-control')) return;
          const ok = response.body.kind === 'single' && !response.body.singleResult.errors;
          response.http.headers.set('cache-control', ok && policy ? cacheControlHeader(policy) : UNCACHEABLE);
        },
      };
    },
  };
}
