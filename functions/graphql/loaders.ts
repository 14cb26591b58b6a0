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
} from '../data';
import type {
  ApplicationRoundRecord,
  CampaignRecord,
  DataSourceRecord,
  EventRecord,
  OrganizationRecord,
  PartnershipMemberRecord,
  ProgramMembershipRecord,
  ReportedMemberCount,
} from '../data/model';

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
    allOrganizations: () => once('organizations', () => primeAll(loaders.organization, repo.listAll('Organization'))) as Promise<OrganizationRecord[]>,
    allCampaigns: () => once('campaigns', () => primeAll(loaders.campaign, repo.listAll('Campaign'))) as Promise<CampaignRecord[]>,
    allEvents: () => once('events', () => primeAll(loaders.event, repo.listAll('Event'))) as Promise<EventRecord[]>,
    allApplicationRounds: () =>
      once('rounds', () => primeAll(loaders.applicationRound, repo.listAll('ApplicationRound'))) as Promise<ApplicationRoundRecord[]>,
    allDataSources: () => once('sources', () => primeAll(loaders.dataSource, repo.listAll('DataSource'))) as Promise<DataSourceRecord[]>,
    reportedMemberCounts: () => once('reported', () => repo.getReportedMemberCounts()) as Promise<ReportedMemberCount[]>,
  };

  function cityDirectory(): Promise<CityDirectory> {
    return once('cityDirectory', async () => {
      const directory = await repo.cityDirectory();
      for (const city of directory.cities) {
        loaders.city.prime(city.id, city);
        loaders.cityEdges.prime(city.id, edgesFromDirectory(directory, city.id));
      }
      return directory;
    });
  }

  function programDirectory(): Promise<ProgramDirectory> {
    return once('programDirectory', async () => {
      const directory = await repo.programDirectory();
      for (const program of directory.programs) {
        loaders.program.prime(program.id, program);
        loaders.programMemberships.prime(program.id, directory.membershipsByProgram.get(program.id) ?? []);
      }
      return directory;
    });
  }

  function partnershipDirectory(): Promise<PartnershipDirectory> {
    return once('partnershipDirectory', async () => {
      const directory = await repo.partnershipDirectory();
      for (const partnership of directory.partnerships) {
        loaders.partnership.prime(partnership.id, partnership);
        loaders.partnershipMembers.prime(partnership.id, directory.membersByPartnership.get(partnership.id) ?? []);
      }
      return directory;
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

async function primeAll<T extends { id: string }>(loader: RecordView<T>, records: Promise<T[]>): Promise<T[]> {
  const list = await records;
  for (const record of list) loader.prime(record.id, record);
  return list;
}

export type Loaders = ReturnType<typeof createLoaders>;
