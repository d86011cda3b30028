import { parseNumber, type CollectionName } from '../../../shared/src';
import { hashPassword } from '../auth/auth.service';
import type { Storage } from '../storage/storage';
import { buildDemoData, type DemoData } from './demo-data';
import { swedishDateCache } from './dates';
import { demoMailFiles, storeDemoFiles, writeDemoMail, writeDemoRoomTexts } from './seed-files';

type Seedable = Record<string, unknown> & { id: string; registerId: string };

/**
 * Loads records into an empty store in one transaction and raises the number-series counters
 * past the imported numbers, so numbering continues gap-free after them.
 */
export async function importRecords(
  storage: Storage,
  batches: Iterable<{ collection: CollectionName; records: readonly Seedable[] }>,
): Promise<number> {
  let count = 0;
  await storage.transaction(async (tx) => {
    for (const { collection, records } of batches) {
      for (const rec of records) {
        await tx.putRecord(collection, rec);
        count++;
        const number =
          collection === 'cases' ? rec.caseNumber : collection === 'documents' && rec.caseId === '' ? rec.documentNumber : null;
        const parsed = typeof number === 'string' ? parseNumber(number) : null;
        if (parsed) await tx.raiseCounter(rec.registerId, collection === 'cases' ? 'case' : 'free', parsed.year, parsed.serial);
      }
    }
  });
  return count;
}

/**
 * Loads the demo register. With `dataDir` (the server's own start) also its files: the PDFs as
 * blobs with their file records, the notice texts in their rooms and the e-mail to drop in
 * `<dataDir>/demo-mail/`; tools that need only the records leave it out.
 */
export async function seedDemo(
  storage: Storage,
  nowMs: number,
  data: DemoData = buildDemoData({ seed: 1, nowMs }),
  dataDir?: string,
): Promise<void> {
  const files = dataDir ? await storeDemoFiles(dataDir, data) : [];
  const batches: { collection: CollectionName; records: readonly Seedable[] }[] = [
    { collection: 'registers', records: data.registers },
    { collection: 'classes', records: data.classes },
    { collection: 'doctypes', records: data.doctypes },
    { collection: 'groups', records: data.groups },
    { collection: 'users', records: data.users.map((u) => u.user) },
    { collection: 'parties', records: data.parties },
    { collection: 'cases', records: data.cases },
    { collection: 'documents', records: data.documents },
    { collection: 'meetings', records: data.meetings },
    { collection: 'files', records: files },
    { collection: 'requests', records: data.requests },
    { collection: 'flows', records: data.flows },
  ];
  await importRecords(storage, batches);
  if (dataDir) {
    await writeDemoRoomTexts(dataDir, data);
    writeDemoMail(dataDir, await demoMailFiles(data, nowMs, swedishDateCache()));
  }
  for (const { user, password } of data.users) {
    await storage.setCredentials({ userId: user.id, username: user.username, passwordHash: await hashPassword(password) });
  }
}
