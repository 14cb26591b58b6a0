/** A GraphQL answer that cannot be shown: transport failure, HTTP error or GraphQL errors. */
export class WidgetRequestError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

/**
 * Runs a trusted document by its hash as a plain GET: no query text, no
 * registration round trip, no preflight (only CORS-safelisted headers), no
 * cookies and no referrer, so browsers and CDNs can cache the answer and the
 * API learns nothing about the embedding page.
 */
export async function runDocument<T>(api: string, hash: string, variables: Record<string, unknown>, signal: AbortSignal): Promise<T> {
  const url = new URL(api, document.baseURI);
  url.searchParams.set('variables', JSON.stringify(variables));
  url.searchParams.set('extensions', JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash } }));
  const response = await fetch(url, {
    headers: { accept: 'application/graphql-response+json, application/json' },
    credentials: 'omit',
    referrerPolicy: 'no-referrer',
    signal,
  });
  let body: { data?: T | null; errors?: { message: string; extensions?: { code?: string } }[] };
  try {
    body = await response.json();
  } catch {
    throw new WidgetRequestError(`HTTP ${response.status}`);
  }
  // A partial answer is an error too: a widget never shows a list with silent gaps.
  const first = body.errors?.[0];
  if (first) throw new WidgetRequestError(first.message, first.extensions?.code);
  if (!response.ok || !body.data) throw new WidgetRequestError(`HTTP ${response.status}`);
  return body.data;
}
