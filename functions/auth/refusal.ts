/**
 * The body every authentication refusal gets, from the local server, the
 * handler and API Gateway's gateway responses alike: a GraphQL error response
 * with the stable code UNAUTHENTICATED. One constant so the three cannot drift.
 */
export const UNAUTHENTICATED_MESSAGE = 'A valid credential is required: send Authorization: Bearer <key>';

export const UNAUTHENTICATED_BODY = JSON.stringify({
  errors: [{ message: UNAUTHENTICATED_MESSAGE, extensions: { code: 'UNAUTHENTICATED' } }],
});
