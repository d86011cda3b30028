import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case, Document, FileRecord } from '../../../shared/src';
import type { RedactionDraft } from '../../../shared/src/model/redaction';
import { buildDocument } from '../../../renderer/src/lib/records';
import { tinyPdf } from '../fixtures';
import { RequestWorld } from './world';

const GROUND = 'OSL 21 kap. 3 §';

let w: RequestWorld;
let content: Case;
let other: Case;
let original: Document;
let originalFile: FileRecord;
let elsewhere: Document;
let elsewhereFile: FileRecord;

beforeAll(async () => {
  w = await RequestWorld.start(['registrator', 'handlaggare', 'lasare']);
  content = await w.newCase('registrator');
  other = await w.newCase('registrator', { title: 'Ett annat ärende' });
  original = await w.newDocument('registrator', content.id, { title: 'Skrivelse' });
  originalFile = await w.upload(w.client('registrator'), original.id, tinyPdf('Anna Svensson'), 'skrivelse.pdf');
  elsewhere = await w.newDocument('registrator', other.id, { title: 'Annan skrivelse' });
  elsewhereFile = await w.upload(w.client('registrator'), elsewhere.id, tinyPdf('Annat'), 'annan.pdf');
});

afterAll(async () => {
  await w.stop();
});

const draft = (o: Partial<RedactionDraft> = {}): RedactionDraft => ({
  fileId: originalFile.id,
  boxes: [{ page: 1, x: 72, y: 100, w: 160, h: 24, ground: GROUND, source: 'manual' }],
  terms: [{ text: 'Anna Svensson', ground: GROUND }],
  updatedBy: '',
  updatedAt: '',
  ...o,
});

describe('documents: the masked-copy link and masking work in progress, enforced by the server', () => {
  it('a masked copy links to a document of the same case; elsewhere, itself or unknown is refused with nothing stored', async () => {
    const attempts = [
      { caseId: other.id, maskedCopyOf: original.id },
      { caseId: content.id, maskedCopyOf: 'no-such-document' },
      { caseId: content.id, maskedCopyOf: elsewhere.id },
    ];
    for (const a of attempts) {
      const d = { ...buildDoc(a.caseId), maskedCopyOf: a.maskedCopyOf };
      const res = await w.push(w.client('registrator'), 'documents', d);
      expect(res.rejected).toMatchObject([{ code: 'unknown_reference', fields: ['maskedCopyOf'] }]);
      expect(await w.document(d.id)).toBeNull();
    }
    const honest = await w.newDocument('registrator', content.id, { title: 'Maskad kopia av Skrivelse', maskedCopyOf: original.id });
    expect(honest.maskedCopyOf).toBe(original.id);
  });

  it('the link is set on registration only and never changes', async () => {
    const plain = await w.newDocument('registrator', content.id, { title: 'Vanlig handling' });
    const setLater = await w.update(w.client('registrator'), 'documents', { ...plain, maskedCopyOf: original.id });
    expect(setLater.rejected).toMatchObject([{ code: 'forbidden', fields: ['maskedCopyOf'] }]);
    const copy = await w.newDocument('registrator', content.id, { title: 'Maskad kopia av Skrivelse', maskedCopyOf: original.id });
    const cleared = await w.update(w.client('registrator'), 'documents', { ...copy, maskedCopyOf: '' });
    expect(cleared.rejected).toMatchObject([{ code: 'forbidden', fields: ['maskedCopyOf'] }]);
    expect((await w.document(plain.id))!.maskedCopyOf).toBe('');
    expect((await w.document(copy.id))!.maskedCopyOf).toBe(original.id);
  });

  it('a masked copy of a restricted original needs access to all of it', async () => {
    const secretCase = await w.newCase('handlaggare', { restrictionKind: 'secrecy', legalGround: 'OSL 26 kap. 1 §' });
    const secret = await w.newDocument('handlaggare', secretCase.id, { title: 'Utredning' });
    // The registrar may register in the case but has no named access to its content.
    const d = { ...buildDoc(secretCase.id), maskedCopyOf: secret.id };
    expect((await w.push(w.client('registrator'), 'documents', d)).rejected).toMatchObject([
      { code: 'restricted', fields: ['maskedCopyOf'] },
    ]);
    expect(await w.document(d.id)).toBeNull();
  });

  it('drafts: stamped by the server, only for files of the document, only by those who may edit it', async () => {
    const registrar = w.client('registrator');
    const before = (await w.document(original.id))!;
    const forged = await w.update(registrar, 'documents', { ...before, redactionDrafts: [draft({ updatedBy: w.ids.handlaggare! })] });
    expect(forged.rejected).toMatchObject([{ code: 'forbidden', fields: ['redactionDrafts'] }]);
    const stray = await w.update(registrar, 'documents', { ...before, redactionDrafts: [draft({ fileId: elsewhereFile.id })] });
    expect(stray.rejected).toMatchObject([{ code: 'unknown_reference', fields: ['redactionDrafts'] }]);
    const twice = await w.update(registrar, 'documents', { ...before, redactionDrafts: [draft(), draft()] });
    expect(twice.rejected).toMatchObject([{ code: 'invalid_schema', fields: ['redactionDrafts'] }]);
    const byReader = await w.update(w.client('lasare'), 'documents', { ...before, redactionDrafts: [draft()] });
    expect(byReader.rejected).toMatchObject([{ code: 'forbidden' }]);
    expect((await w.document(original.id))!.redactionDrafts).toEqual([]);

    expect(
      (await w.update(registrar, 'documents', { ...before, redactionDrafts: [draft({ updatedAt: '1999-01-01T00:00:00.000Z' })] })).rejected,
    ).toEqual([]);
    const saved = (await w.document(original.id))!;
    expect(saved.redactionDrafts).toEqual([draft({ updatedBy: w.ids.registrator!, updatedAt: new Date(w.clock).toISOString() })]);
    const entry = (await w.audit()).filter((a) => a.recordId === original.id).at(-1)!;
    expect(entry.changes.map((c) => c.field)).toEqual(['redactionDrafts']);
  });
});

/** A new created document in a case of the ordinary process, as a client builds it. */
function buildDoc(caseId: string): Document {
  return buildDocument(
    {
      registerId: 'reg-ks',
      caseId,
      direction: 'created',
      title: 'Maskad kopia',
      documentTypeId: w.process.doctypeId,
      classCode: w.process.code,
      createdDate: '2026-02-04',
    },
    w.ids.registrator!,
    { nowMs: w.clock, id: randomUUID() },
  );
}
