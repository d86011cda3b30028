/**
 * Signatures are shown in the register: a PDF signed with the product's signer (PAdES B-B) is
 * verified in the browser by the same verifier the server and `npm run verify-pdf` use.
 */
import type { Document } from '../../shared/src';
import { pkcs12KeySource, signPdf } from '../../shared/src/signing';
import { newCase, newIncoming } from '../integration/fixtures';
import { protocolPdf } from '../integration/signing/test-pdfs';
import { createTestPki } from '../integration/signing/test-pki';
import { expect, signInSynced, test } from './fixtures';
import { RawRegister } from './raw-register';

test('a signed PDF shows its signer and that the signature is valid', async ({ page, server }) => {
  const registrar = await RawRegister.as(server.url, 'registrator');
  const p = await registrar.openProcess();
  const kase = newCase(registrar.user.id, p, 'Avtal om städtjänster');
  const doc: Document = newIncoming(registrar.user.id, p, kase.id, 'Undertecknat avtal');
  await registrar.register(['cases', kase], ['documents', doc]);
  const pki = createTestPki();
  const signed = await signPdf(await protocolPdf(false), pkcs12KeySource(pki.signer('Anna Lind', 'hemligt').p12, 'hemligt'), {
    signingTime: new Date(),
    reason: 'Avtalet godkänt',
    role: 'Registrator',
  });
  await registrar.upload(doc.id, 'avtal.pdf', signed);
  registrar.close();

  // The first download over: the document and its file are in the replica. Opened earlier, the
  // document was shown from the server's answer, and the check could not read a file the replica
  // did not hold yet ("unknown file", seen in CI).
  await signInSynced(page, 'registrator');
  await page.goto(`/#/handling/${doc.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Undertecknat avtal');
  await page.getByRole('button', { name: 'Kontrollera underskrifter' }).click();
  const list = page.getByRole('list', { name: 'Underskrifter i avtal.pdf' });
  await expect(list).toContainText('Giltig');
  await expect(list).toContainText('Anna Lind');
  await expect(list).toContainText('Avtalet godkänt');
  await expect(list).toContainText('Testkommunens CA');
});
