/**
 * The read side of the data layer behind one object: resolvers call this
 * (through per-request loaders). The reads themselves live by kind in
 * reads-by-key.ts, collections.ts and municipality-queries.ts; writes go
 * through NetworkWriter (writes.ts), seeding through seeding.ts.
 */
import type { FeedOptions } from './feed';
import { ChangeFeed } from './feed';
import type {
  PartnershipMemberRecord,
  PartnershipRecord,
  PortraitRecord,
  ProgramMembershipRecord,
  ProgramRecord,
  ReportedMemberCount,
} from './model';
import { DEFAULT_NOMINATION_RETENTION_DAYS, NominationStore } from './nominations';
import type { TableStore } from './store';
import * as collections from './collections';
import type { CityCollection, CityDirectory, ListedType, PartnershipDirectory, ProgramDirectory } from './collections';
import * as municipalities from './municipality-queries';
import type { MunicipalityPage, MunicipalityQuery } from './municipality-queries';
import * as byKey from './reads-by-key';
import type { RecordOf, RecordRef, StandaloneRecords } from './reads-by-key';

/** The network's data as the read path sees it. */
export class NetworkRepository {
  /** The change feed over the same table (read-only, strongly consistent). */
  readonly feed: ChangeFeed;
  /** Private nominations (put by the public `nominate`; read only by moderation). */
  readonly nominations: NominationStore;

  constructor(
    /** The table this repository reads; seeding and the write path reach it through here. */
    readonly store: TableStore,
    options: FeedOptions & { nominationRetentionDays?: number } = {},
  ) {
    this.feed = new ChangeFeed(store, options);
    this.nominations = new NominationStore(store, {
      retentionDays: options.nominationRetentionDays ?? DEFAULT_NOMINATION_RETENTION_DAYS,
      ...(options.now ? { now: options.now } : {}),
    });
  }

  /** Records of any types by reference, in one BatchGetItem per 100 keys (reads-by-key.ts). */
  getRecords(refs: readonly RecordRef[]): Promise<(RecordOf<RecordRef['type']> | null)[]> {
    return byKey.getRecords(this.store, refs);
  }

  getReportedMemberCounts(): Promise<ReportedMemberCount[]> {
    return byKey.getReportedMemberCounts(this.store);
  }

  /** A city and its edges in one Query of the member view. */
  cityCollection(cityId: string): Promise<CityCollection> {
    return collections.cityCollection(this.store, cityId);
  }

  /** Every member place with its memberships and partnership edges, in one Query. */
  cityDirectory(): Promise<CityDirectory> {
    return collections.cityDirectory(this.store);
  }

  /** A programme and its memberships: one Query of its item collection. */
  programCollection(programId: string): Promise<{ program: ProgramRecord | null; memberships: ProgramMembershipRecord[] }> {
    return collections.programCollection(this.store, programId);
  }

  programDirectory(): Promise<ProgramDirectory> {
    return collections.programDirectory(this.store);
  }

  /** A partnership and its member edges: one Query of its item collection. */
  partnershipCollection(partnershipId: string): Promise<{ partnership: PartnershipRecord | null; members: PartnershipMemberRecord[] }> {
    return collections.partnershipCollection(this.store, partnershipId);
  }

  partnershipDirectory(): Promise<PartnershipDirectory> {
    return collections.partnershipDirectory(this.store);
  }

  /** The partnership edges of an organisation (member view). */
  organizationPartnershipEdges(organizationId: string): Promise<PartnershipMemberRecord[]> {
    return collections.organizationPartnershipEdges(this.store, organizationId);
  }

  /** Every portrait of a campaign, published or not (callers decide what a principal may see). */
  campaignPortraits(campaignId: string): Promise<PortraitRecord[]> {
    return collections.campaignPortraits(this.store, campaignId);
  }

  /** Every record of a small standalone type (organisations, campaigns, events, rounds, sources). */
  listAll<T extends ListedType>(type: T): Promise<StandaloneRecords[T][]> {
    return collections.listAll(this.store, type);
  }

  /** A bounded page of municipalities (municipality-queries.ts). */
  municipalityPage(query: MunicipalityQuery): Promise<MunicipalityPage> {
    return municipalities.municipalityPage(this.store, query);
  }

  countMunicipalities(query: Omit<MunicipalityQuery, 'after' | 'limit'>): Promise<number> {
    return municipalities.countMunicipalities(this.store, query);
  }
}
