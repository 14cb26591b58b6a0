/* eslint-disable */
import * as types from './graphql';
import { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query CitiesForward($after: String) {\n    cities(first: 100, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { id name state }\n    }\n  }\n": typeof types.CitiesForwardDocument,
    "\n  query CitiesBackward($before: String) {\n    cities(last: 100, before: $before) {\n      pageInfo { hasPreviousPage startCursor }\n      nodes { id name state }\n    }\n  }\n": typeof types.CitiesBackwardDocument,
};
const documents: Documents = {
    "\n  query CitiesForward($after: String) {\n    cities(first: 100, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { id name state }\n    }\n  }\n": types.CitiesForwardDocument,
    "\n  query CitiesBackward($before: String) {\n    cities(last: 100, before: $before) {\n      pageInfo { hasPreviousPage startCursor }\n      nodes { id name state }\n    }\n  }\n": types.CitiesBackwardDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CitiesForward($after: String) {\n    cities(first: 100, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { id name state }\n    }\n  }\n"): (typeof documents)["\n  query CitiesForward($after: String) {\n    cities(first: 100, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { id name state }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CitiesBackward($before: String) {\n    cities(last: 100, before: $before) {\n      pageInfo { hasPreviousPage startCursor }\n      nodes { id name state }\n    }\n  }\n"): (typeof documents)["\n  query CitiesBackward($before: String) {\n    cities(last: 100, before: $before) {\n      pageInfo { hasPreviousPage startCursor }\n      nodes { id name state }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;