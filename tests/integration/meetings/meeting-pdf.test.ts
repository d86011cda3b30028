/**
 * The notice, the minutes (both parts) and the extracts as files, checked with tools nobody here
 * wrote (docs/verification: pdffonts, pdfinfo -meta, qpdf --check, pdftotext): PDF/A-2b
 * identification and output intent, every font embedded, the text there in Swedish, and the
 * restricted material's planted titles nowhere, neither in the text nor in the bytes.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { minutesModel, noticeModel, renderExtract, renderMinutes, renderNotice } from '../../../shared/src/meetings-pdf';
import { LARGE_MEETING, PLANTED_SECRETS, sampleMeetingPdfSource } from '../../../shared/src/testing/meeting-pdf-sample';
import { leaked, leakedBytes } from '../redaction/masked-copy-checks';
import { liberationSans } from '../../fonts';

type Tool = 'pdffonts' | 'pdfinfo' | 'pdftotext' | 'qpdf';

function run(name: Tool, args: string[]): { status: number; stdout: Buffer; stderr: string } {
  const file = `/usr/bin/${name}`;
  if (!existsSync(file))
    throw new Error(`${name} is required by this test but ${file} does not exist (apt-get install poppler-utils qpdf)`);
  const r = spawnSync(file, args, { maxBuffer: 256 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr.toString('utf8') };
}

const fonts = liberationSans;

let dir = '';
const files: Record<string, string> = {};

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'diarium-meeting-pdf-'));
  const source = sampleMeetingPdfSource(LARGE_MEETING);
  const notice = noticeModel(
    source,
    'Ledamöter och ersättare kallas till sammanträde.\nFörhinder anmäls till nämndsekreteraren ☎ senast dagen före.',
  );
  const minutes = minutesModel(source);
  const made: Record<string, Uint8Array> = {
    notice: await renderNotice(notice, fonts),
    minutes: await renderMinutes(minutes, fonts),
    immediate: await renderMinutes(minutes, fonts, { part: 'immediate' }),
    extract: await renderExtract(minutes, 'item-open-case', fonts),
    secretExtract: await renderExtract(minutes, 'item-secret', fonts),
  };
  for (const [name, bytes] of Object.entries(made)) {
    files[name] = path.join(dir, `${name}.pdf`);
    writeFileSync(files[name], bytes);
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ALL = ['notice', 'minutes', 'immediate', 'extract', 'secretExtract'] as const;

/** The text as pdftotext lays it out, whitespace collapsed so a table row reads as one phrase. */
function text(name: string): string {
  const r = run('pdftotext', ['-layout', files[name]!, '-']);
  expect(r.status).toBe(0);
  return r.stdout.toString('utf8').replace(/\s+/g, ' ');
}

/** Every stream decompressed, no object streams: a byte search sees everything. */
function decompressed(name: string): Buffer {
  const r = run('qpdf', ['--qdf', '--object-streams=disable', files[name]!, '-']);
  expect([0, 3]).toContain(r.status);
  return r.stdout;
}

describe.each(ALL)('the %s as PDF/A-2b', (name) => {
  it('embeds every font (no Type 3, no unembedded standard font)', () => {
    const r = run('pdffonts', [files[name]!]);
    expect(r.status).toBe(0);
    const rows = r.stdout.toString('utf8').trim().split('\n').slice(2);
    expect(rows.length).toBeGreaterThanOrEqual(1);
    for (const row of rows) {
      const c = row.trim().split(/\s+/);
      // name, type (two words), encoding, emb, sub, uni, object, generation
      expect(c[c.length - 5], row).toBe('yes');
      expect(row).not.toMatch(/Type 3/);
      expect(row).toMatch(/^DIARM[RB]\+LiberationSans/);
    }
  });

  it('identifies itself as PDF/A-2b in XMP agreeing with the Info dictionary, is not encrypted, and has an output intent and an ID', () => {
    const meta = run('pdfinfo', ['-meta', files[name]!]).stdout.toString('utf8');
    expect(meta).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(meta).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
    const info = run('pdfinfo', [files[name]!]).stdout.toString('utf8');
    const title = /^Title:\s+(.*)$/m.exec(info)![1]!;
    expect(meta).toContain(`<rdf:li xml:lang="x-default">${title}</rdf:li>`);
    expect(info).toMatch(/^Encrypted:\s+no$/m);
    expect(info).toMatch(/^Author:\s+Exempelby kommun$/m);
    const raw = decompressed(name).toString('latin1');
    expect(raw).toMatch(/\/OutputIntents/);
    expect(raw).toMatch(/\/S \/GTS_PDFA1/);
    expect(raw).toMatch(/\/DestOutputProfile \d+ 0 R/);
    expect(raw).toMatch(/trailer <<[^]*\/ID \[<[0-9a-fA-F]{32}><[0-9a-fA-F]{32}>\]/);
    for (const forbidden of ['/JavaScript', '/JS ', '/Encrypt', '/SMask', '/CA ', '/ca ', '/EmbeddedFiles'])
      expect(raw).not.toContain(forbidden);
  });

  it('passes qpdf --check', () => {
    const r = run('qpdf', ['--check', files[name]!]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('carries no planted secret: not in the text, the raw bytes or the decompressed bytes', () => {
    expect(leaked(text(name), PLANTED_SECRETS)).toEqual([]);
    expect(leakedBytes(readFileSync(files[name]!), PLANTED_SECRETS)).toEqual([]);
    expect(leakedBytes(decompressed(name), PLANTED_SECRETS)).toEqual([]);
  });
});

describe('what the documents say', () => {
  it('the notice: title page, agenda with § and case numbers, each item with proposal and listed documents, withheld ones marked, pages numbered', () => {
    const t = text('notice');
    for (const expected of [
      'Exempelby kommun',
      'Kommunstyrelsen',
      'Kallelse',
      'tisdag 15 december 2026, kl. 13:00',
      'Sessionssalen, Stadshuset och på distans',
      'Ledamöter och ersättare kallas till sammanträde.',
      'Förhinder anmäls till nämndsekreteraren ? senast dagen före.',
      'Örjan Ängström Ordförande',
      'Föredragningslista',
      '§ 101 Sammanträdets öppnande',
      '§ 103 Svar på motion om cykelbanor längs Storgatan',
      'Ärendenummer: KS 2026-00042',
      'Förslag till beslut',
      'Cykelbanan byggs år 2027–2028.',
      'KS 2026-00042-1 Motion från Cykelpartiet 2026-10-01',
      'KS 2026-00042-2 Handling omfattas av sekretess (OSL 26 kap. 1 §)',
      'KS 2026-00042-3 Handling omfattas av sekretess (OSL 21 kap. 3 §)',
      'KS 2026-00090-1 Handling omfattas av sekretess (OSL 39 kap. 3 §)',
      '§ 104 Sekretessbelagt ärende Ärendenummer: KS 2026-00077',
      '§ 140 Ärende nummer 34 om förskolans lokaler i Åby',
      'Tjänsteskrivelse 6 om lokalförsörjning för förskolan i Åby och',
      'Sida 1 av',
    ])
      expect(t).toContain(expected);
    const pages = Number(/Sida 1 av (\d+)/.exec(t)![1]);
    expect(pages).toBeGreaterThan(5);
    expect(t).toContain(`Sida ${pages} av ${pages}`);
  });

  it('the minutes: attendance, adjusters, signatures, each § with decision, vote and casting vote, reservation, jäv; posting certificate', () => {
    const t = text('minutes');
    for (const expected of [
      'Protokoll',
      'Paragrafer § 101–§ 140',
      'Beslutande ledamöter',
      'Björn Öberg (C) ledamot, från § 103',
      'Tjänstgörande ersättare',
      'Sara Ersättare (S) tjänstgör för Kjell Frånvarande (S)',
      'Frånvarande ledamöter',
      'Övriga närvarande',
      'Nils Närvarande (M) ersättare',
      'Justerare',
      'Ordförande',
      '§ 103 Svar på motion om cykelbanor längs Storgatan',
      'Omröstning',
      'Omröstningen gav 2 ja-röster och 2 nej-röster; 1 avstod. Lika röstetal: ordförandens utslagsröst avgjorde till förmån för ja.',
      'Reservation: Åsa Ekström (M) reserverar sig mot beslutet.',
      'Vi reserverar oss till förmån för eget yrkande om gångväg.',
      '§ 104 Sekretessbelagt ärende',
      'Jäv: Björn Öberg (C) deltar inte i handläggningen på grund av jäv.',
      'Anslagsbevis',
      'Sammanträdesdatum 2026-12-15',
      'Datum för justering 2026-12-18',
      'Förvaringsplats för protokollet Kommunledningskontoret, Stadshuset',
    ])
      expect(t).toContain(expected);
    expect(t).not.toContain('Brådskande yttrande');
  });

  it('the immediately adjusted part holds only its own §', () => {
    const t = text('immediate');
    expect(t).toContain('Protokoll, omedelbart justerade paragrafer');
    expect(t).toContain('§ 106 Brådskande yttrande över vägplan för väg 55');
    expect(t).toContain('Jäv: Émilie Dahl (V) deltar inte i handläggningen på grund av jäv.');
    expect(t).toContain('Anslagsbevis');
    expect(t).not.toContain('Svar på motion');
  });

  it('the extracts: heading, the §, its decision, Rätt utdraget intygar; a restricted case’s § by number only', () => {
    const t = text('extract');
    for (const expected of [
      'Protokollsutdrag',
      'Kommunstyrelsen',
      '§ 103 Svar på motion',
      'Beslut Kommunstyrelsen föreslår kommunfullmäktige att bifalla motionen.',
      'Rätt utdraget intygar',
    ])
      expect(t).toContain(expected);
    const secret = text('secretExtract');
    expect(secret).toContain('§ 104 Sekretessbelagt ärende Ärendenummer: KS 2026-00077');
    expect(secret).not.toContain('Beslut ');
  });
});
