import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { isPartialDate } from '../../shared/dates';

function badInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

/**
 * A string scalar that validates what clients send (BAD_USER_INPUT) and what
 * the API answers: a stored value that breaks the documented format is a
 * field error, never passed on unchecked.
 */
function stringScalar(name: string, description: string, specifiedByURL: string, parse: (value: string) => string | null, expected: string) {
  const input = (value: unknown): string => {
    const parsed = typeof value === 'string' ? parse(value) : null;
    if (parsed === null) throw badInput(`${name} must be ${expected}`);
    return parsed;
  };
  return new GraphQLScalarType({
    name,
    description,
    specifiedByURL,
    serialize: (value) => {
      const parsed = typeof value === 'string' ? parse(value) : null;
      if (parsed === null) throw new GraphQLError(`Stored value is not a valid ${name}`);
      return parsed;
    },
    parseValue: input,
    parseLiteral: (ast: ValueNode) => input(ast.kind === Kind.STRING ? ast.value : undefined),
  });
}

/** ISO 8601 date of year, month or day precision. */
export const partialDateScalar = stringScalar(
  'PartialDate',
  'ISO 8601 date with year, month or day precision.',
  'https://www.w3.org/TR/NOTE-datetime',
  (value) => (isPartialDate(value) ? value : null),
  'YYYY, YYYY-MM or YYYY-MM-DD',
);

/** Absolute http(s) URLs only: a relative or `javascript:` URL is no link a third party should render. */
export const urlScalar = stringScalar(
  'URL',
  'An absolute http or https URL.',
  'https://url.spec.whatwg.org/#absolute-url-string',
  (value) => {
    if (!URL.canParse(value)) return null;
    const { protocol } = new URL(value);
    return protocol === 'https:' || protocol === 'http:' ? value : null;
  },
  'an absolute http or https URL',
);

const STATE_CODES = new Set(['DE-BB', 'DE-BE', 'DE-BW', 'DE-BY', 'DE-HB', 'DE-HE', 'DE-HH', 'DE-MV', 'DE-NI', 'DE-NW', 'DE-RP', 'DE-SH', 'DE-SL', 'DE-SN', 'DE-ST', 'DE-TH']);

/** The 16 ISO 3166-2:DE state codes; input is upper-cased (`de-st` is `DE-ST`). */
export const stateCodeScalar = stringScalar(
  'StateCode',
  'ISO 3166-2 code of a German state, e.g. DE-ST.',
  'https://www.iso.org/obp/ui/#iso:code:3166:DE',
  (value) => {
    const code = value.trim().toUpperCase();
    return STATE_CODES.has(code) ? code : null;
  },
  'the ISO 3166-2 code of a German state, such as DE-ST',
);
