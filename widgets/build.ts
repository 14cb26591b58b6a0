/**
 * Builds the widgets with Vite into one hashed ES module plus a tiny,
 * unhashed loader (`widgets.js`) that pages include; the loader is the only
 * file that must be short-lived in caches. The demo page is copied beside them
 * as `index.html`. `npx tsx widgets/build.ts [outDir]`.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
// The root tsconfig resolves modules the CommonJS way, which cannot see Vite's
// export map: its types are named by path, the module is imported at run time.
import type { Plugin } from '../node_modules/vite/dist/node/index.js';
const VITE: string = 'vite';
import { germanyOutline } from './outline';

export const WIDGETS_DIR = __dirname;
export const DEFAULT_OUT_DIR = join(__dirname, 'dist');
export const LOADER = 'widgets.js';
/** Where the hashed files go; the infra caches everything under it as immutable. */
export const HASHED_DIR = 'assets';
const STAMP = '.inputs-sha256';

/** Replaces `src/outline-data.ts` with the outline generated from world-atlas. */
function outlinePlugin(): Plugin {
  return {
    name: 'engagierte-stadt-outline',
    load(id) {
      if (id.replace(/\\/g, '/').endsWith('/widgets/src/outline-data.ts')) return `export default ${JSON.stringify(germanyOutline())};`;
      return null;
    },
  };
}

/** Emits the loader: one static import of the hashed bundle, resolved relative to the loader's own URL. */
function loaderPlugin(): Plugin {
  return {
    name: 'engagierte-stadt-loader',
    generateBundle(_options, bundle) {
      const entry = Object.values(bundle).find((chunk) => chunk.type === 'chunk' && chunk.isEntry);
      if (!entry) throw new Error('widgets build produced no entry chunk');
      this.emitFile({ type: 'asset', fileName: LOADER, source: `import"./${entry.fileName}";\n` });
    },
  };
}

function inputFiles(dir = WIDGETS_DIR): string[] {
  return readdirSync(dir)
    .filter((name) => name !== 'dist' && name !== 'node_modules')
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? inputFiles(path) : [path];
    })
    .sort();
}

/** A digest of every source file of the widgets: the build is stale when it changes. */
export function inputsDigest(): string {
  const hash = createHash('sha256');
  for (const file of inputFiles()) hash.update(relative(WIDGETS_DIR, file)).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex');
}

export async function buildWidgets(outDir = DEFAULT_OUT_DIR): Promise<void> {
  const { build } = (await import(VITE)) as typeof import('../node_modules/vite/dist/node/index.js');
  await build({
    configFile: false,
    root: WIDGETS_DIR,
    logLevel: 'warn',
    publicDir: false,
    plugins: [outlinePlugin(), loaderPlugin()],
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2020',
      modulePreload: false,
      copyPublicDir: false,
      rollupOptions: {
        input: join(WIDGETS_DIR, 'src', 'index.ts'),
        output: { format: 'es', entryFileNames: `${HASHED_DIR}/engagierte-stadt-[hash].js` },
      },
    },
  });
  copyFileSync(join(WIDGETS_DIR, 'demo.html'), join(outDir, 'index.html'));
  writeFileSync(join(outDir, STAMP), inputsDigest());
}

/** Builds into `outDir` unless a build of the same sources is already there. */
export async function ensureWidgetsBuilt(outDir = DEFAULT_OUT_DIR): Promise<'built' | 'fresh'> {
  const stamp = join(outDir, STAMP);
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === inputsDigest()) return 'fresh';
  await buildWidgets(outDir);
  return 'built';
}

if (require.main === module) {
  const outDir = process.argv[2] ?? DEFAULT_OUT_DIR;
  buildWidgets(outDir).then(
    () => console.log(`Widgets built into ${relative(process.cwd(), outDir) || '.'}`),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
