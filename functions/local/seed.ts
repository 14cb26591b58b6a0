import { createHash } from 'node:crypto';
import { loadSeedBundle, readMunicipalities } from '../../data/seed';
import { municipalityItems, seedItems, type Item, type NetworkRepository } from '../data';

export interface SeedResult {
  networkItems: number;
  municipalities: number;
  digest: string;
  /** False when the table already held exactly this data. */
  written: boolean;
}

export type ProgressReporter = (phase: string, done: number, total: number) => void;

/** The items to seed, keys included, and a digest of them. */
export interface SeedPlan {
  networkItems: Item[];
  municipalityItems: Item[];
  /**
   * Changes when the data or the key design changes, so a store seeded by an
   * older version of either is recognised as stale.
   */
  digest: string;
}

export function seedPlan(): SeedPlan {
  const networkItems = seedItems(loadSeedBundle());
  const municipalities = municipalityItems(readMunicipalities());
  const digest = createHash('sha256').update(JSON.stringify(networkItems)).update(JSON.stringify(municipalities)).digest('hex').slice(0, 16);
  return { networkItems, municipalityItems: municipalities, digest };
}

/**
 * Loads the network's data from `data/` into the table (idempotent puts) unless
 * the table's seed marker says it already holds exactly these items.
 */
export async function seedNetwork(
  repo: NetworkRepository,
  options: { force?: boolean; progress?: ProgressReporter; plan?: SeedPlan } = {},
): Promise<SeedResult> {
  const plan = options.plan ?? seedPlan();
  if (!options.force && (await repo.getSeedDigest()) === plan.digest) {
    return { networkItems: 0, municipalities: 0, digest: plan.digest, written: false };
  }
  const networkItems = await repo.putItems(plan.networkItems, { onProgress: (done, total) => options.progress?.('network', done, total) });
  const municipalities = await repo.putItems(plan.municipalityItems, {
    onProgress: (done, total) => options.progress?.('municipalities', done, total),
  });
  await repo.putSeedDigest(plan.digest);
  return { networkItems, municipalities, digest: plan.digest, written: true };
}

/**
 * A one-line progress bar on a terminal; on a pipe (CI logs) one line per
 * phase instead of a stream of carriage returns.
 */
export function terminalProgress(stream: NodeJS.WriteStream = process.stderr): ProgressReporter {
  let lastPhase = '';
  let lastDraw = 0;
  return (phase, done, total) => {
    const finished = done >= total;
    if (!stream.isTTY) {
      if (finished) stream.write(`  ${phase}: ${total} items written\n`);
      return;
    }
    const now = Date.now();
    if (!finished && phase === lastPhase && now - lastDraw < 50) return;
    lastDraw = now;
    const width = 30;
    const filled = Math.round((done / Math.max(total, 1)) * width);
    const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
    if (phase !== lastPhase && lastPhase) stream.write('\n');
    lastPhase = phase;
    stream.write(`\r  ${phase.padEnd(15)} ${bar} ${String(done).padStart(6)}/${total}`);
    if (finished) stream.write('\n');
  };
}
