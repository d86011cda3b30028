import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, Document, FileRecord } from '../../../shared/src';
import { PUBLICATION_API } from '../../../shared/src';
import { Attacker, edit, GROUND } from '../adversarial/attacks';
import type { Process } from '../fixtures';
import { startTestServer, type TestServer } from '../harness';
import { anonymous, call, documentPath, processOf, registeredWithFile, token } from './world';

/*
 * Web publication of a governing document against a real server: the publisher sees what goes
 * out, publishes, the public downloads the file from /postlista without a session, the act is in
 * the actor register; a file that becomes restricted is no longer served; withdrawing takes it
 * down; a register kept off the public list never shows (every byte of the pages scanned).
 */

let server: TestServer;
let registrar: Attacker;
let snRegistrar: Attacker;
let tok: string;
let ks: Process;
let policy: { doc: Document; file: FileRecord; pdf: Buffer };
let guideline: { doc: Document; file: FileRecord; pdf: Buffer };
let social: Document;
const SOCIAL_MARK = 'zqsocialtjanst';

beforeAll(async () => {
  server = await startTestServer();
  registrar = await Attacker.as(server.url, 'registrator');
  snRegistrar = await Attacker.as(server.url, 'sn.registrator');
  tok = await token(server, 'registrator');
  ks = await processOf(registrar, 'reg-ks');
  policy = await registeredWithFile(
    server,
    registrar,
    'usr-registrator',
    ks,
    'Riktlinjer för representation zqpolicy',
    'Riktlinjer för representation, antagna av kommunstyrelsen 2026-11-30 § 142',
  );
  guideline = await registeredWithFile(
    server,
    registrar,
    'usr-registrator',
    ks,
    'Policy för informationssäkerhet zqsakerhet',
    'Policy för informationssäkerhet',
    'policy.pdf',
  );
  const sn = await processOf(snRegistrar, 'reg-sn');
  social = (
    await registeredWithFile(
      server,
      snRegistrar,
      'usr-sn-registrator',
      sn,
      `Riktlinjer för ekonomiskt bistånd ${SOCIAL_MARK}`,
      'Riktlinjer',
    )
  ).doc;
});

afterAll(async () => {
  registrar?.close();
  snRegistrar?.close();
  await server?.stop();
});

const publishedIds = async (query = 'publicerade=1&antal=100') => {
  const r = await anonymous(server, `/postlista.json?${query}`);
  expect(r.status).toBe(200);
  return (JSON.parse(r.bytes.toString('utf8')) as { entries: { id: string; files: { id: string }[] }[] }).entries;
};

describe('publishing a governing document on the web', () => {
  it('shows the publisher exactly what goes out first; nothing is public before the act', async () => {
    const [status, view] = await call(server, tok, 'GET', documentPath(policy.doc.id));
    expect(status).toBe(200);
    expect(view).toMatchObject({
      documentId: policy.doc.id,
      documentNumber: policy.doc.documentNumber,
      entry: { verdict: 'pass', output: { title: 'Riktlinjer för representation zqpolicy', documentNumber: policy.doc.documentNumber } },
      files: [{ id: policy.file.id, name: 'riktlinjer.pdf', decision: { verdict: 'pass' } }],
      refusal: null,
      publication: null,
    });
    expect((await publishedIds()).map((e) => e.id)).not.toContain(policy.doc.id);
    expect((await anonymous(server, `/postlista/fil/${policy.file.id}`)).status).toBe(404);
  });

  it('publishes: listed under Publicerade handlingar with its file, downloadable without a session, recorded in the actor register', async () => {
    const [status, view] = await call(server, tok, 'POST', documentPath(policy.doc.id, 'publish'));
    expect(status).toBe(200);
    expect(view.publication).toMatchObject({ publishedByName: 'Anna Lind' });
    const entry = (await publishedIds()).find((e) => e.id === policy.doc.id);
    expect(entry?.files.map((f) => f.id)).toEqual([policy.file.id]);
    const html = await anonymous(server, '/postlista?publicerade=1&ord=zqpolicy');
    expect(html.bytes.toString('utf8')).toContain(`href="/postlista/fil/${policy.file.id}"`);
    const file = await anonymous(server, `/postlista/fil/${policy.file.id}`);
    expect(file.status).toBe(200);
    expect(file.bytes.equals(policy.pdf)).toBe(true);
    const audit = (await server.storage.listWhere('audit', 'recordId', policy.doc.id)).map((r) => r.data as unknown as AuditEntry);
    expect(audit.filter((a) => a.changes.some((c) => c.field === 'publication'))).toMatchObject([
      {
        action: 'status_change',
        actorId: 'usr-registrator',
        label: policy.doc.documentNumber,
        changes: [{ field: 'publication', from: '', to: 'published' }],
      },
    ]);
    // Publishing twice is refused, and the publication stays as it was.
    expect(await call(server, tok, 'POST', documentPath(policy.doc.id, 'publish'))).toEqual([409, { error: 'already_published' }]);
  });

  it('a published file that becomes restricted is no longer served, nor listed; the publisher sees why', async () => {
    expect((await call(server, tok, 'POST', documentPath(guideline.doc.id, 'publish')))[0]).toBe(200);
    expect((await anonymous(server, `/postlista/fil/${guideline.file.id}`)).status).toBe(200);
    const res = await edit(server, registrar, 'documents', guideline.doc.id, { restrictionKind: 'secrecy', legalGround: GROUND });
    expect(res.rejected).toEqual([]);
    const after = await anonymous(server, `/postlista/fil/${guideline.file.id}`);
    expect(after.status).toBe(404);
    expect(after.bytes.includes(guideline.pdf.subarray(0, 200))).toBe(false);
    expect((await publishedIds()).map((e) => e.id)).not.toContain(guideline.doc.id);
    const [, view] = await call(server, tok, 'GET', documentPath(guideline.doc.id));
    expect(view).toMatchObject({
      refusal: 'publication_blocked',
      entry: { verdict: 'block', reasons: [{ kind: 'restricted', restrictionKind: 'secrecy', legalGround: GROUND }] },
      publication: { publishedByName: 'Anna Lind' },
    });
  });

  it('lists what is published in the registers the publisher reads, with whether it shows now; not in other registers', async () => {
    const [status, list] = await call(server, tok, 'GET', PUBLICATION_API.documents);
    expect(status).toBe(200);
    const mine = (list as unknown as Record<string, unknown>[]).filter((p) =>
      [policy.doc.id, guideline.doc.id].includes(String(p.documentId)),
    );
    expect(mine).toEqual([
      expect.objectContaining({ documentId: guideline.doc.id, title: '', shown: false, publishedByName: 'Anna Lind' }),
      expect.objectContaining({
        documentId: policy.doc.id,
        documentNumber: policy.doc.documentNumber,
        title: 'Riktlinjer för representation zqpolicy',
        shown: true,
      }),
    ]);
    const [, other] = await call(server, await token(server, 'sn.registrator'), 'GET', PUBLICATION_API.documents);
    expect(JSON.stringify(other)).not.toContain(policy.doc.id);
    expect(await call(server, await token(server, 'handlaggare'), 'GET', PUBLICATION_API.documents)).toEqual([403, { error: 'forbidden' }]);
  });

  it('withdrawing takes the document and its file down at once, and is recorded', async () => {
    const [status, view] = await call(server, tok, 'POST', documentPath(policy.doc.id, 'withdraw'));
    expect(status).toBe(200);
    expect(view).toMatchObject({ publication: null, refusal: null });
    expect((await anonymous(server, `/postlista/fil/${policy.file.id}`)).status).toBe(404);
    expect((await publishedIds()).map((e) => e.id)).not.toContain(policy.doc.id);
    const audit = (await server.storage.listWhere('audit', 'recordId', policy.doc.id))
      .map((r) => r.data as unknown as AuditEntry)
      .sort((a, b) => a.position - b.position);
    expect(audit.flatMap((a) => a.changes.filter((c) => c.field === 'publication').map((c) => c.to))).toEqual(['published', 'withdrawn']);
    expect(await call(server, tok, 'POST', documentPath(policy.doc.id, 'withdraw'))).toEqual([409, { error: 'not_published' }]);
  });
});

describe('the public list never shows a page kept from before a write', () => {
  it('a withdrawal committed in the store by any path (here not through the route, nor the change feed) shows at once', async () => {
    expect((await call(server, tok, 'POST', documentPath(policy.doc.id, 'publish')))[0]).toBe(200);
    // Read twice: the page is kept for readers.
    for (let i = 0; i < 2; i++) expect((await publishedIds()).map((e) => e.id)).toContain(policy.doc.id);
    const live = await server.storage.publications.live(policy.doc.id);
    await server.storage.transaction((tx) =>
      tx.publications.withdraw(live!.id, { id: 'usr-registrator', name: 'Anna Lind' }, '2026-12-07T19:00:00Z'),
    );
    expect((await publishedIds()).map((e) => e.id)).not.toContain(policy.doc.id);
    const html = (await anonymous(server, '/postlista?publicerade=1&antal=100')).bytes.toString('utf8');
    expect(html).not.toContain(policy.file.id);
  });
});

describe('a register kept off the public list', () => {
  it('the administrator keeps the social services’ register off: its documents never appear, nor can they be published', async () => {
    const admin = await token(server, 'admin');
    const day = social.registeredDate;
    const before = await anonymous(server, `/postlista.json?ord=${SOCIAL_MARK}`);
    expect(before.bytes.toString('utf8')).toContain(social.id);

    expect(await call(server, admin, 'PUT', `${PUBLICATION_API.registerPrefix}reg-sn`, { listed: false })).toEqual([
      200,
      { registerId: 'reg-sn', name: expect.any(String), listed: false },
    ]);
    const [, registers] = await call(server, admin, 'GET', PUBLICATION_API.registers);
    expect(registers).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ registerId: 'reg-sn', listed: false }),
        expect.objectContaining({ registerId: 'reg-ks', listed: true }),
      ]),
    );

    // Every page of the day, the word search (the form echoes the word, never the title), the number search and the published filter, HTML and JSON: not a byte of it.
    const paths = [
      `/postlista?ord=${SOCIAL_MARK}`,
      `/postlista.json?ord=${SOCIAL_MARK}`,
      `/postlista.json?nummer=${encodeURIComponent(social.documentNumber)}`,
    ];
    for (const json of [false, true])
      for (let next: string | null = `/postlista${json ? '.json' : ''}?datum=${day}&antal=100`; next !== null;) {
        paths.push(next);
        const r = await anonymous(server, next);
        const body = r.bytes.toString('utf8');
        const link = json ? (JSON.parse(body) as { next: string | null }).next : (/<a href="([^"]+)" rel="next">/.exec(body)?.[1] ?? null);
        next = link === null ? null : json ? `/postlista.json?datum=${day}&antal=100&efter=${link}` : link.replaceAll('&amp;', '&');
        expect(paths.length).toBeLessThan(500);
      }
    paths.push('/postlista?publicerade=1&antal=100', '/postlista.json?publicerade=1&antal=100');
    for (const path of paths) {
      const r = await anonymous(server, path);
      expect(r.status, path).toBe(200);
      const bytes = r.bytes.toString('utf8');
      for (const secret of [social.id, social.title, social.documentNumber])
        expect(bytes.includes(secret), `${secret} in ${path}`).toBe(false);
    }
    const sn = await token(server, 'sn.registrator');
    expect(await call(server, sn, 'POST', documentPath(social.id, 'publish'))).toEqual([409, { error: 'register_unlisted' }]);

    // Back on the list, it shows again.
    expect((await call(server, admin, 'PUT', `${PUBLICATION_API.registerPrefix}reg-sn`, { listed: true }))[0]).toBe(200);
    expect((await anonymous(server, `/postlista.json?ord=${SOCIAL_MARK}`)).bytes.toString('utf8')).toContain(social.id);
  });

  it('only administrators change the setting', async () => {
    expect(await call(server, tok, 'PUT', `${PUBLICATION_API.registerPrefix}reg-sn`, { listed: false })).toEqual([
      403,
      { error: 'forbidden' },
    ]);
    expect(await call(server, await token(server, 'admin'), 'PUT', `${PUBLICATION_API.registerPrefix}reg-sn`, { listed: 'no' })).toEqual([
      400,
      { error: 'bad_request' },
    ]);
  });
});
