import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApolloServer } from '@apollo/server';
import { PUBLIC_PRINCIPAL, type Principal } from '../../functions/auth';
import { NetworkRepository, NetworkWriter, type TableStore } from '../../functions/data';
import type { CampaignRecord, PortraitRecord } from '../../functions/data/model';
import { createContext, type GraphQLContext } from '../../functions/graphql/context';
import { createApolloServer } from '../../functions/graphql/server';
import { buildSchema } from '../../functions/graphql/schema';
import { createLogger } from '../../functions/shared/log';
import { freshTable, sampleCity } from '../data-layer/support';

/** The Glücksbringer campaign exactly as the seed holds it (seed/curated.json, from the sources). */
export function seededGluecksbringer(): CampaignRecord {
  const curated = JSON.parse(readFileSync(join(__dirname, '../../seed/curated.json'), 'utf8')) as { campaigns: CampaignRecord[] };
  return curated.campaigns.find((c) => c.id === 'gluecksbringer')!;
}

/** A fictitious person for tests only; none of these strings occur in the seed. */
export function fictitiousPortrait(id: string, overrides: Partial<PortraitRecord> = {}): PortraitRecord {
  return {
    id,
    campaignId: 'gluecksbringer',
    cityId: 'dessau-rosslau',
    displayName: 'Testperson Erika Beispielfrau',
    quote: 'Ich bin ein Glücksbringer, weil Testzitate Freude machen',
    engagementArea: 'Testbereich Hospizbegleitung',
    organization: 'Testverein Beispielhilfe e.V.',
    photoUrl: 'https://example.org/photos/testperson.jpg',
    photoAlt: 'Testbild einer lächelnden Beispielperson',
    photoCredit: 'Testfotografin Beispiel',
    published: true,
    ...overrides,
  };
}

export interface CampaignWorld {
  store: TableStore;
  repo: NetworkRepository;
  writer: NetworkWriter;
  server: ApolloServer<GraphQLContext>;
  logs: string[];
  run(query: string, variables?: Record<string, unknown>, options?: { principal?: Principal; now?: Date }): Promise<{ data: any; errors: any[] | undefined; status: number | undefined }>;
  stop(): Promise<void>;
}

/** A fresh table with the campaign's four places and the campaign, served by the production Apollo server. */
export async function campaignWorld(prefix: string): Promise<CampaignWorld> {
  const { store } = await freshTable(prefix);
  const writer = new NetworkWriter(store);
  const campaign = seededGluecksbringer();
  await writer.write(
    [
      ...campaign.cityIds.map((id) => ({ kind: 'put' as const, type: 'City' as const, record: sampleCity(id) })),
      { kind: 'put', type: 'Campaign', record: campaign },
    ],
    { writtenBy: 'seed' },
  );
  const repo = new NetworkRepository(store);
  const logs: string[] = [];
  const logger = createLogger('debug', (line) => logs.push(line));
  const server = createApolloServer({ logger, environment: 'test', schema: buildSchema({ validate: true }) });
  await server.start();
  return {
    store,
    repo,
    writer,
    server,
    logs,
    async run(query, variables, options = {}) {
      const response = await server.executeOperation(
        { query, variables },
        {
          contextValue: createContext({
            repo,
            logger,
            principal: options.principal ?? PUBLIC_PRINCIPAL,
            ...(options.now ? { now: () => options.now! } : {}),
          }),
        },
      );
      if (response.body.kind !== 'single') throw new Error('expected a single result');
      return { data: response.body.singleResult.data, errors: response.body.singleResult.errors as any[] | undefined, status: response.http.status };
    },
    stop: () => server.stop(),
  };
}

/** What tells one test file's fictitious people from another's. */
export interface PersonVariant {
  /** Last word of the name, e.g. `Nominiert`. */
  family: string;
  /** Where the person volunteers, after `Testehrenamt <tag> `. */
  activity: string;
  /** The end of the quote, after `weil <tag> `. */
  quoteEnd: string;
  /** How the consent was given. */
  method: string;
}

/** A fictitious person: nomination, portrait and consent input; every string carries the tag. */
export function fictitiousPerson(tag: string, variant: PersonVariant) {
  const name = `Testperson ${tag} ${variant.family}`;
  return {
    nomination: {
      nomineeName: name,
      activity: `Testehrenamt ${tag} ${variant.activity}`,
      place: `Dessau-Roßlau, Testviertel ${tag}`,
      organization: `Testverein ${tag} e.V.`,
      nominatorName: `Testnominierende ${tag}`,
      nominatorEmail: `nominierende.${tag.toLowerCase()}@example.org`,
      nomineeMayBeContacted: true,
      fillTimeMs: 30_000,
    },
    portrait: {
      displayName: name,
      quote: `Ich bin ein Glücksbringer, weil ${tag} ${variant.quoteEnd}`,
      engagementArea: `Testbereich ${tag}`,
      organization: `Testverein ${tag} e.V.`,
      cityId: 'dessau-rosslau',
    },
    consent: {
      parties: [{ role: 'PERSON', name }],
      minor: false,
      scopes: ['WEB', 'API', 'PARTNER_SYNC'],
      date: '2026-11-20',
      textVersion: 'test-v1',
      textWording: `Testeinwilligung ${tag}: Ich willige ein, dass mein Porträt veröffentlicht wird.`,
      method: variant.method,
    },
  };
}
