import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadMeetingPdfFonts, meetingPdfFontUrls, MeetingPdfFontsError } from './pdf-fonts';

const FONT_DIR = new URL('../../../../node_modules/pdfjs-dist/standard_fonts/', import.meta.url);

/** A real HTTP server answering as the built app does: fonts under pdfjs/standard_fonts/, or (mode) failing. */
let mode: 'fonts' | 'missing' | 'html' = 'fonts';
const requests: string[] = [];
let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const m = /^\/app\/pdfjs\/standard_fonts\/(LiberationSans-(?:Regular|Bold)\.ttf)$/.exec(req.url ?? '');
    if (mode === 'html') return res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>Diarium</title>');
    if (!m || mode === 'missing') return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(readFileSync(new URL(m[1]!, FONT_DIR)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/app/index.html`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('loading the meeting documents’ fonts', () => {
  it('finds them where the build puts them, in web mode (any route) and in Electron’s app:// build', () => {
    expect(meetingPdfFontUrls('http://127.0.0.1:8787/#/sammantrade/m1').regular.href).toBe(
      'http://127.0.0.1:8787/pdfjs/standard_fonts/LiberationSans-Regular.ttf',
    );
    expect(meetingPdfFontUrls('app://diarium/index.html').bold.href).toBe('app://diarium/pdfjs/standard_fonts/LiberationSans-Bold.ttf');
  });

  it('fails with the Swedish message when the fonts are missing or the answer is not a font, and tries again next time', async () => {
    mode = 'missing';
    const missing = await loadMeetingPdfFonts(base).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(MeetingPdfFontsError);
    expect((missing as Error).message).toMatch(/^Typsnitten för mötesdokumentet kunde inte läsas in/);
    expect((missing as MeetingPdfFontsError).detail).toMatch(/HTTP 404/);
    // The attempt fails at its first answer; let its second request arrive before the answers change.
    await vi.waitFor(() => expect(requests).toHaveLength(2));
    mode = 'html';
    const html = await loadMeetingPdfFonts(base).catch((e: unknown) => e);
    expect((html as MeetingPdfFontsError).detail).toMatch(/not a TrueType font/);
    await vi.waitFor(() => expect(requests).toHaveLength(4));
  });

  it('loads both faces from pdfjs/standard_fonts/ beside the page, once', async () => {
    mode = 'fonts';
    requests.length = 0;
    const fonts = await loadMeetingPdfFonts(base);
    expect(Buffer.from(fonts.regular).equals(readFileSync(new URL('LiberationSans-Regular.ttf', FONT_DIR)))).toBe(true);
    expect(Buffer.from(fonts.bold).equals(readFileSync(new URL('LiberationSans-Bold.ttf', FONT_DIR)))).toBe(true);
    expect(await loadMeetingPdfFonts(base)).toBe(fonts);
    expect(requests.sort()).toEqual([
      '/app/pdfjs/standard_fonts/LiberationSans-Bold.ttf',
      '/app/pdfjs/standard_fonts/LiberationSans-Regular.ttf',
    ]);
  });
});
