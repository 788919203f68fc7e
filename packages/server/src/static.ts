/**
 * A built site (the demo portal) served from the same origin as the API.
 * Paths stay inside the root; unknown paths without an extension fall back
 * to index.html so the portal's deep links work.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Context } from 'hono';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
};

export function serveStaticFiles(root: string): (c: Context) => Promise<Response> {
  const base = resolve(root);
  const file = async (path: string): Promise<string | null> => {
    const info = await stat(path).catch(() => null);
    if (info?.isFile()) return path;
    if (info?.isDirectory()) return file(join(path, 'index.html'));
    return null;
  };
  return async (c) => {
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(c.req.url).pathname);
    } catch {
      return c.text('Bad request', 400);
    }
    const target = normalize(join(base, pathname));
    if (target !== base && !target.startsWith(base + sep)) return c.text('Forbidden', 403);
    let path = await file(target);
    if (!path && !extname(target)) path = await file(join(base, 'index.html'));
    if (!path) return c.text('Not found', 404);
    const body = await readFile(path);
    // hashed asset names never change; the page itself must be checked every time
    const immutable = /[/\\]assets[/\\]/u.test(path);
    return c.body(body, 200, {
      'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream',
      'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
  };
}
