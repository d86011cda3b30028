/**
 * The administrator's trust list for approval signatures, in Inställningar: the development test
 * CA is listed while the server runs with the development switch (as here); a CA certificate is
 * added and removed; a person's certificate is refused in Swedish.
 */
import { certificate, pem } from '../integration/signing/forge-pki';
import { expect, signInSynced, test } from './fixtures';

test("an administrator adds and removes a trusted CA; a person's certificate is refused", async ({ page }) => {
  await signInSynced(page, 'admin');
  await page.getByRole('link', { name: 'Inställningar' }).click();
  await expect(page.getByRole('heading', { name: 'Betrodda utfärdare av e-legitimationer' })).toBeVisible();
  const table = page.getByRole('table').filter({ hasText: 'Utfärdare' });
  await expect(table).toContainText('Testnyckel, endast i utvecklingsläge');

  const field = page.getByLabel('Utfärdarens certifikat (PEM)');
  await field.fill(pem(certificate('Anna Lind').cert));
  await page.getByRole('button', { name: 'Lägg till utfärdare' }).click();
  await expect(page.getByRole('alert')).toHaveText(
    'Certifikatet tillhör inte en utfärdare (CA). Lägg till utfärdarens certifikat, inte en persons.',
  );

  await field.fill(pem(certificate('Kommunens e-legitimations-CA', { ca: true }).cert));
  await page.getByRole('button', { name: 'Lägg till utfärdare' }).click();
  await expect(page.getByText('Utfärdaren har lagts till.')).toBeVisible();
  await expect(table).toContainText('CN=Kommunens e-legitimations-CA, O=Testkommunen, C=SE');

  await page.getByRole('button', { name: 'Ta bort CN=Kommunens e-legitimations-CA, O=Testkommunen, C=SE' }).click();
  await expect(page.getByText('Utfärdaren har tagits bort.')).toBeVisible();
  await expect(table).not.toContainText('Kommunens e-legitimations-CA');
});
