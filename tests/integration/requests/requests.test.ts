import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case, Document, Register } from '../../../shared/src';
import type { InformationRequest } from '../../../shared/src/model/request';
import { decisionText } from '../../../shared/src/rules/decision-text';
import { buildDocument } from '../../../renderer/src/lib/records';
import { redactPdf } from '../../../shared/src/redaction';
import { buildMaskedCopy } from '../../../renderer/src/lib/redaction/session/masked-copy';
import { renderDecisionPdf } from '../../../renderer/src/lib/requests/decision-pdf';
import { buildPdfPackage, sha256Hex } from '../../../renderer/src/lib/requests/package';
import { withDecision, withDelivery, withReview, type RequestChange } from '../../../renderer/src/lib/requests/review';
import { nodeRedactionPlatform } from '../../../scripts/lib/node-redaction-platform';
import { tinyPdf } from '../fixtures';
import { pdftotext, run } from '../redaction/masked-copy-checks';
import { RequestWorld } from './world';

const NAME = 'Anna Svensson';
const PNR = '19121212-1212';
const GROUND = 'OSL 21 kap. 3 §';

let w: RequestWorld;
let work: string;

beforeAll(async () => {
  w = await RequestWorld.start(['registrator', 'handlaggare', 'lasare', 'kvalitet', 'sn.registrator']);
  work = mkdtempSync(path.join(tmpdir(), 'diarium-requests-'));
});

afterAll(async () => {
  await w.stop();
  rmSync(work, { recursive: true, force: true });
});

function ok(change: RequestChange): InformationRequest {
  if (!change.ok) throw new Error(change.message);
  return change.request;
}

function file(name: string, bytes: Uint8Array): string {
  const p = path.join(work, name);
  writeFileSync(p, bytes);
  return p;
}

describe('an information request from registration to delivery, through the real server', () => {
  it('register, review, mask, decide partial release, deliver one PDF: accepted, stamped, in the actor register', async () => {
    const registrar = w.client('registrator');
    const requestCase = await w.newRequestCase('registrator');
    const content = await w.newCase('registrator');
    const docA = await w.newDocument('registrator', content.id, { title: 'Beslut om skolskjuts' });
    const docB = await w.newDocument('registrator', content.id, { title: 'Skrivelse från vårdnadshavare' });
    const fileA = await w.upload(registrar, docA.id, tinyPdf('Skolskjuts beviljas'), 'beslut.pdf');
    const fileB = await w.upload(registrar, docB.id, tinyPdf(`${NAME} ${PNR} ansoker`), 'skrivelse.pdf');

    const request = w.buildRequest('registrator', requestCase.id, [
      { collection: 'documents', id: docA.id },
      { collection: 'documents', id: docB.id },
    ]);
    expect(request.dueDate).toBe('2026-02-05'); // the next working day after receipt
    expect((await w.push(registrar, 'requests', request)).rejected).toEqual([]);
    const r0 = (await w.request(request.id))!;
    expect(r0).toMatchObject({ status: 'received', createdBy: w.ids.registrator, caseId: requestCase.id });

    // Review: A in full; B masked, with a masked copy made by the real engine and registered in the case.
    const r1 = ok(withReview(r0, r0.items[0]!.id, { review: 'release', grounds: [], maskedDocumentId: '', comment: '' }));
    expect((await w.update(registrar, 'requests', r1)).rejected).toEqual([]);
    const masked = await redactPdf(
      await w.download(registrar, fileB.id),
      { boxes: [], terms: [{ text: NAME, ground: GROUND }], suggestions: 'all', suggestionGround: GROUND },
      nodeRedactionPlatform,
    );
    const copy = buildMaskedCopy(docB, `Maskad kopia av ${docB.title}`, w.ids.registrator!, '2026-02-04', {
      nowMs: w.clock,
      id: randomUUID(),
    });
    expect((await w.push(registrar, 'documents', copy)).rejected).toEqual([]);
    const copyFile = await w.upload(registrar, copy.id, masked.pdf, 'skrivelse (maskad kopia).pdf');
    const stored1 = (await w.request(request.id))!;
    const r2 = ok(
      withReview(stored1, stored1.items[1]!.id, { review: 'release_masked', grounds: [GROUND], maskedDocumentId: copy.id, comment: '' }),
    );
    expect((await w.update(registrar, 'requests', r2)).rejected).toEqual([]);
    const reviewed = (await w.request(request.id))!;
    expect(reviewed.status).toBe('in_review');
    expect(reviewed.items.map((i) => [i.review, i.reviewedBy, i.reviewedAt])).toEqual([
      ['release', w.ids.registrator, new Date(w.clock).toISOString()],
      ['release_masked', w.ids.registrator, new Date(w.clock).toISOString()],
    ]);

    // Decision: the text from shared, the PDF registered as a created document in the request's case.
    const register = (await w.server.storage.getRecord('registers', 'reg-ks'))!.data as unknown as Register;
    const text = decisionText({
      authorityName: register.authorityName,
      decidingBody: register.name,
      caseNumber: requestCase.caseNumber,
      decisionDate: '2026-02-05',
      requesterName: reviewed.requesterName,
      anonymous: false,
      receivedDate: reviewed.receivedDate,
      description: reviewed.description,
      decision: 'partial_release',
      items: [
        { label: `${docA.documentNumber} ${docA.title}`, review: 'release', grounds: [] },
        { label: `${docB.documentNumber} ${docB.title}`, review: 'release_masked', grounds: [GROUND] },
      ],
      legalGrounds: register.legalGrounds,
      decidedByName: 'Anna Lind',
    });
    const decisionPdf = await renderDecisionPdf(text, { creationDate: new Date(w.clock) });
    const decisionDoc = await w.newDocument('registrator', requestCase.id, { title: text.title }, w.requestNode.code, w.decisionType.id);
    await w.upload(registrar, decisionDoc.id, decisionPdf, 'beslut.pdf');
    expect(pdftotext(file('decision.pdf', decisionPdf))).toContain('kammarrätten');
    const decided = ok(withDecision(reviewed, decisionDoc.id));
    expect(decided.decision).toBe('partial_release');
    expect((await w.update(registrar, 'requests', decided)).rejected).toEqual([]);
    expect(await w.request(request.id)).toMatchObject({
      status: 'decided',
      decidedBy: w.ids.registrator,
      decisionDocumentId: decisionDoc.id,
    });

    // Delivery: one PDF of the original released in full and the masked copy, with its hash.
    const pkg = await buildPdfPackage(
      {
        title: 'Utlämnade handlingar',
        lines: [register.authorityName, `Diarienummer ${requestCase.caseNumber}`],
        contentsHeading: 'Innehåll',
      },
      [
        {
          label: `${docA.documentNumber} ${docA.title}`,
          note: 'i sin helhet',
          fileName: fileA.name,
          mediaType: 'application/pdf',
          bytes: await w.download(registrar, fileA.id),
        },
        {
          label: `${docB.documentNumber} ${docB.title}`,
          note: 'maskad kopia',
          fileName: copyFile.name,
          mediaType: 'application/pdf',
          bytes: await w.download(registrar, copyFile.id),
        },
      ],
      { creationDate: new Date(w.clock) },
    );
    const sha = await sha256Hex(pkg);
    const delivered = ok(withDelivery((await w.request(request.id))!, 'pdf', sha));
    expect((await w.update(registrar, 'requests', delivered)).rejected).toEqual([]);
    expect(await w.request(request.id)).toMatchObject({
      status: 'delivered',
      deliveredBy: w.ids.registrator,
      deliverySha256: sha,
      deliveryFormat: 'pdf',
    });

    // The package: valid, the released text there, neither masked string; the original untouched.
    const pkgPath = file('package.pdf', pkg);
    expect(run('qpdf', ['--check', pkgPath]).status).toBe(0);
    const pkgText = pdftotext(pkgPath);
    expect(pkgText).toContain('Skolskjuts beviljas');
    expect(pkgText).toContain('ansoker');
    expect(pkgText).not.toContain(NAME);
    expect(pkgText).not.toContain(PNR);
    expect(pdftotext(file('original.pdf', await w.download(registrar, fileB.id)))).toContain(`${NAME} ${PNR}`);

    // The actor register: decision and delivery on the request's case, with what left and its hash.
    const entries = (await w.audit()).filter((a) => a.caseId === requestCase.id);
    const decision = entries.find((a) => a.action === 'request_decision')!;
    expect(decision).toMatchObject({ recordCollection: 'cases', recordId: requestCase.id, actorId: w.ids.registrator });
    expect(decision.changes).toContainEqual({ field: 'decisionDocument', from: '', to: decisionDoc.documentNumber });
    const delivery = entries.find((a) => a.action === 'request_delivery')!;
    expect(delivery.changes).toEqual([
      { field: 'requestId', from: '', to: request.id },
      { field: 'deliveryFormat', from: '', to: 'pdf' },
      { field: 'deliverySha256', from: '', to: sha },
      { field: 'delivered1', from: '', to: docA.documentNumber },
      { field: 'delivered2', from: '', to: `${docB.documentNumber} (maskad kopia ${(await w.document(copy.id))!.documentNumber})` },
    ]);
    // The responsible officer of the request's case reads those entries; every reader of the register the request.
    const pulledAudit = (await w.pull(registrar, 'audit')).documents.filter((a) => a.caseId === requestCase.id).map((a) => a.action);
    expect(pulledAudit).toEqual(expect.arrayContaining(['request_decision', 'request_delivery']));
    expect((await w.pull(w.client('lasare'), 'requests')).documents.map((d) => d.id)).toContain(request.id);
    expect((await w.pull(w.client('sn.registrator'), 'requests')).documents.map((d) => d.id)).not.toContain(request.id);
  });
});

describe('lying clients: every rule refused, nothing stored', () => {
  let requestCase: Case;
  let content: Case;
  let docA: Document;
  let docB: Document;
  let copyOfB: Document;
  let snDoc: Document;

  beforeAll(async () => {
    requestCase = await w.newRequestCase('registrator');
    content = await w.newCase('registrator');
    docA = await w.newDocument('registrator', content.id);
    docB = await w.newDocument('registrator', content.id, { title: 'Skrivelse' });
    copyOfB = await w.newDocument('registrator', content.id, { title: 'Maskad kopia av Skrivelse', maskedCopyOf: docB.id });
    const snUser = w.ids['sn.registrator']!;
    const snClasses = (await w.pull(w.client('sn.registrator'), 'classes')).documents.filter(
      (c) => c.registerId === 'reg-sn' && c.selectable && (c.registrationGroupIds as string[]).length === 0,
    );
    const snTypes = (await w.pull(w.client('sn.registrator'), 'doctypes')).documents.filter((t) => t.registerId === 'reg-sn');
    const snClass = snClasses.find((c) =>
      snTypes.some((t) => (t.classCodes as string[]).some((code) => c.code === code || String(c.code).startsWith(`${code}.`))),
    )!;
    const snType = snTypes.find((t) =>
      (t.classCodes as string[]).some((code) => snClass.code === code || String(snClass.code).startsWith(`${code}.`)),
    )!;
    const sn = buildDocument(
      {
        registerId: 'reg-sn',
        caseId: '',
        direction: 'created',
        title: 'Annat diarium',
        documentTypeId: String(snType.id),
        classCode: String(snClass.code),
        createdDate: '2026-02-01',
      },
      snUser,
      { nowMs: w.clock, id: randomUUID() },
    );
    expect((await w.push(w.client('sn.registrator'), 'documents', sn)).rejected).toEqual([]);
    snDoc = (await w.document(sn.id))!;
  });

  async function expectRefused(
    client: string,
    next: InformationRequest,
    code: string,
    fields: string[] | undefined = undefined,
  ): Promise<void> {
    const before = await w.request(next.id);
    const auditBefore = (await w.audit()).length;
    const res = before ? await w.update(w.client(client), 'requests', next) : await w.push(w.client(client), 'requests', next);
    expect(res.rejected, JSON.stringify(res.rejected)).toHaveLength(1);
    expect(res.rejected[0]!.code).toBe(code);
    if (fields) expect(res.rejected[0]!.fields).toEqual(fields);
    expect(await w.request(next.id)).toEqual(before);
    expect((await w.audit()).length).toBe(auditBefore);
  }

  const targets = () => [
    { collection: 'documents' as const, id: docA.id },
    { collection: 'documents' as const, id: docB.id },
  ];

  it('registration: who may, in which register, about which records', async () => {
    await expectRefused('lasare', w.buildRequest('lasare', requestCase.id, targets()), 'forbidden');
    await expectRefused(
      'sn.registrator',
      w.buildRequest('sn.registrator', requestCase.id, targets(), { registerId: 'reg-ks' }),
      'not_member',
    );
    // A case officer handles only requests they are responsible for.
    await expectRefused(
      'handlaggare',
      w.buildRequest('handlaggare', requestCase.id, targets(), { responsibleUserId: w.ids.registrator! }),
      'forbidden',
    );
    await expectRefused('registrator', w.buildRequest('registrator', 'no-such-case', targets()), 'unknown_reference', ['caseId']);
    await expectRefused(
      'registrator',
      w.buildRequest('registrator', requestCase.id, [{ collection: 'documents', id: snDoc.id }]),
      'unknown_reference',
      ['items'],
    );
    await expectRefused(
      'registrator',
      w.buildRequest('registrator', requestCase.id, [{ collection: 'cases', id: docA.id }]),
      'unknown_reference',
      ['items'],
    );
    await expectRefused(
      'registrator',
      w.buildRequest('registrator', requestCase.id, targets(), { responsibleUserId: w.ids['sn.registrator']! }),
      'unknown_reference',
      ['responsibleUserId'],
    );
  });

  it('registration: no later status, no forged authorship, no reviews yet, schema enforced', async () => {
    const r = () => w.buildRequest('registrator', requestCase.id, targets());
    await expectRefused('registrator', { ...r(), status: 'decided' }, 'invalid_status_transition', ['status']);
    await expectRefused('registrator', { ...r(), decidedBy: w.ids.kvalitet! }, 'forbidden', ['decidedBy']);
    await expectRefused('registrator', { ...r(), createdBy: w.ids.kvalitet! }, 'forbidden', ['createdBy']);
    const base = r();
    await expectRefused('registrator', { ...base, items: [{ ...base.items[0]!, review: 'release' }] }, 'invalid_status_transition', [
      'items',
    ]);
    await expectRefused('registrator', { ...r(), anonymous: true }, 'invalid_schema', ['requesterName']);
    await expectRefused('registrator', { ...r(), deliveryMethod: 'fax' } as unknown as InformationRequest, 'invalid_schema', [
      'deliveryMethod',
    ]);
    await expectRefused('registrator', { ...r(), dueDate: '2026-01-01' }, 'invalid_schema', ['dueDate']);
  });

  it('review, decision and delivery rules', async () => {
    const registrar = w.client('registrator');
    const request = w.buildRequest('registrator', requestCase.id, targets());
    expect((await w.push(registrar, 'requests', request)).rejected).toEqual([]);
    const r0 = (await w.request(request.id))!;
    const [a, b] = r0.items as [InformationRequest['items'][0], InformationRequest['items'][0]];
    const reviewing = (items: InformationRequest['items']) => ({ ...r0, status: 'in_review' as const, items });

    await expectRefused('registrator', { ...r0, items: [{ ...a, review: 'release' }, b] }, 'invalid_status_transition', ['items']);
    await expectRefused('registrator', reviewing([{ ...a, review: 'refuse' }, b]), 'missing_mandatory_fields', ['grounds']);
    await expectRefused('registrator', reviewing([{ ...a, review: 'refuse', grounds: ['OSL 99 kap. 1 §'] }, b]), 'invalid_legal_ground', [
      'grounds',
    ]);
    await expectRefused('registrator', reviewing([{ ...a, review: 'release', reviewedBy: w.ids.kvalitet! }, b]), 'forbidden', ['items']);
    await expectRefused(
      'registrator',
      reviewing([a, { ...b, review: 'release_masked', grounds: [GROUND], maskedDocumentId: docA.id }]),
      'unknown_reference',
      ['maskedDocumentId'],
    );
    await expectRefused('registrator', reviewing([{ ...a, targetId: docB.id }, b]), 'forbidden', ['items']);
    await expectRefused('registrator', { ...r0, caseId: content.id }, 'forbidden', ['caseId']);
    await expectRefused('registrator', { ...r0, status: 'decided', decision: 'release' }, 'invalid_status_transition', ['status']);
    await expectRefused('lasare', reviewing([{ ...a, review: 'release' }, b]), 'forbidden');

    // Honest reviews: A refused, B masked with its registered copy.
    expect(
      (
        await w.update(
          registrar,
          'requests',
          reviewing([
            { ...a, review: 'refuse', grounds: [GROUND] },
            { ...b, review: 'release_masked', grounds: [GROUND], maskedDocumentId: copyOfB.id },
          ]),
        )
      ).rejected,
    ).toEqual([]);
    const r1 = (await w.request(request.id))!;
    const decisionDoc = await w.newDocument('registrator', requestCase.id, { title: 'Beslut' }, w.requestNode.code, w.decisionType.id);
    await expectRefused(
      'registrator',
      { ...r1, status: 'decided', decision: 'release', decisionDocumentId: decisionDoc.id },
      'invalid_schema',
      ['decision'],
    );
    await expectRefused('registrator', { ...r1, status: 'decided', decision: 'partial_release' }, 'missing_mandatory_fields', [
      'decisionDocumentId',
    ]);
    await expectRefused(
      'registrator',
      { ...r1, status: 'decided', decision: 'partial_release', decisionDocumentId: docA.id },
      'unknown_reference',
      ['decisionDocumentId'],
    );
    await expectRefused(
      'registrator',
      { ...r1, status: 'decided', decision: 'partial_release', decisionDocumentId: decisionDoc.id, description: 'Ändrad' },
      'forbidden',
      ['description'],
    );
    await expectRefused(
      'registrator',
      { ...r1, status: 'delivered', deliveryFormat: 'pdf', deliverySha256: 'ab'.repeat(32) },
      'invalid_status_transition',
      ['status'],
    );

    expect(
      (await w.update(registrar, 'requests', { ...r1, status: 'decided', decision: 'partial_release', decisionDocumentId: decisionDoc.id }))
        .rejected,
    ).toEqual([]);
    const r2 = (await w.request(request.id))!;
    await expectRefused('registrator', { ...r2, status: 'withdrawn' }, 'invalid_status_transition', ['status']);
    await expectRefused('registrator', { ...r2, status: 'delivered', deliveryFormat: 'pdf' }, 'missing_mandatory_fields', [
      'deliverySha256',
    ]);
    await expectRefused(
      'registrator',
      { ...r2, status: 'delivered', deliveryFormat: 'tar', deliverySha256: 'ab'.repeat(32) } as unknown as InformationRequest,
      'invalid_schema',
      ['deliveryFormat'],
    );
    // A forged deliverer is refused; a forged time is replaced by the server's own stamp.
    await expectRefused(
      'registrator',
      { ...r2, status: 'delivered', deliveryFormat: 'pdf', deliverySha256: 'ab'.repeat(32), deliveredBy: w.ids.kvalitet! },
      'forbidden',
      ['deliveredBy'],
    );
    expect(
      (
        await w.update(registrar, 'requests', {
          ...r2,
          status: 'delivered',
          deliveryFormat: 'pdf',
          deliverySha256: 'ab'.repeat(32),
          deliveredAt: '2020-01-01T00:00:00.000Z',
        })
      ).rejected,
    ).toEqual([]);
    expect(await w.request(request.id)).toMatchObject({
      status: 'delivered',
      deliveredBy: w.ids.registrator,
      deliveredAt: new Date(w.clock).toISOString(),
    });
  });

  it('a refusal in full ends at decided: nothing can be delivered', async () => {
    const registrar = w.client('registrator');
    const request = w.buildRequest('registrator', requestCase.id, [{ collection: 'documents', id: docA.id }]);
    expect((await w.push(registrar, 'requests', request)).rejected).toEqual([]);
    const r0 = (await w.request(request.id))!;
    expect(
      (
        await w.update(registrar, 'requests', {
          ...r0,
          status: 'in_review',
          items: [{ ...r0.items[0]!, review: 'refuse', grounds: [GROUND] }],
        })
      ).rejected,
    ).toEqual([]);
    const decisionDoc = await w.newDocument(
      'registrator',
      requestCase.id,
      { title: 'Beslut om avslag' },
      w.requestNode.code,
      w.decisionType.id,
    );
    expect(
      (
        await w.update(registrar, 'requests', {
          ...(await w.request(request.id))!,
          status: 'decided',
          decision: 'refusal',
          decisionDocumentId: decisionDoc.id,
        })
      ).rejected,
    ).toEqual([]);
    const r2 = (await w.request(request.id))!;
    await expectRefused(
      'registrator',
      { ...r2, status: 'delivered', deliveryFormat: 'zip', deliverySha256: 'ab'.repeat(32) },
      'final_status',
      ['status'],
    );
    expect((await w.audit()).filter((a) => a.action === 'request_decision' && a.changes.some((c) => c.to === request.id))).toHaveLength(1);
  });

  it('releasing a restricted record in full needs named access and a fresh second factor', async () => {
    const fresh = await w.freshSession('handlaggare');
    const secretCase = await w.newCase('handlaggare', { restrictionKind: 'secrecy', legalGround: 'OSL 26 kap. 1 §' });
    const secretDoc = await w.newDocument('handlaggare', secretCase.id, { title: 'Utredning' });
    const request = w.buildRequest('registrator', requestCase.id, [{ collection: 'documents', id: secretDoc.id }], {
      responsibleUserId: w.ids.handlaggare!,
    });
    expect((await w.push(w.client('registrator'), 'requests', request)).rejected).toEqual([]);
    const r0 = (await w.request(request.id))!;
    const release = { ...r0, status: 'in_review' as const, items: [{ ...r0.items[0]!, review: 'release' as const }] };
    await expectRefused('registrator', release, 'restricted', ['items']);
    await expectRefused('handlaggare', release, 'restricted', ['items']);
    expect((await w.update(fresh, 'requests', release)).rejected).toEqual([]);
    expect((await w.request(request.id))!.items[0]).toMatchObject({ review: 'release', reviewedBy: w.ids.handlaggare });
  });

  it('a request handled in a restricted case reaches only those who may read that case; others cannot file or edit one there', async () => {
    const fresh = w.clients.get('handlaggare+2fa') ?? (await w.freshSession('handlaggare'));
    const secretCase = await w.newRequestCase('handlaggare', { restrictionKind: 'secrecy', legalGround: 'OSL 26 kap. 1 §' });
    const ids = async (client: string | typeof fresh) =>
      (await w.pull(typeof client === 'string' ? w.client(client) : client, 'requests')).documents.map((d) => d.id);

    await expectRefused('registrator', w.buildRequest('registrator', secretCase.id, targets()), 'unknown_reference', ['caseId']);
    const request = w.buildRequest('handlaggare', secretCase.id, targets());
    expect((await w.push(fresh, 'requests', request)).rejected).toEqual([]);
    expect(await ids(fresh)).toContain(request.id);
    for (const other of ['registrator', 'lasare', 'kvalitet']) expect(await ids(other)).not.toContain(request.id);
    const stored = (await w.request(request.id))!;
    await expectRefused('registrator', { ...stored, requesterName: 'Någon annan' }, 'not_found');
  });

  it('restricting the case later takes its requests back from those who may no longer read them', async () => {
    const fresh = w.clients.get('handlaggare+2fa') ?? (await w.freshSession('handlaggare'));
    const requestCase = await w.newRequestCase('handlaggare');
    const request = w.buildRequest('registrator', requestCase.id, targets());
    expect((await w.push(w.client('registrator'), 'requests', request)).rejected).toEqual([]);
    const before = await w.pull(w.client('lasare'), 'requests');
    expect(before.documents.map((d) => d.id)).toContain(request.id);

    const stored = (await w.server.storage.getRecord('cases', requestCase.id))!.data;
    const restricted = { ...stored, restrictionKind: 'secrecy', legalGround: 'OSL 26 kap. 1 §' };
    expect((await w.push(fresh, 'cases', restricted, stored)).rejected).toEqual([]);

    const after = await w.pull(w.client('lasare'), 'requests', before.checkpoint);
    const gone = after.documents.find((d) => d.id === request.id);
    expect(gone).toMatchObject({ _deleted: true, requesterName: '', description: '' });
    expect(JSON.stringify(after.documents)).not.toContain('Journalist Jonsson');
    expect((await w.pull(fresh, 'requests', before.checkpoint)).documents.find((d) => d.id === request.id)).toMatchObject({
      _deleted: false,
      requesterName: 'Journalist Jonsson',
    });
  });
});
