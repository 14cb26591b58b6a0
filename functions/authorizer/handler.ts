/**
 * Lambda entry of the partner resource's authorizer. Imports only the
 * credential module, `authenticate` and the SDK, so its bundle stays small and
 * its cold start short (no GraphQL, no Apollo).
 */
import { DynamoCredentialStore } from '../data/credentials';
import { createDocumentClient } from '../data/store';
import { loadConfig } from '../shared/config';
import { createLogger } from '../shared/log';
import { createAuthorizer } from './authorize';

const config = loadConfig();
const logger = createLogger(config.logLevel);
const store = new DynamoCredentialStore(createDocumentClient({ endpoint: config.dynamodbEndpoint, region: config.region }), config.tableName);

export const handler = createAuthorizer(store, logger);
