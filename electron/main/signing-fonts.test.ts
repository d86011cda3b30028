import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { FONT_DIR } from '../../tests/fonts';
import { appSigningFonts } from './signing-fonts';

const FILES = ['LiberationSans-Regular.ttf', 'LiberationSans-Bold.ttf'];
const original = (file: string) => readFileSync(join(fileURLToPath(FONT_DIR), file));

describe('the fonts the desktop signs with', () => {
  test('come from the built app under pdfjs/standard_fonts, read once', async () => {
    const rendererDir = mkdtempSync(join(tmpdir(), 'diarium-renderer-'));
    mkdirSync(join(rendererDir, 'pdfjs/standard_fonts'), { recursive: true });
    for (const f of FILES) copyFileSync(join(fileURLToPath(FONT_DIR), f), join(rendererDir, 'pdfjs/standard_fonts', f));
    const load = appSigningFonts({ rendererDir, devUrl: null });
    const fonts = await load();
    expect(Buffer.from(fonts.regular).equals(original(FILES[0]!))).toBe(true);
    expect(Buffer.from(fonts.bold).equals(original(FILES[1]!))).toBe(true);
    expect(await load()).toBe(fonts);
  });

  test('come from the dev server in development; a failure is not kept', async () => {
    let up = false;
    const requests: string[] = [];
    const server = createServer((req, res) => {
      requests.push(req.url ?? '');
      const file = FILES.find((f) => req.url === `/pdfjs/standard_fonts/${f}`);
      if (!up || !file) return void res.writeHead(404).end();
      res.end(original(file));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const devUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      const load = appSigningFonts({ rendererDir: '/nonexistent', devUrl });
      await expect(load()).rejects.toThrow(/HTTP 404/);
      up = true;
      const fonts = await load();
      expect(Buffer.from(fonts.bold).equals(original(FILES[1]!))).toBe(true);
      expect(requests.filter((r) => r.endsWith('Bold.ttf'))).toHaveLength(2);
    } finally {
      server.close();
    }
  });
});
