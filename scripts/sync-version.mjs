// Keeps the version that registration compares (src/base/version.ts) equal to package.json,
// which changesets bumps.
import { readFileSync, writeFileSync } from 'node:fs';

const root = new URL('../packages/elements/', import.meta.url);
const { version } = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
const file = new URL('src/base/version.ts', root);
const text = `// Written by scripts/sync-version.mjs from package.json at build time.\nexport const VERSION = '${version}';\n`;
if (readFileSync(file, 'utf8') !== text) writeFileSync(file, text);
