/**
 * `npm run sync -- <command>`: the reference sync client a partner
 * foundation's IT runs against the partner endpoint (docs/SYNC.md).
 *
 *   push FILE --program <programId> [--encoding windows-1252] [--delimiter ';'] [--batch 200] [--dry-run] [--report FILE]
 *   pull FILE [--program <programId>]
 *
 * Endpoint and key come from SYNC_URL (e.g. https://…/prod/partner/graphql)
 * and SYNC_KEY (`esk_…`), or --url / --key.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { SingleBar, Presets } from 'cli-progress';
import { ApiError, DEFAULT_BATCH, MAX_BATCH, SyncApi, pull, push, readRows, reportCsv, type Encoding } from './sync-core';

const USAGE = `Usage: npm run sync -- <command>
  push FILE --program <programId> [--encoding utf-8|windows-1252] [--delimiter ';'] [--batch ${DEFAULT_BATCH}] [--dry-run] [--report FILE]
  pull FILE [--program <programId>]
Endpoint and key: SYNC_URL and SYNC_KEY (or --url, --key).`;

export interface SyncIo {
  out(line: string): void;
  err(line: string): void;
  /** A progress bar on a terminal; none when output is not a TTY. */
  progress?: boolean;
}

/** Runs one command; returns the exit code (0 ok, 1 failed or rows rejected, 2 usage). */
export async function runSync(argv: readonly string[], env: NodeJS.ProcessEnv, io: SyncIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        program: { type: 'string' },
        encoding: { type: 'string', default: 'utf-8' },
        delimiter: { type: 'string' },
        batch: { type: 'string', default: String(DEFAULT_BATCH) },
        'dry-run': { type: 'boolean', default: false },
        report: { type: 'string' },
        url: { type: 'string' },
        key: { type: 'string' },
      },
    });
  } catch (error) {
    io.err(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, file] = positionals;
  const url = values.url ?? env.SYNC_URL;
  const key = values.key ?? env.SYNC_KEY;
  const batch = Number(values.batch);
  if ((command !== 'push' && command !== 'pull') || !file || !url || !key) {
    io.err(USAGE);
    return 2;
  }
  if (values.encoding !== 'utf-8' && values.encoding !== 'windows-1252') {
    io.err(`--encoding must be utf-8 or windows-1252\n${USAGE}`);
    return 2;
  }
  if (!Number.isInteger(batch) || batch < 1 || batch > MAX_BATCH) {
    io.err(`--batch must be 1 to ${MAX_BATCH}`);
    return 2;
  }
  const api = new SyncApi({ url, key, log: (line) => io.err(line) });
  try {
    if (command === 'push') {
      if (!values.program) {
        io.err(`push needs --program\n${USAGE}`);
        return 2;
      }
      const rows = readRows(file, { encoding: values.encoding as Encoding, delimiter: values.delimiter });
      const bar = io.progress ? new SingleBar({ format: 'push [{bar}] {value}/{total} rows', stream: process.stderr }, Presets.shades_classic) : null;
      const summary = await push(api, rows, {
        programId: values.program,
        batchSize: batch,
        dryRun: values['dry-run'],
        print: io.out,
        onProgress: (done, total) => {
          if (!bar) return;
          if (done === 0) bar.start(total, 0);
          else bar.update(done);
        },
      });
      bar?.stop();
      const reportFile = values.report ?? `${file}.report.csv`;
      writeFileSync(reportFile, reportCsv(summary.report));
      io.err(`${Object.entries(summary.totals).map(([k, v]) => `${k} ${v}`).join(', ') || 'no rows'}${summary.replayedBatches ? ` (${summary.replayedBatches} batch(es) already sent earlier, answered from the server's record)` : ''}; report: ${reportFile}`);
      return (summary.totals.REJECTED ?? 0) > 0 ? 1 : 0;
    }
    const result = await pull(api, file, { programId: values.program ?? null, print: io.err });
    io.err(`${Object.keys(result.state.entities).length} entities in ${file} after ${result.pages} page(s)${result.resynced ? ' (full resync)' : ''}`);
    return 0;
  } catch (error) {
    if (error instanceof ApiError) io.err(`error ${error.code}: ${error.message}`);
    else io.err(`error: ${(error as Error).message}`);
    return 1;
  }
}

if (require.main === module) {
  runSync(process.argv.slice(2), process.env, { out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`), progress: process.stderr.isTTY }).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`error: ${(error as Error).message}\n`);
      process.exit(1);
    },
  );
}
