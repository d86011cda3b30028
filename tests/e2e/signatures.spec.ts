/**
 * Signatures are shown in the register: a PDF signed with the product's signer (PAdES B-B) is
 * verified in the browser by the same verifier the server and `npm run verify-pdf` use.
 */
import { API, type ClassNode, type Document, type DocumentType } from '../../shared/src';
import { pkcs12KeySource } from '../../electron/signing/pkcs12-key-source';
import { signPdf } from '../../electron/signing/sign-pdf';
import { newCase, newIncoming, openProcess } from '../integration/fixtures';
import { RawClient } from '../integration/harness';
import { protocolPdf } from '../integration/signing/test-pdfs';
import { createTestPki } from '../integration/signing/test-pki';
import { expect, login, test } from './fixtures';

test('a signed PDF shows its signer and that the signature is valid', async ({ page, server }) => {
  const registrar = await RawClient.as(server.url, 'registrator');
  const pull = async <T>(collection: string) => (await registrar.send<{ documents: T[] }>({ t: 'pull', collection, checkpoint: null, limit: 2000 })).documents;
  const p = await openProcess({ find: async <T>(c: 'classes' | 'doctypes') => (await pull<ClassNode | DocumentType>(c)) as T[] });
  const me = (await RawClient.token(server.url, 'registrator')).user;
  const kase = newCase(me.id, p, 'Avtal om städtjänster');
  const doc: Document = newIncoming(me.id, p, kase.id, 'Undertecknat avtal');
  for (const [collection, rec] of [['cases', kase], ['documents', doc]] as const) {
    expect((await registrar.send<{ rejected: unknown[] }>({ t: 'push', collection, rows: [{ newDocumentState: { ...rec, _deleted: false } }] })).rejected).toEqual([]);
  }
  const pki = createTestPki();
  const signed = await signPdf(await protocolPdf(false), pkcs12KeySource(pki.signer('Anna Lind', 'hemligt').p12, 'hemligt'), { signingTime: new Date(), reason: 'Avtalet godkänt', role: 'Registrator' });
  const up = await fetch(`${server.url}${API.files}?${new URLSearchParams({ documentId: doc.id, name: 'avtal.pdf' })}`, { method: 'POST', headers: { authorization: `Bearer ${registrar.token}` }, body: new Uint8Array(signed) });
  expect(up.status).toBe(201);
  registrar.close();

  await page.goto('/');
  await login(page, 'registrator');
  await expect(page.getByRole('status', { name: 'Synkronisering' })).toContainText('Ansluten');
  await page.goto(`/#/handling/${doc.id}`);
  await page.getByRole('button', { name: 'Kontrollera underskrifter' }).click();
  const list = page.getByRole('list', { name: 'Underskrifter i avtal.pdf' });
  await expect(list).toContainText('Giltig');
  await expect(list).toContainText('Anna Lind');
  await expect(list).toContainText('Avtalet godkänt');
  await expect(list).toContainText('Testkommunens CA');
});
