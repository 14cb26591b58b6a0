// Runs in every test worker before its tests: pin the environment the handler's
// config reads, and refuse to run against anything but a loopback store.
const endpoint = process.env.DYNAMODB_ENDPOINT;
if (endpoint && !/^http:\/\/(127\.0\.0\.1|localhost|\[::1\]):\d+$/.test(endpoint)) {
  throw new Error(`Tests only run against DynamoDB Local on loopback; DYNAMODB_ENDPOINT is ${endpoint}`);
}
process.env.AWS_REGION = 'eu-central-1';
// Node 20 here, Node 22 on Lambda: the SDK's per-process notice says nothing about the code under test.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
process.env.APP_ENV = 'test';
process.env.LOG_LEVEL = process.env.LOG_LEVEL ?? 'error';
// The SDK must never pick up real credentials in tests.
process.env.AWS_ACCESS_KEY_ID = 'local';
process.env.AWS_SECRET_ACCESS_KEY = 'local';
delete process.env.AWS_PROFILE;
delete process.env.AWS_SESSION_TOKEN;
// EMF metric lines would fill every test's output; test/faults/observability.test.ts turns them on.
process.env.POWERTOOLS_METRICS_DISABLED = process.env.POWERTOOLS_METRICS_DISABLED ?? 'true';
// DynamoDB Local on a 2-core machine shared with other test runs can take seconds for one
// request; the production attempt timeout (3 s) would count that as a stall. Fault tests
// that exercise the timeout give the store their own deadline.
process.env.STORE_ATTEMPT_TIMEOUT_MS = process.env.STORE_ATTEMPT_TIMEOUT_MS ?? '15000';
process.env.REQUEST_BUDGET_MS = process.env.REQUEST_BUDGET_MS ?? '30000';
