/** The naive baseline of the public GraphQL API over the API's SDL, as the warm benchmark invokes it in-process. */
import { typeDefs } from '../../functions/graphql/__generated__/typeDefs';
import { createHandler } from './lambda';

export const handler = createHandler(typeDefs);
