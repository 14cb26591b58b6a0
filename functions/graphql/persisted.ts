import { InMemoryLRUCache, PrefixingKeyValueCache, type KeyValueCache, type KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import { trustedDocuments } from './__generated__/trustedDocuments';

/**
 * Apollo's persisted-query store with the widgets' trusted documents
 * preloaded: their hashes are answered on the first GET of any container,
 * without the APQ miss-and-register round trip (and without a miss answer a
 * CDN would have to skip). Other clients' APQ registrations go to a bounded
 * LRU as before; a registration can never replace a trusted document.
 */
export class TrustedDocumentStore implements KeyValueCache<string> {
  constructor(
    private readonly trusted: Readonly<Record<string, string>> = trustedDocuments,
    private readonly registered: KeyValueCache<string> = new InMemoryLRUCache<string>(),
  ) {}

  async get(hash: string): Promise<string | undefined> {
    return Object.hasOwn(this.trusted, hash) ? this.trusted[hash] : this.registered.get(hash);
  }

  async set(hash: string, query: string, options?: KeyValueCacheSetOptions): Promise<void> {
    if (Object.hasOwn(this.trusted, hash)) return;
    await this.registered.set(hash, query, options);
  }

  async delete(hash: string): Promise<boolean | void> {
    return this.registered.delete(hash);
  }
}

/** The store as Apollo's `persistedQueries.cache`: used for nothing else, so its keys need no `apq:` prefix. */
export function persistedQueryCache(): KeyValueCache<string> {
  return PrefixingKeyValueCache.cacheDangerouslyDoesNotNeedPrefixesForIsolation(new TrustedDocumentStore());
}
