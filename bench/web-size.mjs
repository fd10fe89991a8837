// Prints the gzip size of what a browser loads for the first page of the web UI: the scripts and styles
// index.html references (and their static imports), not the chunks loaded later (the editor).
// Run after `npm run build`: `node bench/web-size.mjs`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = join(import.meta.dirname, '..', 'apps', 'web', 'dist');
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const first = new Set();
const visit = (file) => {
  if (first.has(file)) return;
  first.add(file);
  if (!file.endsWith('.js')) return;
  const code = readFileSync(join(dist, file), 'utf8');
  // Static imports of the entry are loaded with it; dynamic import() chunks are not.
  for (const m of code.matchAll(/(?:^|[;\n])\s*import\s*(?:[^'"();]*?from\s*)?["']\.\/([^"']+)["']/g))
    visit(`assets/${m[1]}`);
};
for (const m of html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)) visit(m[1]);

let total = 0;
for (const file of [...first].sort()) {
  const size = gzipSync(readFileSync(join(dist, file))).length;
  total += size;
  console.log(`${file.padEnd(48)} ${(size / 1024).toFixed(1)} KB gzip`);
}
console.log(`first page load: ${(total / 1024).toFixed(1)} KB gzip (target under 300 KB; the editor loads later)`);
