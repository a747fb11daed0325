// The bytes a browser downloads: the first load (index.html's entry script, its static imports and the CSS —
// the login and home pages) and, for each page loaded on first visit, what it adds. Read from the build's
// manifest (apps/web/dist/.vite/manifest.json, written by `npm run build -w @rostra/web`) and the .gz/.br files
// the build writes beside each asset — exactly what the server sends. The reference is the whole app's
// JavaScript, which a build without code splitting would send at once.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../apps/web/dist');
/** The budget for the first load's JavaScript, gzipped. */
const FIRST_LOAD_BUDGET_GZIP = 250 * 1024;

interface Chunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  css?: string[];
}

interface Sizes {
  raw: number;
  gzip: number;
  brotli: number;
}

function sizesOf(file: string): Sizes {
  const full = path.join(DIST, file);
  const raw = statSync(full).size;
  // Files under the build's compression threshold are sent as they are.
  const compressed = (ext: string) => (existsSync(`${full}.${ext}`) ? statSync(`${full}.${ext}`).size : raw);
  return { raw, gzip: compressed('gz'), brotli: compressed('br') };
}

function total(files: Iterable<string>): Sizes {
  const sum = { raw: 0, gzip: 0, brotli: 0 };
  for (const file of files) {
    const s = sizesOf(file);
    sum.raw += s.raw;
    sum.gzip += s.gzip;
    sum.brotli += s.brotli;
  }
  return sum;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export async function runFirstLoadBench(): Promise<Array<Record<string, string | number>>> {
  const manifestFile = path.join(DIST, '.vite/manifest.json');
  if (!existsSync(manifestFile)) throw new Error('apps/web/dist is not built: run `npm run build -w @rostra/web`');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, Chunk>;

  /** A chunk's file with every chunk it imports statically, and their CSS. */
  function closure(key: string, into = { js: new Set<string>(), css: new Set<string>() }) {
    const chunk = manifest[key];
    if (!chunk || into.js.has(chunk.file)) return into;
    into.js.add(chunk.file);
    for (const css of chunk.css ?? []) into.css.add(css);
    for (const imported of chunk.imports ?? []) closure(imported, into);
    return into;
  }

  const entry = Object.keys(manifest).find((key) => manifest[key]?.isEntry) as string;
  const first = closure(entry);
  const firstJs = total(first.js);
  const firstCss = total(first.css);
  const html = sizesOf('index.html');
  const allJs = total(
    new Set(
      Object.values(manifest)
        .map((c) => c.file)
        .filter((f) => f.endsWith('.js')),
    ),
  );

  const rows: Array<Record<string, string | number>> = [
    {
      load: 'first load: JavaScript',
      files: first.js.size,
      raw: kb(firstJs.raw),
      gzip: kb(firstJs.gzip),
      brotli: kb(firstJs.brotli),
      'goal ≤ 250 KB gzip': firstJs.gzip <= FIRST_LOAD_BUDGET_GZIP ? 'met' : 'MISSED',
    },
    {
      load: 'first load: CSS + index.html',
      files: first.css.size + 1,
      raw: kb(firstCss.raw + html.raw),
      gzip: kb(firstCss.gzip + html.gzip),
      brotli: kb(firstCss.brotli + html.brotli),
    },
    {
      load: 'reference: all JavaScript at once (no code splitting)',
      files: '',
      raw: kb(allJs.raw),
      gzip: kb(allJs.gzip),
      brotli: kb(allJs.brotli),
    },
  ];
  const pages = Object.keys(manifest)
    .filter((key) => manifest[key]?.isDynamicEntry && key.endsWith('.tsx'))
    .sort();
  for (const page of pages) {
    const added = closure(page);
    const extraJs = [...added.js].filter((f) => !first.js.has(f));
    const extraCss = [...added.css].filter((f) => !first.css.has(f));
    const s = total([...extraJs, ...extraCss]);
    rows.push({
      load: `+ ${page.replace(/^src\/features\//, '').replace(/\.tsx$/, '')}`,
      files: extraJs.length + extraCss.length,
      raw: kb(s.raw),
      gzip: kb(s.gzip),
      brotli: kb(s.brotli),
    });
  }
  return rows;
}
