import { PDFDocument, StandardFonts } from 'pdf-lib';
import { expect } from 'vitest';
import type { ClassNode, Document, DocumentType, FileRecord } from '../../../shared/src';
import { PUBLICATION_API } from '../../../shared/src';
import { accepted, Attacker, newDocument, uploadFile } from '../adversarial/attacks';
import type { Process } from '../fixtures';
import { RawClient, type TestServer } from '../harness';

/** Helpers for the web-publication tests: registered documents with real PDFs, and the routes as raw HTTP. */

export async function pdfWith(text: string): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  pdf.addPage().drawText(text, { x: 50, y: 700, size: 12, font });
  return Buffer.from(await pdf.save());
}

export async function processOf(client: Attacker, registerId: string): Promise<Process> {
  const classes = (await client.pullAll('classes')) as unknown as ClassNode[];
  const doctypes = (await client.pullAll('doctypes')) as unknown as DocumentType[];
  const node = classes.find((c) => c.registerId === registerId && c.selectable && c.registrationGroupIds.length === 0)!;
  return { node, doctype: doctypes.find((t) => t.registerId === registerId && t.classCodes.some((c) => node.code.startsWith(c)))! };
}

/** A free-standing document registered by `client` with one PDF holding `text`; its file text extracted. */
export async function registeredWithFile(
  server: TestServer,
  client: Attacker,
  userId: string,
  process: Process,
  title: string,
  text: string,
  fileName = 'riktlinjer.pdf',
): Promise<{ doc: Document; file: FileRecord; pdf: Buffer }> {
  const doc = await accepted<Document>(
    server,
    client,
    'documents',
    newDocument(process, userId, '', { title, direction: 'created', sender: '', receivedDate: '', createdDate: '2026-11-30' }),
  );
  const pdf = await pdfWith(text);
  const res = await uploadFile(server, client.token, doc.id, fileName, pdf);
  expect(res.status).toBe(201);
  const file = (await res.json()) as FileRecord;
  await server.fileText.idle();
  return { doc, file, pdf };
}

export async function token(server: TestServer, username: string): Promise<string> {
  return (await RawClient.token(server.url, username)).token;
}

/** A publication route as raw HTTP: status and JSON body. */
export async function call(
  server: TestServer,
  tok: string,
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  body?: unknown,
): Promise<[number, Record<string, unknown>]> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${tok}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return [res.status, (await res.json()) as Record<string, unknown>];
}

export const documentPath = (id: string, act: 'publish' | 'withdraw' | null = null) =>
  `${PUBLICATION_API.documentPrefix}${id}${act === 'publish' ? PUBLICATION_API.publishSuffix : act === 'withdraw' ? PUBLICATION_API.withdrawSuffix : ''}`;

/** A public GET without a session: status and body bytes. */
export async function anonymous(server: TestServer, path: string): Promise<{ status: number; bytes: Buffer }> {
  const res = await fetch(`${server.url}${path}`);
  return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()) };
}
