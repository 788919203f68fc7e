// npm run localize: extract the msg() strings into xliff/, fill each target from
// packages/elements/translations/*.json (one file per component, so people can translate
// components side by side without touching one shared file), then build the locale modules.
// {0}, {1} … in a translation stand for the message's placeholders in order.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('../packages/elements/', import.meta.url));
const run = (...args) => execFileSync('npx', ['lit-localize', ...args], { cwd: dir, stdio: 'inherit' });

run('extract');

const translations = {};
for (const file of readdirSync(`${dir}translations`).filter((f) => f.endsWith('.json'))) {
  for (const [id, targets] of Object.entries(JSON.parse(readFileSync(`${dir}translations/${file}`, 'utf8')))) {
    if (translations[id]) throw new Error(`Message id "${id}" is translated twice (second time in ${file})`);
    translations[id] = targets;
  }
}

const escapeXml = (s) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
const missing = [];
for (const locale of ['zh-TW', 'en']) {
  const path = `${dir}xliff/${locale}.xlf`;
  const xml = readFileSync(path, 'utf8').replace(
    /<trans-unit id="([^"]+)">([\s\S]*?)<\/trans-unit>/gu,
    (_, id, body) => {
      const source = /<source>([\s\S]*?)<\/source>/u.exec(body)?.[1] ?? '';
      const placeholders = source.match(/<x id="\d+"[^>]*\/>/gu) ?? [];
      const text = translations[id]?.[locale];
      if (text === undefined) {
        missing.push(`${locale} ${id}`);
        return `<trans-unit id="${id}">\n  <source>${source}</source>\n</trans-unit>`;
      }
      const target = escapeXml(text).replace(/\{(\d+)\}/gu, (m, n) => placeholders[Number(n)] ?? m);
      return `<trans-unit id="${id}">\n  <source>${source}</source>\n  <target>${target}</target>\n</trans-unit>`;
    },
  );
  writeFileSync(path, xml);
}
if (missing.length) {
  console.error(`Missing translations (add them to packages/elements/translations/*.json):\n  ${missing.join('\n  ')}`);
  process.exitCode = 1;
}
run('build');
