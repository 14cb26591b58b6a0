import { PUBLIC_PRINCIPAL, type Principal } from '../auth/principal';
import type { NetworkRepository, PortraitPhotoEraser, TableStore } from '../data';
import type { PhotoService } from '../photos';
import { networkDay } from '../shared/dates';
import type { Logger } from '../shared/log';
import { createLoaders, type Loaders } from './loaders';

/** What every resolver receives. Built fresh for each request. */
export interface GraphQLContext {
  readonly repo: NetworkRepository;
  readonly loaders: Loaders;
  readonly logger: Logger;
  /** Who is calling; resolvers check scopes with the helpers in `functions/auth`. */
  readonly principal: Principal;
  /** Today in Europe/Berlin (YYYY-MM-DD), fixed for the request so one answer is consistent. */
  readonly today: string;
  /** Portrait photos over the request's store; undefined when no photo storage is configured. */
  readonly photos: PhotoServiceFactory | undefined;
  /** Erases a portrait's stored photos; absent until a photo store is configured, and erasure then says so. */
  readonly photoEraser?: PortraitPhotoEraser | undefined;
}

/** Builds the photo service over a store (loaded on first use: only photo mutations need it). */
export type PhotoServiceFactory = (store: TableStore) => Promise<PhotoService>;

export interface ContextDependencies {
  repo: NetworkRepository;
  logger: Logger;
  /** From the authorizer's answer (see `principalForEvent`). @default the public principal */
  principal?: Principal;
  /** Clock override for tests. */
  now?: () => Date;
  photos?: PhotoServiceFactory | undefined;
  /** The photo side's eraser (issue 14, photos). */
  photoEraser?: PortraitPhotoEraser | undefined;
}

export function createContext(deps: ContextDependencies): GraphQLContext {
  const now = deps.now ? deps.now() : new Date();
  return {
    repo: deps.repo,
    loaders: createLoaders(deps.repo),
    logger: deps.logger,
    principal: deps.principal ?? PUBLIC_PRINCIPAL,
    today: networkDay(now),
    photos: deps.photos,
    photoEraser: deps.photoEraser,
  };
}
