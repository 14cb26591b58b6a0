/**
 * The photo fields of a portrait, changed through the one write path. The
 * photo pipeline and the upload mutation call this; neither builds a key.
 */
import { ConflictError } from '../shared/errors';
import { ENTITIES, decodeMeta, decodeRecord, isTombstone } from './entities';
import { ENTITY_TYPE_ATTRIBUTE, portraitKey } from './keys';
import type { PortraitRecord } from './model';
import { consistentGet, type TableStore } from './store';
import type { NetworkWriter, WriteContext } from './writes';

export interface PortraitPhotoChange {
  photoUrl?: string | null;
  photoAlt?: string | null;
  photoCredit?: string | null;
}

/** Attempts at a read-modify-write when another writer moved the portrait in between. */
const ATTEMPTS = 3;

export class PortraitPhotoWrites {
  constructor(
    private readonly store: TableStore,
    private readonly writer: NetworkWriter,
  ) {}

  /** The portrait as stored now (strongly consistent), or null when it does not exist or was erased. */
  async current(portraitId: string): Promise<{ record: PortraitRecord; version: number } | null> {
    const key = portraitKey(portraitId);
    if (!key) return null;
    const [item] = await consistentGet(this.store, [key]);
    if (!item || isTombstone(item) || item[ENTITY_TYPE_ATTRIBUTE] !== 'Portrait') return null;
    return { record: decodeRecord(ENTITIES.Portrait, item), version: decodeMeta(item).version };
  }

  /**
   * Applies `change` to the portrait at the version it was read at, so a
   * portrait erased in between is never brought back: returns null then.
   * Other fields are kept as they are.
   */
  async update(portraitId: string, change: PortraitPhotoChange, context: WriteContext): Promise<PortraitRecord | null> {
    for (let attempt = 1; ; attempt++) {
      const current = await this.current(portraitId);
      if (!current) return null;
      const record: PortraitRecord = { ...current.record, ...change };
      try {
        await this.writer.write([{ kind: 'put', type: 'Portrait', record, expectedVersion: current.version }], context);
        return record;
      } catch (error) {
        if (!(error instanceof ConflictError) || attempt >= ATTEMPTS) throw error;
      }
    }
  }
}
