// The bundled CLI (issue 9): esbuild packs src/cli.ts and everything it loads (Ink, React, zod, viem …)
// into dist/bundle/, one entry plus lazily loaded chunks, with source maps. tsc's per-file dist/ stays
// (the typecheck, tests and benches import it); bin/taskdesk runs the bundle. Run by `npm run build`
// and by `prepare`, so `npm ci` builds it. Node loads ~40 files instead of ~900: most of start-up.
//
// Three things the per-file build gets from its own layout are kept here by rewriting sources on load:
//  - import.meta.url: each module sees the URL of its tsc twin (dist/<same path>.js), so paths built
//    from it (themes/, package.json, node_modules/.bin) resolve exactly as in the per-file build;
//  - the bots modules loaded by URL become plain dynamic imports, so they share the bundle's modules;
//  - Ink's internals (the Ink and Output classes, its chalk) are static imports of the bundled Ink
//    (scripts/ink-internals.bundle.js), and Ink's two unbounded text caches get a bound.
import { readFile } from 'node:fs/promises';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SRC = join(ROOT, 'src');
const OUT = join(ROOT, 'dist', 'bundle');
const require = createRequire(join(ROOT, 'package.json'));
const INK_INDEX = require.resolve('ink');
const INK_BUILD = dirname(INK_INDEX);
/** Entries kept per text cache of Ink's before it is emptied: far above one screen's distinct lines. */
export const INK_TEXT_CACHE_MAX = 2_000;

/** Source rewrites that must apply (a missing one fails the build, so a refactor cannot silently undo it). */
const REWRITES = {
  'app/backend.ts': [[/optionalImport<BotsModule>\('(\.\.\/sim\/taskmarket\/bots\/index\.js)'\)/, "import('$1') as Promise<BotsModule>"]],
  'sim/main.ts': [[/const spec = new URL\('(\.\/taskmarket\/bots\/index\.js)', import\.meta\.url\)\.href;\s*try \{\s*const mod = \(await import\(spec\)\)/, "try {\n    const mod = (await import('$1'))"]],
};

const INK_CACHES = {
  'measure-text.js': ['cache.set(text, dimensions);', `if (cache.size >= ${INK_TEXT_CACHE_MAX}) cache.clear();\n    cache.set(text, dimensions);`],
  'wrap-text.js': [
    'cache[cacheKey] = wrappedText;',
    `if (++cacheSize > ${INK_TEXT_CACHE_MAX}) { for (const k in cache) delete cache[k]; cacheSize = 1; }\n    cache[cacheKey] = wrappedText;`,
  ],
};

// string-width segments graphemes and runs emoji regexes on every string Ink measures (most of a tick's
// CPU). Strings of printable ASCII and the narrow symbols the desk draws, with only SGR colour codes,
// have one column per code unit: answered directly; anything else goes to string-width itself.
const STRING_WIDTH_FAST = `
const __tdSgr = /\\x1b\\[[0-9;:]*m/g;
const __tdNarrow = /^[\\x20-\\x7e\\u00a0-\\u00ac\\u00ae-\\u02ff\\u2010-\\u2027\\u2030-\\u205e\\u2190-\\u21ff\\u2500-\\u259f]*$/;
export default function stringWidth(input, options) {
  if (typeof input === 'string' && (options === undefined || (options.countAnsiEscapeCodes !== true && options.ambiguousIsNarrow !== false))) {
    const plain = input.includes('\\x1b') ? input.replace(__tdSgr, '') : input;
    if (__tdNarrow.test(plain)) return plain.length;
  }
  return __tdStringWidthSlow(input, options);
}
`;

const deskPlugin = {
  name: 'taskdesk',
  setup(b) {
    b.onResolve({ filter: /^\.\/ink-internals\.js$/ }, (args) =>
      args.importer.startsWith(join(SRC, 'ui')) ? { path: join(ROOT, 'scripts', 'ink-internals.bundle.js') } : undefined,
    );
    b.onResolve({ filter: /^ink-internal:/ }, (args) => {
      const name = args.path.slice('ink-internal:'.length);
      return { path: name === 'chalk' ? createRequire(INK_INDEX).resolve('chalk') : join(INK_BUILD, name) };
    });
    b.onLoad({ filter: /\.tsx?$/ }, async (args) => {
      if (!args.path.startsWith(SRC + '/')) return undefined;
      const rel = relative(SRC, args.path);
      let text = await readFile(args.path, 'utf8');
      for (const [re, to] of REWRITES[rel] ?? []) {
        if (!re.test(text)) throw new Error(`scripts/bundle.mjs: the rewrite for src/${rel} no longer matches (${re})`);
        text = text.replace(re, to);
      }
      const twin = '../' + rel.replace(/\.tsx?$/, '.js');
      text = text.replaceAll('import.meta.url', `new URL(${JSON.stringify(twin)}, import.meta.url).href`);
      return { contents: text, loader: args.path.endsWith('x') ? 'tsx' : 'ts', resolveDir: dirname(args.path) };
    });
    b.onLoad({ filter: /[\\/]ink[\\/]build[\\/](measure-text|wrap-text)\.js$/ }, async (args) => {
      const name = args.path.split(/[\\/]/).pop();
      let text = await readFile(args.path, 'utf8');
      const [from, to] = INK_CACHES[name];
      if (!text.includes(from)) throw new Error(`scripts/bundle.mjs: ink/build/${name} changed; its cache bound no longer applies`);
      text = text.replace(from, to);
      if (name === 'wrap-text.js') text = text.replace('const cache = {};', 'const cache = {};\nlet cacheSize = 0;');
      return { contents: text, loader: 'js' };
    });
    b.onLoad({ filter: /[\\/]string-width[\\/]index\.js$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      const head = 'export default function stringWidth(';
      if (!text.includes(head)) throw new Error(`scripts/bundle.mjs: ${args.path} changed; the fast path no longer applies`);
      return { contents: text.replace(head, 'function __tdStringWidthSlow(') + STRING_WIDTH_FAST, loader: 'js', resolveDir: dirname(args.path) };
    });
  },
};

rmSync(OUT, { recursive: true, force: true });
const result = await build({
  absWorkingDir: ROOT,
  entryPoints: { cli: join(SRC, 'cli.ts') },
  outdir: OUT,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // All chunks beside the entry: the import.meta.url rewrite assumes files one level under dist/.
  chunkNames: '[name]-[hash]',
  sourcemap: 'linked',
  sourcesContent: false,
  metafile: true,
  legalComments: 'none',
  // The bundle is the production build (bin/taskdesk runs tsc's dist/ for any other NODE_ENV): React's
  // development builds drop out, and whitespace/syntax minifying halves what Node parses at start-up.
  // Identifiers keep their names, so stack traces read as in the source even before the maps apply.
  define: { 'process.env.NODE_ENV': '"production"' },
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
  tsconfig: join(ROOT, 'tsconfig.build.json'),
  // Optional native add-ons and dev tools that their packages load inside try/catch.
  external: ['bufferutil', 'utf-8-validate', 'react-devtools-core'],
  // CommonJS packages (React, …) call require() for Node's built-ins; an ES module has none of its own.
  banner: { js: "import { createRequire as __tdCreateRequire } from 'node:module'; const require = __tdCreateRequire(import.meta.url);" },
  plugins: [deskPlugin],
});
const files = Object.keys(result.metafile.outputs).filter((f) => f.endsWith('.js'));
const bytes = files.reduce((n, f) => n + result.metafile.outputs[f].bytes, 0);
console.log(`bundle: dist/bundle/ ${files.length} files, ${(bytes / 1024 / 1024).toFixed(1)} MiB`);
