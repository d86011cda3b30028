/**
 * No screen that misleads (issue 16): what the app shows is what is true, in Swedish words.
 */
import type { Page } from '@playwright/test';
import type { Case, Document } from '../../shared/src';
import { newCase, newIncoming, tinyPdf } from '../integration/fixtures';
import { expect, login, test } from './fixtures';
import { RawRegister } from './raw-register';

/** Registers, as the registrar over the raw protocol, a case with the given incoming documents. */
async function plant(url: string, titles: readonly string[]): Promise<{ kase: Case; docs: Document[] }> {
  const registrar = await RawRegister.as(url, 'registrator');
  try {
    const p = await registrar.openProcess();
    const kase = newCase(registrar.user.id, p, `Vägbelysning ${Date.now()}`);
    const docs = titles.map((title) => newIncoming(registrar.user.id, p, kase.id, title));
    await registrar.register(['cases', kase], ...docs.map((d) => ['documents', d] as const));
    return { kase, docs };
  } finally {
    registrar.close();
  }
}

async function signIn(page: Page, user: string): Promise<void> {
  await page.goto('/');
  await login(page, user);
  await expect(page.getByRole('status', { name: 'Synkronisering' })).toContainText('Ansluten');
}

test('each upload shows its true state on its own document; a damaged PDF is refused with the reason', async ({ page, server }) => {
  const { docs } = await plant(server.url, ['Skrivelse med trasig bilaga', 'Annan skrivelse']);
  const [withFiles, other] = docs as [Document, Document];
  await signIn(page, 'registrator');
  await page.goto(`/#/handling/${withFiles.id}`);
  const files = page.getByRole('region', { name: 'Släpp filer här' });
  await expect(files).toBeVisible();

  const damaged = Buffer.concat([Buffer.from('%PDF-1.7\n', 'latin1'), Buffer.alloc(4096, 0x5a)]);
  await page.getByLabel('Välj fil').setInputFiles([
    { name: 'trasig.pdf', mimeType: 'application/pdf', buffer: damaged },
    { name: 'hel.pdf', mimeType: 'application/pdf', buffer: tinyPdf('Hel bilaga') },
  ]);
  await expect(page.getByRole('button', { name: 'Öppna hel.pdf' })).toBeVisible();
  const refused = page.getByRole('row', { name: /trasig\.pdf/ });
  await expect(refused).toHaveCount(1);
  await expect(refused).toContainText('Inte uppladdad. PDF-filen är skadad och kan inte läsas');
  // Nothing on screen says otherwise, and no banner on top repeats it.
  await expect(page.getByText(/är uppladdad/)).toHaveCount(0);
  await expect(page.getByText('Servern sparade inte en ändring')).toHaveCount(0);

  // Another document knows nothing of it.
  await page.goto(`/#/handling/${other.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Annan skrivelse');
  await expect(page.getByText('trasig.pdf')).toHaveCount(0);
  await expect(page.getByRole('alert')).toHaveCount(0);

  // Back on its own document the refusal waits until dismissed, once.
  await page.goto(`/#/handling/${withFiles.id}`);
  await expect(refused).toHaveCount(1);
  await refused.getByRole('button', { name: 'Stäng meddelandet om trasig.pdf' }).click();
  await expect(page.getByText('trasig.pdf')).toHaveCount(0);
});
