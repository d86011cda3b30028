/**
 * The demo's e-mail to drop on the register: two .eml files (an application with two PDF
 * attachments; a reply naming a demo case's number in its subject) and one Outlook .msg, as a
 * registrar gets them. Pure: the attachments' bytes come in, the files' bytes go out.
 */
import type { DemoLetter } from './letter-pdf';
import { buildMsg } from './msg-writer';
import type { ShowcasePicks } from './showcase';

export interface DemoMailFile {
  name: string;
  mediaType: 'message/rfc822' | 'application/vnd.ms-outlook';
  bytes: Uint8Array;
}

export interface EmlSpec {
  from: { name: string; address: string };
  to: { name: string; address: string };
  subject: string;
  date: Date;
  messageId: string;
  inReplyTo?: string;
  text: string;
  attachments: { filename: string; bytes: Uint8Array }[];
}

const REGISTRY = { name: 'Exempelkommun', address: 'registrator@exempelkommun.example' } as const;

/** RFC 2047 encoded-word for a header value that is not plain ASCII. */
function headerWord(value: string): string {
  return /^[\x20-\x7e]*$/.test(value) ? value : `=?utf-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=`;
}

const mailbox = (m: { name: string; address: string }) => `${headerWord(m.name)} <${m.address}>`;
/** Base64 in lines of 76 characters (RFC 2045). */
const base64Lines = (bytes: Uint8Array) =>
  (
    Buffer.from(bytes)
      .toString('base64')
      .match(/.{1,76}/g) ?? []
  ).join('\r\n');

/** A MIME message: the text as UTF-8, each attachment as base64. */
export function emlMessage(spec: EmlSpec): Uint8Array {
  const boundary = `demo-${spec.messageId.replace(/[^A-Za-z0-9]/g, '')}`;
  const headers = [
    `From: ${mailbox(spec.from)}`,
    `To: ${mailbox(spec.to)}`,
    `Subject: ${headerWord(spec.subject)}`,
    `Date: ${spec.date.toUTCString()}`,
    `Message-ID: <${spec.messageId}>`,
    ...(spec.inReplyTo ? [`In-Reply-To: <${spec.inReplyTo}>`, `References: <${spec.inReplyTo}>`] : []),
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
  ];
  const parts = [
    `Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${base64Lines(new TextEncoder().encode(spec.text))}`,
    ...spec.attachments.map(
      (a) =>
        `Content-Type: application/pdf; name="${a.filename}"\r\nContent-Disposition: attachment; filename="${a.filename}"\r\n` +
        `Content-Transfer-Encoding: base64\r\n\r\n${base64Lines(a.bytes)}`,
    ),
  ];
  const text = `${headers.join('\r\n')}\r\n\r\n${parts.map((p) => `--${boundary}\r\n${p}\r\n`).join('')}--${boundary}--\r\n`;
  return new TextEncoder().encode(text);
}

/** The letters the demo mail attaches, made into PDFs by the caller. */
export interface DemoMailLetters {
  application: DemoLetter;
  budget: DemoLetter;
  streetLight: DemoLetter;
}

const ASSOCIATION = { name: 'Rosendals IF', address: 'kansli@rosendalsif.example', contact: 'Maria Ekström', phone: '070-174 06 77' };
const RESIDENT = { name: 'Kerstin Larsson', address: 'kerstin.larsson@post.example', street: 'Norrbyvägen 6', phone: '070-174 06 55' };

export function demoMailLetters(nowMs: number, date: (ms: number) => string): DemoMailLetters {
  const today = date(nowMs);
  const year = Number(today.slice(0, 4)) + 1;
  return {
    application: {
      title: `Ansökan om föreningsbidrag ${year}`,
      from: [ASSOCIATION.name, 'Idrottsvägen 1', '123 52 Exempelstad', `Kontaktperson: ${ASSOCIATION.contact}, ${ASSOCIATION.phone}`],
      to: ['Exempelkommun', 'Kommunstyrelsen'],
      placeAndDate: `Exempelstad ${today}`,
      reference: '',
      paragraphs: [
        `${ASSOCIATION.name} ansöker om föreningsbidrag för ${year} med 85 000 kronor till barn- och ungdomsverksamheten.`,
        'Föreningen har 312 medlemmar, varav 204 är under 20 år. Vi bedriver fotboll, friidrott och innebandy året runt i Rosendal och Åsen.',
        'Bidraget ska gå till ledarutbildning, material och hyra av Rosendalshallen. Budgeten bifogas.',
      ],
      closing: ['För styrelsen', ASSOCIATION.contact, 'Ordförande'],
      author: ASSOCIATION.name,
    },
    budget: {
      title: `Budget ${year} – ${ASSOCIATION.name}`,
      from: [ASSOCIATION.name],
      to: ['Bilaga till ansökan om föreningsbidrag'],
      placeAndDate: `Exempelstad ${today}`,
      reference: '',
      paragraphs: [
        'Intäkter: medlemsavgifter 93 600 kr, deltagaravgifter 120 000 kr, sponsorer 40 000 kr, sökt kommunalt bidrag 85 000 kr.',
        'Kostnader: hallhyra 142 000 kr, ledarutbildning 38 000 kr, material 61 000 kr, resor till tävlingar 57 600 kr, administration 40 000 kr.',
        'Resultat: 0 kr. Bankgiro för utbetalning: 5050-1055.',
      ],
      closing: [ASSOCIATION.contact, 'Kassör'],
      author: ASSOCIATION.name,
    },
    streetLight: {
      title: 'Karta över den trasiga belysningen',
      from: [RESIDENT.name, RESIDENT.street, '123 55 Norrby'],
      to: ['Exempelkommun'],
      placeAndDate: `Norrby ${today}`,
      reference: '',
      paragraphs: [
        `Lamporna längs gångvägen mellan ${RESIDENT.street} och busshållplatsen Norrby centrum är släckta, sammanlagt sex stolpar.`,
        'Sträckan är helt mörk efter klockan fyra på eftermiddagen, och barnen går där till skolan.',
      ],
      closing: [RESIDENT.name],
      author: RESIDENT.name,
    },
  };
}

/** The three files, with the letters' PDFs attached (the reply only where the showcase has its case). */
export function buildDemoMail(
  picks: Pick<ShowcasePicks, 'proposalCase' | 'confirmation' | 'proposer'> | null,
  pdfs: { application: Uint8Array; budget: Uint8Array; streetLight: Uint8Array },
  nowMs: number,
): DemoMailFile[] {
  const application = emlMessage({
    from: ASSOCIATION,
    to: REGISTRY,
    subject: `Ansökan om föreningsbidrag – ${ASSOCIATION.name}`,
    date: new Date(nowMs - 3 * 3_600_000),
    messageId: 'ansokan-foreningsbidrag@rosendalsif.example',
    text: `Hej!\n\nHär kommer vår ansökan om föreningsbidrag med budget.\n\nHälsningar\n${ASSOCIATION.contact}\n${ASSOCIATION.name}\n${ASSOCIATION.phone}`,
    attachments: [
      { filename: 'ansokan-foreningsbidrag.pdf', bytes: pdfs.application },
      { filename: 'budget.pdf', bytes: pdfs.budget },
    ],
  });
  // A reply to the confirmation the municipality sent: its subject names the case.
  const reply = picks && replyMail(picks, nowMs);
  const outlook = buildMsg({
    subject: 'Trasig gatubelysning i Norrby',
    senderName: RESIDENT.name,
    senderAddress: RESIDENT.address,
    submitTime: new Date(nowMs - 5 * 3_600_000).toISOString(),
    body:
      'Hej!\r\n\r\nBelysningen längs gångvägen i Norrby har varit släckt i två veckor. Jag bifogar en karta.\r\n\r\n' +
      `Med vänlig hälsning\r\n${RESIDENT.name}\r\n${RESIDENT.street}\r\n${RESIDENT.phone}`,
    recipients: [{ name: REGISTRY.name, address: REGISTRY.address, kind: 'to' }],
    attachments: [{ filename: 'karta.pdf', bytes: pdfs.streetLight }],
  });
  return [
    { name: 'ansokan-foreningsbidrag.eml', mediaType: 'message/rfc822', bytes: application },
    ...(reply ? [{ name: 'svar-medborgarforslag.eml', mediaType: 'message/rfc822' as const, bytes: reply }] : []),
    { name: 'gatubelysning.msg', mediaType: 'application/vnd.ms-outlook', bytes: outlook },
  ];
}

function replyMail(picks: Pick<ShowcasePicks, 'proposalCase' | 'confirmation' | 'proposer'>, nowMs: number): Uint8Array {
  const proposer = picks.proposer;
  return emlMessage({
    from: { name: proposer.name, address: proposer.email || 'forslagsstallare@post.example' },
    to: REGISTRY,
    subject: `SV: ${picks.confirmation.title} (${picks.proposalCase.caseNumber})`,
    date: new Date(nowMs - 2 * 3_600_000),
    messageId: 'svar-medborgarforslag@post.example',
    inReplyTo: `${picks.confirmation.id}@exempelkommun.example`,
    text:
      `Hej!\n\nTack för bekräftelsen av mitt förslag i ärende ${picks.proposalCase.caseNumber}. ` +
      'Jag vill tillägga att platsen är särskilt mörk på kvällarna.\n\n' +
      `Vänliga hälsningar\n${proposer.name}\n${proposer.postalAddress}, ${proposer.postalCode} ${proposer.city}\n${proposer.phone}`,
    attachments: [],
  });
}
