import { randomUUID } from 'node:crypto';
import { documentTypeAllows, type Case, type ClassNode, type Document, type DocumentType } from '../../shared/src';
import { buildCase, buildDocument } from '../../renderer/src/lib/records';

export interface Process {
  node: ClassNode;
  doctype: DocumentType;
}

/** Anything that can list a collection: a client replica or a raw pull. */
export interface Lister {
  find<T>(collection: 'classes' | 'doctypes'): Promise<T[]>;
}

/** A process of the register (open to all, or limited to a group) with a document type allowed there. */
export async function openProcess(source: Lister, registerId = 'reg-ks', limited = false): Promise<Process> {
  const nodes = await source.find<ClassNode>('classes');
  const types = await source.find<DocumentType>('doctypes');
  for (const node of nodes) {
    if (node.registerId !== registerId || !node.selectable) continue;
    if (node.registrationGroupIds.length > 0 !== limited) continue;
    const doctype = types.find((t) => t.registerId === registerId && documentTypeAllows(t, node.code));
    if (doctype) return { node, doctype };
  }
  throw new Error(`no ${limited ? 'limited' : 'open'} process with a document type in ${registerId}`);
}

export function newCase(userId: string, p: Process, title = 'Motion om fler cykelbanor', id = randomUUID()): Case {
  return buildCase({ registerId: p.node.registerId, title, classCode: p.node.code, responsibleUserId: userId }, userId, {
    nowMs: Date.now(),
    id,
  });
}

export function newIncoming(userId: string, p: Process, caseId: string, title = 'Skrivelse från Trafikverket'): Document {
  return buildDocument(
    {
      registerId: p.node.registerId,
      caseId,
      direction: 'incoming',
      title,
      documentTypeId: p.doctype.id,
      classCode: p.node.code,
      receivedDate: '2026-11-20',
      sender: 'Trafikverket',
    },
    userId,
    { nowMs: Date.now(), id: randomUUID() },
  );
}

/** A minimal, valid one-page PDF. */
export function tinyPdf(text = 'Hej'): Buffer {
  const content = `BT /F1 24 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
