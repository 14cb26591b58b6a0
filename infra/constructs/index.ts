export { NetworkTable } from './data';
export { GraphqlFunction, DATA_ACCESS_ACTIONS, DEFAULT_GRAPHQL_ENTRY, type BindableTable, type GraphqlFunctionProps } from './graphql-function';
export { GraphqlApi, PUBLIC_PATH, PARTNER_PATH, CORS_ALLOW_HEADERS, type GraphqlApiProps } from './api';
export { Operations, type OperationsProps } from './operations';
export { PartnerAuthorizer, AUTHORIZER_ENTRY, AUTHORIZER_CACHE_TTL_SECONDS, AUTHORIZATION_HEADER_PATTERN, type PartnerAuthorizerProps } from './partner-authorizer';
export { Widgets, IMMUTABLE_CACHE_CONTROL, LOADER_CACHE_CONTROL, type WidgetsProps } from './widgets';
export { Photos, IMAGE_FUNCTION_ENTRY, MAX_UPLOAD_BYTES, NOT_FOUND_PAGE, type PhotosProps } from './photos';
export { WithdrawalFunction, WITHDRAWAL_ACTIONS, WITHDRAWAL_ENTRY, WITHDRAWAL_LEADING_KEYS, type WithdrawalFunctionProps } from './withdrawal';
