/**
 * Cold start of every function the CDK app deploys, each against its own
 * naive baseline (bench/naive/baselines.ts), built and measured in the same
 * run. The deployed code is the asset `npm run synth` writes into the cloud
 * assembly, taken from there; the baseline is bundled with the options every
 * bundle here shares (`BASE_ESBUILD_OPTIONS`: minified, no source map, as
 * NodejsFunction builds by default), so only code and the project's own
 * bundling choices differ. Fresh node processes take turns between the two;
 * each loads the bundle the way Lambda's Node runtime does (`import()` for an
 * ES module, `require()` otherwise) and answers its first event against
 * DynamoDB Local.
 *
 * Usage: npx tsx bench/cold.ts [--spawns N] [--compare <bundle file>]...
 * `--compare` measures further bundles (e.g. a build of an older commit)
 * beside the GraphQL function, against the same baseline in the same run.
 */
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { BASE_ESBUILD_OPTIONS } from '../infra/bundling';
import { BASELINES, defaultEvent, type NaiveBaseline } from './naive/baselines';
import { median, printTable, ratio, round } from './lib/report';
import { BASE_TABLE, REGION, type BenchStore, runAsScript } from './lib/store';
import { lambdaContext } from './warm';

const ROOT = join(__dirname, '..');
export const BUILD_DIR = join(__dirname, 'build');
/** Fresh processes per bundle for load and first answer (the issue asks for at least 15). */
export const SPAWNS = 20;
/** Fresh processes per bundle that only compile it, for the profile breakdown. */
export const COMPILE_SPAWNS = 7;
/** The ratio of project to naive the issue sets for size and for load + first answer. */
export const TARGET_RATIO = 0.6;

/** A function as the synthesized template deploys it. */
export interface DeployedFunction {
  stack: string;
  logicalId: string;
  cdkPath: string;
  /** The bundled file of its asset in the cloud assembly. */
  file: string;
  exportName: string;
  /** Its environment variables with literal values (references such as the table name are the bench's to set). */
  environment: Record<string, string>;
}

/** Runs `npm run synth` into `outdir`, as a deployment would package the assets. */
export function synthesize(outdir: string): void {
  rmSync(outdir, { recursive: true, force: true });
  const child = spawnSync('npm', ['run', 'synth', '--', '--output', outdir, '--quiet'], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
  if (child.status !== 0) throw new Error(`npm run synth failed:\n${child.stdout}\n${child.stderr}`);
}

/** Every Lambda function with a bundled asset in every stack of the cloud assembly in `outdir`. */
export function discoverFunctions(outdir: string): DeployedFunction[] {
  const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as {
    artifacts: Record<string, { type: string; properties?: { templateFile?: string } }>;
  };
  const found: DeployedFunction[] = [];
  for (const [stack, artifact] of Object.entries(manifest.artifacts)) {
    if (artifact.type !== 'aws:cloudformation:stack' || !artifact.properties?.templateFile) continue;
    const template = JSON.parse(readFileSync(join(outdir, artifact.properties.templateFile), 'utf8')) as {
      Resources: Record<string, { Type: string; Metadata?: Record<string, unknown>; Properties?: { Handler?: string; Environment?: { Variables?: Record<string, unknown> } } }>;
    };
    for (const [logicalId, resource] of Object.entries(template.Resources)) {
      if (resource.Type !== 'AWS::Lambda::Function') continue;
      // CDK's own helpers (the widgets' BucketDeployment runs on Python) are not ours to measure.
      if (!String((resource.Properties as { Runtime?: unknown } | undefined)?.Runtime ?? '').startsWith('nodejs')) continue;
      const assetPath = resource.Metadata?.['aws:asset:path'];
      const handler = resource.Properties?.Handler;
      // Inline code (custom resources) has no asset and no bundle to measure.
      if (typeof assetPath !== 'string' || typeof handler !== 'string') continue;
      const dot = handler.lastIndexOf('.');
      const module = handler.slice(0, dot);
      const file = ['.mjs', '.js', '.cjs'].map((ext) => join(outdir, assetPath, `${module}${ext}`)).find(existsSync);
      if (!file) throw new Error(`${logicalId}: no ${module}.mjs/.js/.cjs in ${assetPath}`);
      const environment = Object.fromEntries(
        Object.entries(resource.Properties?.Environment?.Variables ?? {}).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
      );
      found.push({ stack, logicalId, cdkPath: String(resource.Metadata?.['aws:cdk:path'] ?? logicalId), file, exportName: handler.slice(dot + 1), environment });
    }
  }
  return found;
}

/** The naive bundle: BASE_ESBUILD_OPTIONS and nothing else. */
async function bundleNaive(entry: string, outfile: string, external: readonly string[] = []): Promise<void> {
  await build({ ...BASE_ESBUILD_OPTIONS, entryPoints: [entry], outfile, logLevel: 'error', external: [...external] });
}

/**
 * Runs in the fresh process: loads the bundle as Lambda's Node runtime does,
 * answers one event, and prints load time, time to the first answer and the
 * garbage collection time in between, as JSON.
 */
const PROBE = `
const { performance, PerformanceObserver } = require('node:perf_hooks');
const { pathToFileURL } = require('node:url');
let gc = 0;
new PerformanceObserver((list) => { for (const e of list.getEntries()) gc += e.duration; }).observe({ entryTypes: ['gc'] });
const file = process.env.BENCH_BUNDLE;
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const load = file.endsWith('.mjs') ? import(pathToFileURL(file).href) : Promise.resolve(require(file));
load.then(async (mod) => {
  const loaded = performance.now() - t0;
  let result, failed = false;
  try { result = await mod[process.env.BENCH_EXPORT](JSON.parse(process.env.BENCH_EVENT), JSON.parse(process.env.BENCH_CONTEXT), () => {}); }
  catch (error) { failed = true; result = { error: String(error) }; }
  const first = performance.now() - t0;
  const used = process.cpuUsage(cpu0);
  const cpu = (used.user + used.system) / 1000;
  // GC entries arrive asynchronously; let the observer catch up before reporting.
  setImmediate(() => {
    // On a line of its own and last: the handler writes its EMF metrics line to stdout as on Lambda.
    process.stdout.write('\\n' + JSON.stringify({ loaded, first, cpu, gc, failed, result, rss: process.memoryUsage().rss }));
    process.exit(0);
  });
});`;

/** Runs in a fresh process: compiles the bundle without running it (the compile share of the breakdown). */
const COMPILE_PROBE = `
const { performance } = require('node:perf_hooks');
const vm = require('node:vm');
const source = require('node:fs').readFileSync(process.env.BENCH_BUNDLE, 'utf8');
const t0 = performance.now();
if (process.env.BENCH_BUNDLE.endsWith('.mjs')) new vm.SourceTextModule(source);
else vm.compileFunction(source, ['exports', 'require', 'module', '__filename', '__dirname']);
process.stdout.write(JSON.stringify({ compile: performance.now() - t0 }));`;

interface Spawn {
  loaded: number;
  first: number;
  /** CPU time (user + system) of the process from before the load to the first answer. */
  cpu: number;
  gc: number;
  failed: boolean;
  result: unknown;
  rss: number;
}

/**
 * What a fresh process sees: the function's own variables from the template
 * (as deployed, e.g. APP_ENV), then this run's store, and credentials in the
 * environment as Lambda hands them to a function.
 */
function environment(bundle: Bundle, endpoint: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    NODE_OPTIONS: '',
    ...bundle.environment,
    TABLE_NAME: BASE_TABLE, DYNAMODB_ENDPOINT: endpoint, AWS_REGION: REGION, LOG_LEVEL: 'error',
    AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local',
    // Node 20 here, 22 on Lambda: the SDK's notice about Node 20 is not part of a cold start there.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
}

function spawnProbe(bundle: Bundle, endpoint: string): Spawn {
  const child = spawnSync(process.execPath, ['-e', PROBE], {
    env: {
      ...environment(bundle, endpoint),
      BENCH_BUNDLE: bundle.file, BENCH_EXPORT: bundle.exportName,
      BENCH_EVENT: JSON.stringify(bundle.event), BENCH_CONTEXT: JSON.stringify(lambdaContext),
    },
    encoding: 'utf8', timeout: 60_000,
  });
  if (child.status !== 0) throw new Error(`cold-start probe of ${bundle.file} failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as Spawn;
}

function spawnCompile(bundle: Bundle): number {
  const child = spawnSync(process.execPath, ['--experimental-vm-modules', '--no-warnings', '-e', COMPILE_PROBE], {
    env: { PATH: process.env.PATH, BENCH_BUNDLE: bundle.file, NODE_OPTIONS: '' },
    encoding: 'utf8', timeout: 60_000,
  });
  if (child.status !== 0) throw new Error(`compile probe of ${bundle.file} failed: ${child.stderr}`);
  return (JSON.parse(child.stdout) as { compile: number }).compile;
}

interface Bundle {
  label: string;
  file: string;
  exportName: string;
  environment: Record<string, string>;
  event: unknown;
  answered: (result: unknown) => boolean;
}

/** Medians over the fresh processes of one bundle, and its profile breakdown. */
export interface BundleFigures {
  label: string;
  file: string;
  bytes: number;
  gzipBytes: number;
  /** Load (`import()`/`require()`) alone. */
  loadMs: number;
  /** Load plus the first answer: the figure the target is about. */
  firstAnswerMs: number;
  /**
   * CPU time spent on the same span. Unlike wall time it leaves out waiting
   * for DynamoDB Local and for the other processes on a busy machine, so it
   * says whether a ratio holds when the machine is quiet.
   */
  cpuMs: number;
  rssMb: number;
  failures: number;
  breakdown: { compileMs: number; evaluateMs: number; gcMs: number; firstRequestMs: number };
}

function figures(bundle: Bundle, spawns: Spawn[], compiles: number[]): BundleFigures {
  const loadMs = median(spawns.map((s) => s.loaded));
  const compileMs = median(compiles);
  const source = readFileSync(bundle.file);
  return {
    label: bundle.label,
    file: relative(ROOT, bundle.file),
    bytes: source.length,
    gzipBytes: gzipSync(source).length,
    loadMs: round(loadMs, 1),
    firstAnswerMs: round(median(spawns.map((s) => s.first)), 1),
    cpuMs: round(median(spawns.map((s) => s.cpu)), 1),
    rssMb: round(median(spawns.map((s) => s.rss)) / 1024 / 1024, 1),
    failures: spawns.filter((s) => s.failed || !bundle.answered(s.result)).length,
    breakdown: {
      compileMs: round(compileMs, 1),
      // Evaluation includes compiling the functions V8 compiles lazily on first call.
      evaluateMs: round(loadMs - compileMs, 1),
      gcMs: round(median(spawns.map((s) => s.gc)), 1),
      firstRequestMs: round(median(spawns.map((s) => s.first - s.loaded)), 1),
    },
  };
}

/** Measures bundles taking turns, so all see the same machine state (page cache, other load). */
function measure(bundles: readonly Bundle[], endpoint: string, spawns: number): BundleFigures[] {
  const runs = bundles.map(() => [] as Spawn[]);
  const compiles = bundles.map(() => [] as number[]);
  for (let i = 0; i < spawns; i++) {
    // Reverse the order every other round so neither always runs right after the other.
    const order = i % 2 === 0 ? bundles.map((_, j) => j) : bundles.map((_, j) => bundles.length - 1 - j);
    for (const j of order) runs[j]!.push(spawnProbe(bundles[j]!, endpoint));
    if (i < COMPILE_SPAWNS) for (const j of order) compiles[j]!.push(spawnCompile(bundles[j]!));
    process.stderr.write(`\r  ${i + 1}/${spawns} rounds`);
  }
  process.stderr.write('\n');
  return bundles.map((bundle, j) => figures(bundle, runs[j]!, compiles[j]!));
}

export interface FunctionResult {
  name: string;
  cdkPath: string;
  project: BundleFigures;
  naive: BundleFigures | null;
  compared: BundleFigures[];
  ratios: { bytes: number | null; firstAnswerMs: number | null; loadMs: number | null; cpuMs: number | null } | null;
  targetMet: boolean | null;
}

export interface ColdOptions {
  spawns?: number;
  /** Further bundles measured beside the GraphQL function, against its baseline. */
  compare?: readonly string[];
}

export async function runCold(store: BenchStore, options: ColdOptions = {}) {
  const spawns = options.spawns ?? SPAWNS;
  mkdirSync(BUILD_DIR, { recursive: true });
  const assembly = join(BUILD_DIR, 'cdk.out');
  process.stderr.write('  npm run synth…\n');
  synthesize(assembly);
  const deployed = discoverFunctions(assembly);
  if (deployed.length === 0) throw new Error('the synthesized app deploys no bundled function');
  const results: FunctionResult[] = [];
  for (const fn of deployed) {
    const baseline: NaiveBaseline | undefined = BASELINES.find((b) => b.matches(fn.cdkPath));
    const event = baseline ? await baseline.event(store) : await defaultEvent(store);
    const answered = baseline?.answered ?? (() => true);
    const env = { ...fn.environment, ...baseline?.environment };
    const project: Bundle = { label: 'project (synthesized asset)', file: fn.file, exportName: fn.exportName, environment: env, event, answered };
    const bundles: Bundle[] = [project];
    if (baseline) {
      const naiveFile = join(BUILD_DIR, 'naive', fn.logicalId, 'index.js');
      await bundleNaive(baseline.entry, naiveFile, baseline.external);
      bundles.push({ label: 'naive, same bundler options', file: naiveFile, exportName: 'handler', environment: env, event, answered: baseline.answered });
    }
    const compare = baseline?.name === BASELINES[0]!.name ? (options.compare ?? []) : [];
    for (const file of compare) bundles.push({ label: `compared: ${relative(ROOT, file)}`, file, exportName: 'handler', environment: env, event, answered });
    process.stderr.write(`  ${fn.cdkPath}: ${bundles.length} bundles × ${spawns} fresh processes\n`);
    const [projectFigures, ...rest] = measure(bundles, store.endpoint, spawns);
    const naive = baseline ? rest.shift()! : null;
    const ratios = naive
      ? {
          bytes: ratio(projectFigures!.bytes, naive.bytes),
          firstAnswerMs: ratio(projectFigures!.firstAnswerMs, naive.firstAnswerMs),
          loadMs: ratio(projectFigures!.loadMs, naive.loadMs),
          cpuMs: ratio(projectFigures!.cpuMs, naive.cpuMs),
        }
      : null;
    results.push({
      name: baseline?.name ?? fn.logicalId,
      cdkPath: fn.cdkPath,
      project: projectFigures!,
      naive,
      compared: rest,
      ratios,
      targetMet: ratios ? (ratios.bytes ?? 1) <= TARGET_RATIO && (ratios.firstAnswerMs ?? 1) <= TARGET_RATIO : null,
    });
  }
  return { spawns, compileSpawns: COMPILE_SPAWNS, node: process.version, functions: results };
}

export function printCold(result: Awaited<ReturnType<typeof runCold>>): void {
  for (const fn of result.functions) {
    const row = (r: BundleFigures) => ({
      bundle: r.label, 'size KiB': round(r.bytes / 1024, 0), 'gzip KiB': round(r.gzipBytes / 1024, 0),
      'load ms': r.loadMs, 'load+1st ms': r.firstAnswerMs, 'CPU ms': r.cpuMs,
      compile: r.breakdown.compileMs, evaluate: r.breakdown.evaluateMs, GC: r.breakdown.gcMs, '1st request': r.breakdown.firstRequestMs,
      'RSS MB': r.rssMb, failures: r.failures,
    });
    const rows: Record<string, unknown>[] = [row(fn.project), ...(fn.naive ? [row(fn.naive)] : []), ...fn.compared.map(row)];
    const ratios = (label: string, a: BundleFigures, b: BundleFigures) => ({
      bundle: label, 'size KiB': ratio(a.bytes, b.bytes), 'gzip KiB': ratio(a.gzipBytes, b.gzipBytes), 'load ms': ratio(a.loadMs, b.loadMs),
      'load+1st ms': ratio(a.firstAnswerMs, b.firstAnswerMs), 'CPU ms': ratio(a.cpuMs, b.cpuMs),
    });
    if (fn.naive) {
      rows.push(ratios('project / naive', fn.project, fn.naive));
      for (const c of fn.compared) rows.push(ratios(`${c.label} / naive`, c, fn.naive));
    }
    printTable(`Cold start of ${fn.name} (${fn.cdkPath}), median of ${result.spawns} fresh node processes each (compile: ${result.compileSpawns})`, rows);
    if (fn.ratios) {
      process.stdout.write(
        `size ${fn.ratios.bytes}× and load + first answer ${fn.ratios.firstAnswerMs}× of naive; target (both ≤ ${TARGET_RATIO}×): ${fn.targetMet ? 'met' : 'NOT met'}\n`,
      );
    } else {
      process.stdout.write(`no naive baseline for ${fn.cdkPath}: add one to bench/naive/baselines.ts\n`);
    }
  }
}

function parseArgs(argv: readonly string[]): ColdOptions {
  const compare: string[] = [];
  let spawns: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--compare' && argv[i + 1]) compare.push(argv[++i]!);
    else if (argv[i] === '--spawns' && argv[i + 1]) spawns = Math.max(15, Number(argv[++i]));
  }
  for (const file of compare) if (!existsSync(file) || !['.mjs', '.js', '.cjs'].includes(extname(file))) throw new Error(`--compare: no bundle at ${file}`);
  return { compare, ...(spawns ? { spawns } : {}) };
}

runAsScript(module, 'cold', { run: (store) => runCold(store, parseArgs(process.argv.slice(2))), print: printCold, seed: true });
