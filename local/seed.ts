import { loadSeedBundle, readMunicipalities } from '../seed/seed';
import { seedDigest, seedTable, type SeedInput, type SeedOutcome } from '../functions/data/seeding';
import type { NetworkRepository, WriterOptions } from '../functions/data';
import type { SeedBundle } from '../functions/data/model';

export interface SeedResult extends SeedOutcome {
  /** Network entities created, updated or tombstoned by this run. */
  networkItems: number;
}

export type ProgressReporter = (phase: string, done: number, total: number) => void;

/** What the seed loads, and its digest. */
export interface SeedPlan {
  input: SeedInput;
  /** Changes when the data or the item layout changes. */
  digest: string;
}

/** The seed's entity records, in dependency order (owners before their edges). */
export function seedRecords(bundle: SeedBundle): SeedInput['records'] {
  return [
    ...bundle.organizations.map((record) => ({ type: 'Organization' as const, record })),
    ...bundle.programs.map((record) => ({ type: 'Program' as const, record })),
    ...bundle.partnerships.map((record) => ({ type: 'Partnership' as const, record })),
    ...bundle.cities.map((record) => ({ type: 'City' as const, record })),
    ...bundle.memberships.map((record) => ({ type: 'ProgramMembership' as const, record })),
    ...bundle.partnershipMembers.map((record) => ({ type: 'PartnershipMember' as const, record })),
    ...bundle.campaigns.map((record) => ({ type: 'Campaign' as const, record })),
    ...bundle.events.map((record) => ({ type: 'Event' as const, record })),
    ...bundle.applicationRounds.map((record) => ({ type: 'ApplicationRound' as const, record })),
    ...bundle.dataSources.map((record) => ({ type: 'DataSource' as const, record })),
  ];
}

export function seedPlan(bundle: SeedBundle = loadSeedBundle()): SeedPlan {
  const input: SeedInput = {
    records: seedRecords(bundle),
    municipalities: readMunicipalities(),
    reportedMemberCounts: bundle.reportedMemberCounts,
  };
  return { input, digest: seedDigest(input) };
}

/**
 * Brings the table up to date with `data/` through the write path (see
 * functions/data/seeding.ts): the same behaviour locally and on AWS, never
 * overwriting what the API wrote, tombstoning records that left the seed, and
 * writing nothing when nothing changed.
 */
export async function seedNetwork(
  repo: NetworkRepository,
  options: { force?: boolean; progress?: ProgressReporter; plan?: SeedPlan; writer?: WriterOptions } = {},
): Promise<SeedResult> {
  const plan = options.plan ?? seedPlan();
  const outcome = await seedTable(repo.store, plan.input, {
    ...options.writer,
    ...(options.force ? { force: true } : {}),
    ...(options.progress ? { progress: options.progress } : {}),
  });
  return { ...outcome, networkItems: outcome.created + outcome.updated + outcome.deleted };
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
