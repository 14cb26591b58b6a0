import DataLoader from 'dataloader';
import { emptyCityEdges } from '../data';
import type {
  CityDirectory,
  CityEdges,
  NetworkRepository,
  PartnershipDirectory,
  ProgramDirectory,
  RecordOf,
  RecordRef,
  StandaloneRecords,
} from '../data';
import type {
  PartnershipMemberRecord,
  PortraitRecord,
  ProgramMembershipRecord,
  ReportedMemberCount,
} from '../data/model';

/** The small types read whole (organisations, campaigns, events, rounds, sources). */
type ListedType = Parameters<NetworkRepository['listAll']>[0];

/**
 * Up to this many collections in one batch are read with one Query each; a
 * larger batch reads the whole directory partition once instead, so request
 * counts stay flat however long the list that asked for them is.
 */
export const PER_KEY_QUERY_LIMIT = 2;


const BATCH = { maxBatchSize: 100 } as const;

/**
 * Per-request loaders. Created for every request (never at module scope: a
 * Lambda container serves many callers, and a loader is a cache).
 */
export function createLoaders(repo: NetworkRepository) {
  const memo = new Map<string, Promise<unknown>>();
  function once<T>(key: string, load: () => Promise<T>): Promise<T> {
    let pending = memo.get(key) as Promise<T> | undefined;
    if (!pending) {
      pending = load();
      memo.set(key, pending);
    }
    return pending;
  }

  /**
   * One loader for every by-key read of the request: a round's reads of
   * cities, programmes, partnerships, organisations, memberships and
   * municipalities go out as one BatchGetItem instead of one per type.
   */
  const records = new DataLoader<RecordRef, RecordOf<RecordRef['type']> | null, string>((refs) => repo.getRecords(refs), {
    ...BATCH,
    cacheKeyFn: (ref) => `${ref.type}\u0000${ref.id}`,
  });

  /**
   * A typed view of the record loader for one type. When this request already
   * reads the type's whole directory, it answers from it instead of a
   * BatchGetItem, so the request count does not depend on resolver order.
   */
  // Directories' records by id, built once per directory read of this request.
  const indexes = new Map<unknown, Map<string, { id: string }>>();
  function indexById(directory: unknown): Map<string, { id: string }> {
    let index = indexes.get(directory);
    if (!index) {
      index = new Map(recordsOf(directory).map((record) => [record.id, record]));
      indexes.set(directory, index);
    }
    return index;
  }

  function view<T extends RecordRef['type']>(type: T, directoryKey?: string): RecordView<RecordOf<T>> {
    const fromDirectory = async (id: string): Promise<RecordOf<T> | undefined> => {
      const directory = directoryKey ? memo.get(directoryKey) : undefined;
      if (!directory) return undefined;
      return indexById(await directory).get(id) as RecordOf<T> | undefined;
    };
    const load = async (id: string): Promise<RecordOf<T> | null> =>
      (await fromDirectory(id)) ?? ((await records.load({ type, id } as RecordRef)) as RecordOf<T> | null);
    return {
      load,
      loadMany: (ids) => Promise.all(ids.map((id) => load(id).catch((error: Error) => error))),
      prime: (id, record) => {
        records.prime({ type, id } as RecordRef, record);
      },
    };
  }

  const loaders = {
    city: view('City', 'cityDirectory'),
    program: view('Program', 'programDirectory'),
    partnership: view('Partnership', 'partnershipDirectory'),
    organization: view('Organization', 'organizations'),
    campaign: view('Campaign', 'campaigns'),
    event: view('Event', 'events'),
    applicationRound: view('ApplicationRound', 'rounds'),
    dataSource: view('DataSource', 'sources'),
    membership: view('ProgramMembership'),
    partnershipMember: view('PartnershipMember'),
    municipality: view('Municipality'),
    cityIdByAgs: view('CityAgs'),
    portrait: view('Portrait'),

    /** Every portrait of a campaign, published or not; resolvers filter by principal. */
    campaignPortraits: new DataLoader<string, PortraitRecord[]>((campaignIds) => Promise.all(campaignIds.map((id) => repo.campaignPortraits(id)))),

    cityEdges: new DataLoader<string, CityEdges>(async (cityIds) => {
      if (cityIds.length > PER_KEY_QUERY_LIMIT) {
        const directory = await cityDirectory();
        return cityIds.map((id) => edgesFromDirectory(directory, id));
      }
      return Promise.all(
        cityIds.map(async (id) => {
          const { city, ...edges } = await repo.cityCollection(id);
          if (city) loaders.city.prime(id, city);
          for (const organization of edges.organizations) loaders.organization.prime(organization.id, organization);
          for (const event of edges.events) loaders.event.prime(event.id, event);
          return edges;
        }),
      );
    }),

    programMemberships: new DataLoader<string, ProgramMembershipRecord[]>(async (programIds) => {
      if (programIds.length > PER_KEY_QUERY_LIMIT) {
        const directory = await programDirectory();
        return programIds.map((id) => directory.membershipsByProgram.get(id) ?? []);
      }
      return Promise.all(programIds.map(async (id) => (await repo.programCollection(id)).memberships));
    }),

    partnershipMembers: new DataLoader<string, PartnershipMemberRecord[]>(async (partnershipIds) => {
      if (partnershipIds.length > PER_KEY_QUERY_LIMIT) {
        const directory = await partnershipDirectory();
        return partnershipIds.map((id) => directory.membersByPartnership.get(id) ?? []);
      }
      return Promise.all(partnershipIds.map(async (id) => (await repo.partnershipCollection(id)).members));
    }),

    organizationEdges: new DataLoader<string, PartnershipMemberRecord[]>(async (organizationIds) => {
      if (organizationIds.length > PER_KEY_QUERY_LIMIT) {
        const directory = await partnershipDirectory();
        const byOrganization = new Map<string, PartnershipMemberRecord[]>();
        for (const members of directory.membersByPartnership.values()) {
          for (const member of members) {
            if (member.memberType !== 'Organization') continue;
            byOrganization.set(member.memberId, [...(byOrganization.get(member.memberId) ?? []), member]);
          }
        }
        return organizationIds.map((id) => byOrganization.get(id) ?? []);
      }
      return Promise.all(organizationIds.map((id) => repo.organizationPartnershipEdges(id)));
    }),

    cityDirectory,
    programDirectory,
    partnershipDirectory,
    allOrganizations: () => listing('organizations', 'Organization', loaders.organization),
    allCampaigns: () => listing('campaigns', 'Campaign', loaders.campaign),
    allEvents: () => listing('events', 'Event', loaders.event),
    allApplicationRounds: () => listing('rounds', 'ApplicationRound', loaders.applicationRound),
    allDataSources: () => listing('sources', 'DataSource', loaders.dataSource),
    reportedMemberCounts: () => once('reported', () => repo.getReportedMemberCounts()) as Promise<ReportedMemberCount[]>,
  };

  /** Reads a directory once per request and primes the by-id and edge loaders from it. */
  function primedDirectory<D>(key: string, read: () => Promise<D>, prime: (directory: D) => void): Promise<D> {
    return once(key, async () => {
      const directory = await read();
      prime(directory);
      return directory;
    });
  }

  /** Every record of a small type, read once per request, each primed for by-id loads. */
  function listing<T extends ListedType>(key: string, type: T, view: RecordView<StandaloneRecords[T]>): Promise<StandaloneRecords[T][]> {
    return primedDirectory(key, () => repo.listAll(type), (records) => {
      for (const record of records) view.prime(record.id, record);
    });
  }

  function cityDirectory(): Promise<CityDirectory> {
    return primedDirectory('cityDirectory', () => repo.cityDirectory(), (directory) => {
      for (const city of directory.cities) {
        loaders.city.prime(city.id, city);
        loaders.cityEdges.prime(city.id, edgesFromDirectory(directory, city.id));
      }
    });
  }

  function programDirectory(): Promise<ProgramDirectory> {
    return primedDirectory('programDirectory', () => repo.programDirectory(), (directory) => {
      for (const program of directory.programs) {
        loaders.program.prime(program.id, program);
        loaders.programMemberships.prime(program.id, directory.membershipsByProgram.get(program.id) ?? []);
      }
    });
  }

  function partnershipDirectory(): Promise<PartnershipDirectory> {
    return primedDirectory('partnershipDirectory', () => repo.partnershipDirectory(), (directory) => {
      for (const partnership of directory.partnerships) {
        loaders.partnership.prime(partnership.id, partnership);
        loaders.partnershipMembers.prime(partnership.id, directory.membersByPartnership.get(partnership.id) ?? []);
      }
    });
  }

  return loaders;
}

/** The records of a memoised directory read, whatever its shape. */
function recordsOf(directory: unknown): { id: string }[] {
  if (Array.isArray(directory)) return directory as { id: string }[];
  const d = directory as Partial<CityDirectory & ProgramDirectory & PartnershipDirectory>;
  return (d.cities ?? d.programs ?? d.partnerships ?? []) as { id: string }[];
}

function edgesFromDirectory(directory: CityDirectory, cityId: string): CityEdges {
  return directory.edgesByCity.get(cityId) ?? emptyCityEdges();
}

/** A per-type face of the request's record loader. */
export interface RecordView<T> {
  load(id: string): Promise<T | null>;
  /** Like DataLoader's loadMany: a failed key yields its Error in place. */
  loadMany(ids: readonly string[]): Promise<(T | null | Error)[]>;
  prime(id: string, record: T): void;
}


export type Loaders = ReturnType<typeof createLoaders>;
