/**
 * Signing keeps PDF/A: minutes made by the meeting-documents engine (PDF/A-2b) signed in turn by
 * the chair and an adjuster with the font bytes, checked with tools nobody here wrote (pdffonts,
 * pdfinfo -meta, qpdf --check, pdfsig, pdftotext). Without font bytes a PDF/A input is refused and
 * any other PDF is signed as before, in the standard fonts.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, type Document, type FileRecord, type PushResponse } from '../../../shared/src';
import { Flow } from '../../../shared/src/model/flow';
import { buildFlow } from '../../../renderer/src/lib/flows';
import { minutesModel, renderMinutes } from '../../../shared/src/meetings-pdf';
import { verifyPdfSignatures } from '../../../shared/src/pdf-signature/verify-pdf';
import { pkcs12KeySource, SigningError, signPdf, type KeySource } from '../../../shared/src/signing';
import { sampleMeetingPdfSource } from '../../../shared/src/testing/meeting-pdf-sample';
import { liberationSans } from '../../fonts';
import { trustCa } from './trust';
import { findSigningService } from '../../../renderer/src/lib/signing/signing-service';
import { newCase, newIncoming, openProcess } from '../fixtures';
import { RawClient, startTestServer } from '../harness';
import { createTestPki, type TestPki } from './test-pki';
import { protocolPdf } from './test-pdfs';
import { pdffonts, pdfsig, run } from './tools';

const fonts = liberationSans;

const CHAIR = 'Åsa Öberg';
const ADJUSTER = 'Bengt Lind';

let pki: TestPki;
let dir: string;
let chair: KeySource;
let adjuster: KeySource;
let minutes: Uint8Array;
let once: Uint8Array;
let twice: Uint8Array;

function save(name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SigningError);
  return (error as SigningError).code;
}

beforeAll(async () => {
  pki = createTestPki();
  dir = mkdtempSync(join(tmpdir(), 'diarium-sign-pdfa-'));
  const c = pki.signer(CHAIR, 'ordförande');
  const a = pki.signer(ADJUSTER, 'justerare');
  chair = pkcs12KeySource(c.p12, c.password);
  adjuster = pkcs12KeySource(a.p12, a.password);
  minutes = await renderMinutes(minutesModel(sampleMeetingPdfSource()), fonts);
  once = await signPdf(minutes, chair, {
    role: 'Ordförande',
    reason: 'Protokollet justerat',
    signingTime: new Date('2026-12-16T09:15:00Z'),
    fonts,
  });
  twice = await signPdf(once, adjuster, {
    role: 'Justerare',
    reason: 'Protokollet justerat',
    signingTime: new Date('2026-12-17T14:30:00Z'),
    fonts,
  });
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(pki.dir, { recursive: true, force: true });
});

describe('PDF/A minutes signed by the chair and an adjuster with the fonts', () => {
  it('every font in every revision is embedded; no standard font is added', () => {
    for (const [name, bytes] of [
      ['once', once],
      ['twice', twice],
    ] as const) {
      const rows = pdffonts(save(`${name}-fonts.pdf`, bytes));
      expect(rows.length).toBeGreaterThanOrEqual(4);
      for (const row of rows) {
        expect(row.embedded, row.line).toBe(true);
        expect(row.line).not.toMatch(/Helvetica|Type 3/);
        expect(row.line).toMatch(/^[A-Z]{6}\+LiberationSans(-Bold)?\s/);
      }
    }
    // Each signature box has its own subsets (regular and bold), beside the minutes' and the page's.
    const names = new Set(pdffonts(save('twice-names.pdf', twice)).map((r) => r.name));
    expect(names.size).toBeGreaterThanOrEqual(8);
  });

  it('still identifies itself as PDF/A-2b, and qpdf finds it sound', () => {
    const path = save('twice-meta.pdf', twice);
    const meta = run('pdfinfo', ['-meta', path]);
    expect(meta.status, meta.stderr).toBe(0);
    expect(meta.stdout).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(meta.stdout).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
    const check = run('qpdf', ['--check', path]);
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
    expect(check.stdout).toMatch(/No syntax or stream encoding errors found/);
  });

  it('pdfsig and the product verifier find both signatures valid; the second is appended to the first', () => {
    expect(Buffer.from(twice.subarray(0, once.length)).equals(Buffer.from(once))).toBe(true);
    const sigs = pdfsig(save('twice-sigs.pdf', twice));
    expect(sigs.map((s) => [s.signerName, s.validation])).toEqual([
      [CHAIR, 'Signature is Valid.'],
      [ADJUSTER, 'Signature is Valid.'],
    ]);
    expect(sigs[1]!.totalDocumentSigned).toBe(true);
    const report = verifyPdfSignatures(twice);
    expect(report.allValid).toBe(true);
    expect(report.changedAfterLastSignature).toBe(false);
  });

  it('the signature page shows its text and both signers, Swedish letters included', () => {
    const pages = Number(/^Pages:\s+(\d+)$/m.exec(run('pdfinfo', [save('twice-info.pdf', twice)]).stdout)![1]);
    const r = run('pdftotext', ['-f', String(pages), '-l', String(pages), '-layout', save('twice-text.pdf', twice), '-']);
    expect(r.status, r.stderr).toBe(0);
    const text = r.stdout.replace(/\s+/g, ' ');
    for (const expected of [
      'Underskrifter',
      'Dokumentet är undertecknat elektroniskt.',
      CHAIR,
      ADJUSTER,
      'Ordförande',
      'Justerare',
      'Undertecknat 2026-12-16 10:15 (svensk tid)',
      'Undertecknat 2026-12-17 15:30 (svensk tid)',
      'Skäl: Protokollet justerat',
      'Certifikat utfärdat av Testkommunens CA',
    ])
      expect(text).toContain(expected);
  });

  it('each later signature adds a small, bounded update (its own font subsets and the CMS room)', () => {
    const growth = twice.length - once.length;
    // 16 KiB of hex for the CMS; the two subsets and the box are a few KiB more.
    expect(growth).toBeGreaterThan(16 * 1024);
    expect(growth).toBeLessThan(48 * 1024);
  });
});

describe('without font bytes', () => {
  it('a PDF/A input is refused for a visible signature, before and after its first signature', async () => {
    expect(await refusal(signPdf(minutes, chair, { signingTime: new Date('2026-12-16T09:15:00Z') }))).toBe('pdfa-needs-fonts');
    expect(await refusal(signPdf(once, adjuster, { signingTime: new Date('2026-12-17T14:30:00Z') }))).toBe('pdfa-needs-fonts');
  });

  it('an invisible signature draws nothing, so a PDF/A input keeps its fonts embedded', async () => {
    const signed = await signPdf(minutes, chair, { signingTime: new Date('2026-12-16T09:15:00Z'), visible: false });
    expect(verifyPdfSignatures(signed).allValid).toBe(true);
    for (const row of pdffonts(save('invisible.pdf', signed))) expect(row.embedded, row.line).toBe(true);
  });

  it('any other PDF is signed as before: signature page and box in the standard Helvetica fonts', async () => {
    const signed = await signPdf(await protocolPdf(false), chair, { signingTime: new Date('2026-12-16T09:15:00Z') });
    expect(verifyPdfSignatures(signed).allValid).toBe(true);
    const rows = pdffonts(save('plain.pdf', signed));
    // The protocol's own Helvetica, and the signature page's and the box's regular and bold.
    expect(rows.map((r) => r.name).sort()).toEqual(['Helvetica', 'Helvetica', 'Helvetica', 'Helvetica-Bold', 'Helvetica-Bold']);
    for (const row of rows) expect(row.embedded, row.line).toBe(false);
  });
});

describe("through the renderer's signing service (web mode: the server's development test key)", () => {
  it('two users sign the minutes in turn; the result keeps every font embedded, both signatures valid', async () => {
    const server = await startTestServer({ devTestKey: true });
    try {
      const officer = await RawClient.token(server.url, 'handlaggare');
      const quality = await RawClient.token(server.url, 'kvalitet');
      const first = await findSigningService(null, server.url, officer.token, fetch);
      const second = await findSigningService(null, server.url, quality.token, fetch);
      if (!first || !second) throw new Error('expected the test-key service from a server started with it');
      const a = await first.sign(minutes, { role: 'Ordförande', reason: 'Protokollet justerat' });
      if (!a.ok) throw new Error(a.message);
      const b = await second.sign(a.pdf, { role: 'Justerare' });
      if (!b.ok) throw new Error(b.message);
      const path = save('web-twice.pdf', b.pdf);
      for (const row of pdffonts(path)) expect(row.embedded, row.line).toBe(true);
      expect(run('pdfinfo', ['-meta', path]).stdout).toContain('<pdfaid:part>2</pdfaid:part>');
      expect(pdfsig(path).map((x) => [x.signerName, x.validation])).toEqual([
        [officer.user.displayName, 'Signature is Valid.'],
        [quality.user.displayName, 'Signature is Valid.'],
      ]);
    } finally {
      await server.stop();
    }
  });
});

describe("an approver's own signed version of PDF/A minutes (the server re-creates the signature page)", () => {
  it('is accepted when signed with the product fonts, and refused when the page was drawn with other fonts', async () => {
    const server = await startTestServer();
    try {
      await trustCa(server, pki.caPem);
      const registrar = await RawClient.as(server.url, 'registrator');
      const officerLogin = await RawClient.token(server.url, 'handlaggare');
      const officer = await RawClient.connect(server.url, officerLogin.token);
      const push = (c: RawClient, collection: string, state: object, assumed: object | null = null) =>
        c.send<PushResponse>({
          t: 'push',
          collection,
          rows: [{ assumedMasterState: assumed, newDocumentState: { ...state, _deleted: false } }],
        });
      const pull = async <T>(collection: string) =>
        (await registrar.send<{ documents: T[] }>({ t: 'pull', collection, checkpoint: null, limit: 5000 })).documents;
      const p = await openProcess({ find: async <T>(c: 'classes' | 'doctypes') => (await pull(c)) as T[] });
      const me = (await RawClient.token(server.url, 'registrator')).user;
      const kase = newCase(me.id, p, 'Protokoll kommunstyrelsen');
      expect((await push(registrar, 'cases', kase)).rejected).toEqual([]);
      const doc: Document = newIncoming(me.id, p, kase.id, 'Protokoll');
      expect((await push(registrar, 'documents', doc)).rejected).toEqual([]);
      const upload = (token: string, bytes: Uint8Array, fileKey?: string) =>
        fetch(
          `${server.url}${API.files}?${new URLSearchParams({ documentId: doc.id, name: 'protokoll.pdf', ...(fileKey ? { fileKey } : {}) })}`,
          {
            method: 'POST',
            headers: { authorization: `Bearer ${token}` },
            body: new Uint8Array(bytes),
          },
        );
      const first = (await (await upload(registrar.token, minutes)).json()) as FileRecord;
      const flow = buildFlow(
        {
          registerId: 'reg-ks',
          targetCollection: 'documents',
          targetId: doc.id,
          caseId: kase.id,
          mode: 'ordered',
          steps: [{ approverId: officerLogin.user.id, role: 'approver', dueDate: '2026-12-31', requiresSignature: true }],
        },
        me.id,
        { nowMs: Date.now(), id: randomUUID(), newStepId: randomUUID },
      );
      expect((await push(registrar, 'flows', flow)).rejected).toEqual([]);
      const signer = pki.signer(officerLogin.user.displayName, 'handläggare');
      const key = pkcs12KeySource(signer.p12, signer.password);

      // The faces swapped: a signature page that is not the engine's preparation of the current file.
      const otherFonts = await signPdf(minutes, key, { signingTime: new Date(), fonts: { regular: fonts.bold, bold: fonts.regular } });
      const refused = await upload(officerLogin.token, otherFonts, first.fileKey);
      expect(refused.status).toBe(403);
      expect(await refused.json()).toMatchObject({ error: 'forbidden' });

      const signed = await signPdf(minutes, key, { role: 'Ordförande', signingTime: new Date(), fonts });
      const accepted = await upload(officerLogin.token, signed, first.fileKey);
      expect(accepted.status).toBe(201);
      const version = (await accepted.json()) as FileRecord;
      const current = Flow.parse((await server.storage.getRecord('flows', flow.id))!.data);
      const decided = { ...current, steps: current.steps.map((s) => ({ ...s, status: 'approved' as const, signatureFileId: version.id })) };
      expect((await push(officer, 'flows', decided, current)).rejected).toEqual([]);
      expect(Flow.parse((await server.storage.getRecord('flows', flow.id))!.data).status).toBe('approved');
      registrar.close();
      officer.close();
    } finally {
      await server.stop();
    }
  });
});
