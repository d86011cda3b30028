import { readFile, readdir } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { DEMO_MAIL_DIR } from '../demo/seed-files';
import { sendJson } from './http-util';

/** The demo's e-mail to drop, downloadable from a server started with the demo (DIARIUM_DEMO=1). */
export const DEMO_MAIL_PATH = '/demo/e-post/';

const TYPES: Record<string, string> = { '.eml': 'message/rfc822', '.msg': 'application/vnd.ms-outlook' };

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

async function mailNames(dataDir: string): Promise<string[]> {
  try {
    return (await readdir(path.join(dataDir, DEMO_MAIL_DIR))).filter((n) => TYPES[path.extname(n)] !== undefined).sort();
  } catch {
    return [];
  }
}

/**
 * `GET /demo/e-post/`: a page listing the files; `GET /demo/e-post/<name>`: one of them as a
 * download. Only names the folder holds are served (no path is ever built from the request).
 */
export async function handleDemoMail(res: ServerResponse, pathname: string, dataDir: string, head: boolean): Promise<void> {
  const names = await mailNames(dataDir);
  const rest = pathname.slice(DEMO_MAIL_PATH.length);
  if (rest === '') {
    const items = names.map((n) => `<li><a href="${encodeURIComponent(n)}" download>${escapeHtml(n)}</a></li>`).join('');
    const html =
      '<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Demo-e-post att registrera</title></head><body>' +
      '<h1>Demo-e-post att registrera</h1><p>Ladda ned ett meddelande och dra det till Diariet eller till en handling.</p>' +
      `<ul>${items}</ul></body></html>`;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(head ? undefined : html);
    return;
  }
  let name: string;
  try {
    name = decodeURIComponent(rest);
  } catch {
    return sendJson(res, 404, { error: 'not_found' });
  }
  if (!names.includes(name)) return sendJson(res, 404, { error: 'not_found' });
  const bytes = await readFile(path.join(dataDir, DEMO_MAIL_DIR, name));
  res.writeHead(200, {
    'content-type': TYPES[path.extname(name)]!,
    'content-length': bytes.length,
    'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(head ? undefined : bytes);
}
