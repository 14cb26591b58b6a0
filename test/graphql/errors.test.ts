import { countingServer } from '../support/server';
import { gql } from '../support/lambda';

describe('errors', () => {
  it('masks store failures as INTERNAL_SERVER_ERROR without internals, and logs the cause', async () => {
    const api = await countingServer('table-that-does-not-exist');
    try {
      const result = await api.run(`{ city(id: "heidelberg") { name } }`);
      const [error] = result.body.errors;
      expect(error.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
      expect(error.message).toBe('Internal server error');
      expect(JSON.stringify(result.body)).not.toMatch(/ResourceNotFound|at .*\.ts|stack/i);
      expect(api.logs.join('\n')).toMatch(/ResourceNotFound|non-existent table|Cannot do operations/i);
    } finally {
      await api.server.stop();
    }
  });

  it('answers syntax and validation errors with their codes and no stack trace', async () => {
    const parse = await gql(`{ cities { `);
    expect(parse.status).toBe(400);
    expect(parse.errors![0]!.extensions!.code).toBe('GRAPHQL_PARSE_FAILED');
    const validation = await gql(`{ cities { nodes { nosuchfield } } }`);
    expect(validation.status).toBe(400);
    expect(validation.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    for (const res of [parse, validation]) expect(JSON.stringify(res)).not.toMatch(/stacktrace/);
  });

  it('answers wrongly typed variables with BAD_USER_INPUT', async () => {
    const res = await gql(`query($first: Int) { cities(first: $first) { totalCount } }`, { first: 'many' });
    expect(res.status).toBe(400);
    expect(res.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
  });
});
