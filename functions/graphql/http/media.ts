/** Media types of the GraphQL-over-HTTP spec. */
export const GRAPHQL_RESPONSE_JSON = 'application/graphql-response+json';
export const JSON_TYPE = 'application/json';
export type ResponseMediaType = typeof GRAPHQL_RESPONSE_JSON | typeof JSON_TYPE;

interface MediaRange {
  type: string;
  q: number;
  params: Record<string, string>;
}

/** Parses `type/subtype; a=b` (Content-Type, or one Accept entry), lower-casing names. */
export function parseMediaType(value: string): { essence: string; params: Record<string, string> } {
  const [essence = '', ...rest] = value.split(';');
  const params: Record<string, string> = {};
  for (const part of rest) {
    const eq = part.indexOf('=');
    if (eq > 0) params[part.slice(0, eq).trim().toLowerCase()] = part.slice(eq + 1).trim().replace(/^"|"$/g, '').toLowerCase();
  }
  return { essence: essence.trim().toLowerCase(), params };
}

function ranges(accept: string): MediaRange[] {
  return accept
    .split(',')
    .map((entry, index) => {
      const { essence, params } = parseMediaType(entry);
      const q = params.q === undefined ? 1 : Number(params.q);
      return { type: essence, q: Number.isFinite(q) ? q : 0, params, index };
    })
    .filter((r) => r.type.length > 0 && r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
}

/**
 * The media type to answer in, or null when the Accept header allows neither
 * (406). A missing header means `application/json`, as the spec asks; wildcards
 * get `application/json` too, for clients that predate the new type.
 */
export function negotiateResponseType(accept: string | undefined): ResponseMediaType | null {
  if (accept === undefined || accept.trim() === '') return JSON_TYPE;
  for (const range of ranges(accept)) {
    // A charset other than utf-8 cannot be honoured: responses are always utf-8.
    if (range.params.charset !== undefined && range.params.charset !== 'utf-8') continue;
    if (range.type === GRAPHQL_RESPONSE_JSON) return GRAPHQL_RESPONSE_JSON;
    if (range.type === JSON_TYPE || range.type === 'application/*' || range.type === '*/*') return JSON_TYPE;
  }
  return null;
}
