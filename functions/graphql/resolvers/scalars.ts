import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { isPartialDate } from '../../shared/dates';

function parse(value: unknown): string {
  if (typeof value !== 'string' || !isPartialDate(value)) {
    throw new GraphQLError('PartialDate must be YYYY, YYYY-MM or YYYY-MM-DD', { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return value;
}

/** ISO 8601 date of year, month or day precision. */
export const partialDateScalar = new GraphQLScalarType({
  name: 'PartialDate',
  description: 'ISO 8601 date with year, month or day precision.',
  serialize: (value) => String(value),
  parseValue: parse,
  parseLiteral: (ast) => parse(ast.kind === Kind.STRING ? ast.value : undefined),
});
