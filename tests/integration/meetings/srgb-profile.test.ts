/**
 * The sRGB profile the PDF/A output intent carries, read by a colour engine nobody here wrote:
 * poppler with Little CMS (lcms2) renders colours through it as an ICCBased colour space. A
 * profile it cannot read gives a warning (checked with a damaged copy), and a wrong one shifts colours.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PDFDocument, PDFName } from 'pdf-lib';
import { srgbIccProfile } from '../../../shared/src/pdfa';

const PDFTOPPM = '/usr/bin/pdftoppm';
const dir = mkdtempSync(path.join(tmpdir(), 'diarium-icc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const COLOURS: [number, number, number][] = [
  [1, 0, 0],
  [0, 1, 0],
  [0, 0, 1],
  [0.5, 0.5, 0.5],
  [0.2, 0.6, 0.9],
];

/** One 10×10 pt square per colour, filled through an ICCBased colour space with `profile`. */
async function swatches(profile: Uint8Array): Promise<string> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([10 * COLOURS.length, 10]);
  const icc = doc.context.register(doc.context.flateStream(profile, { N: 3 }));
  page.node.Resources()!.set(PDFName.of('ColorSpace'), doc.context.obj({ CS0: doc.context.obj([PDFName.of('ICCBased'), icc]) }));
  const ops = COLOURS.map(([r, g, b], i) => `${r} ${g} ${b} sc ${i * 10} 0 10 10 re f`).join(' ');
  page.node.set(PDFName.of('Contents'), doc.context.register(doc.context.flateStream(`/CS0 cs ${ops}`)));
  const file = path.join(dir, `swatches-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, await doc.save());
  return file;
}

/** The colour at the middle of each square as poppler renders it (72 dpi: 1 px per point), and its warnings. */
function render(file: string): { colours: number[][]; warnings: string } {
  if (!existsSync(PDFTOPPM))
    throw new Error(`pdftoppm is required by this test but ${PDFTOPPM} does not exist (apt-get install poppler-utils)`);
  const r = spawnSync(PDFTOPPM, ['-r', '72', '-singlefile', file, file.replace(/\.pdf$/, '')]);
  if (r.error) throw r.error;
  expect(r.status).toBe(0);
  const ppm = readFileSync(file.replace(/\.pdf$/, '.ppm'));
  // P6\n<w> <h>\n255\n then RGB bytes.
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 32).toString('latin1'))!;
  const width = Number(header[1]);
  const pixels = ppm.subarray(header[0].length);
  const colours = COLOURS.map((_, i) => {
    const at = (5 * width + i * 10 + 5) * 3;
    return [pixels[at]!, pixels[at + 1]!, pixels[at + 2]!];
  });
  return { colours, warnings: r.stderr.toString('utf8') };
}

describe('the sRGB ICC profile of the output intent', () => {
  it('is read by lcms2 without a warning and maps sRGB colours to themselves', async () => {
    const { colours, warnings } = render(await swatches(srgbIccProfile()));
    expect(warnings).toBe('');
    colours.forEach((rgb, i) =>
      rgb.forEach((v, c) => expect(Math.abs(v - Math.round(COLOURS[i]![c]! * 255)), `colour ${i} channel ${c}`).toBeLessThanOrEqual(2)),
    );
  });

  it('(control) a damaged copy is reported, so the check above can fail', async () => {
    const damaged = srgbIccProfile().slice();
    damaged[36] = 0x41; // the 'acsp' signature
    expect(render(await swatches(damaged)).warnings).toMatch(/ICC/);
  });
});
