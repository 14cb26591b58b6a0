import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { PUBLIC_PRINCIPAL, type Principal } from '../../functions/auth';
import { NetworkWriter, PortraitPhotoWrites, type TableStore } from '../../functions/data';
import type { PortraitRecord } from '../../functions/data/model';
import { createContext } from '../../functions/graphql/context';
import { buildPartnerSchema } from '../../functions/graphql/partner-schema';
import { createApolloServer } from '../../functions/graphql/server';
import { FilesystemPhotoStorage, PhotoService, createPhotoService } from '../../functions/photos';
import { processImage } from '../../functions/photos/process';
import type { PhotoConfig } from '../../functions/shared/config';
import { createLogger } from '../../functions/shared/log';
import { campaignWorld, fictitiousPortrait, type CampaignWorld } from '../campaigns/support';

/** Two fictitious portraits of the Glücksbringer campaign; ids have the shape the write path gives them. */
export const PORTRAIT_ID = 'gluecksbringer.abcdefghijklmnop';
export const OTHER_PORTRAIT_ID = 'gluecksbringer.qrstuvwxyz234567';

export const ADMIN: Principal = { kind: 'admin', keyId: 'a123456789abcdef' };
export const DESSAU_EDITOR: Principal = { kind: 'city-editor', keyId: 'c123456789abcdef', cityIds: ['dessau-rosslau'] };
export const OTHER_EDITOR: Principal = { kind: 'city-editor', keyId: 'd123456789abcdef', cityIds: ['neu-ulm'] };
export const PARTNER: Principal = { kind: 'partner', keyId: 'p123456789abcdef', programIds: ['k2'] };

export function photoConfig(directory: string, overrides: Partial<PhotoConfig> = {}): PhotoConfig {
  return {
    storage: 'filesystem',
    maxUploadBytes: 5 * 1024 * 1024,
    uploadExpirySeconds: 300,
    maxInputPixels: 40_000_000,
    maxEdgePixels: 1600,
    publicBaseUrl: 'http://localhost:4999/photos/',
    bucket: undefined,
    distributionId: undefined,
    directory,
    uploadUrl: 'http://localhost:4999/photos/upload',
    uploadSecret: 'test-secret-test-secret-test-secret-0123',
    region: 'eu-central-1',
    ...overrides,
  };
}

export interface PhotoWorld extends CampaignWorld {
  directory: string;
  config: PhotoConfig;
  storage: FilesystemPhotoStorage;
  service: PhotoService;
  portraits: PortraitPhotoWrites;
  /** Files under the photo folder, relative to it, sorted. */
  files(): string[];
  portrait(id?: string): Promise<PortraitRecord | null>;
  runWithPhotos(query: string, variables: Record<string, unknown>, principal: Principal, photos?: boolean): Promise<{ data: any; errors: any[] | undefined }>;
}

function walk(dir: string, root = dir): string[] {
  let out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    out = entry.isDirectory() ? [...out, ...walk(path, root)] : [...out, relative(root, path)];
  }
  return out.sort();
}

/** A fresh table with the campaign and two portraits (one without a photo), and a photo folder of its own. */
export async function photoWorld(prefix: string, overrides: Partial<PhotoConfig> = {}): Promise<PhotoWorld> {
  const world = await campaignWorld(prefix);
  await world.writer.write(
    [
      { kind: 'put', type: 'Portrait', record: fictitiousPortrait(PORTRAIT_ID, { photoUrl: null, photoAlt: null, photoCredit: null }) },
      { kind: 'put', type: 'Portrait', record: fictitiousPortrait(OTHER_PORTRAIT_ID, { photoUrl: null, photoAlt: null, photoCredit: null }) },
    ],
    { writtenBy: 'api' },
  );
  const directory = mkdtempSync(join(tmpdir(), 'photos-'));
  const config = photoConfig(directory, overrides);
  const storage = new FilesystemPhotoStorage({ directory, uploadUrl: config.uploadUrl!, publicBaseUrl: config.publicBaseUrl, secret: config.uploadSecret! });
  const service = createPhotoService(storage, config, world.store, 30, processImage);
  const portraits = new PortraitPhotoWrites(world.store, new NetworkWriter(world.store));
  const logger = createLogger('error', () => undefined);
  // The mutation lives in the partner schema (schema/private/), served only on /partner/graphql.
  const partnerServer = createApolloServer({ logger, environment: 'test', schema: buildPartnerSchema({ validate: true }) });
  await partnerServer.start();
  return {
    ...world,
    directory,
    config,
    storage,
    service,
    portraits,
    files: () => walk(directory),
    portrait: async (id = PORTRAIT_ID) => (await portraits.current(id))?.record ?? null,
    async runWithPhotos(query, variables, principal, photos = true) {
      const response = await partnerServer.executeOperation(
        { query, variables },
        {
          contextValue: createContext({
            repo: world.repo,
            logger,
            principal: principal ?? PUBLIC_PRINCIPAL,
            photos: photos ? async (store: TableStore) => createPhotoService(storage, config, store, 30) : undefined,
          }),
        },
      );
      if (response.body.kind !== 'single') throw new Error('expected a single result');
      return { data: response.body.singleResult.data, errors: response.body.singleResult.errors as any[] | undefined };
    },
    async stop() {
      await partnerServer.stop();
      await world.stop();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
