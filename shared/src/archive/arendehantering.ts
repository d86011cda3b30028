import type { Case } from '../model/case';
import type { Party } from '../model/party';
import type { FileRestriction, RestrictionKind, Shield } from '../model/restriction';
import {
  disposalPeriodText,
  fgsCaseStatus,
  fgsDocumentStatus,
  fgsRestrictionType,
  fileDescription,
  partyName,
  renditionDescription,
} from './mapping';
import type { ArchiveContent, ArchivedCase, ArchivedDocument } from './model';
import { el, serializeXml, textEl, type XmlElement } from './xml';

/**
 * FGS Ärendehantering 1.0 (FGS 1.x): `arendehantering.xml`. The schema's sequences fix the order
 * of the elements; dates are the register's calendar dates (no zone); there is no direction
 * element: it follows from Inkommen + Avsandare versus Upprattad/Expedierad + Mottagare.
 */

export const FGS_ERMS_NAMESPACE = 'http://xml.ra.se/e-arkiv/FGS-ERMS';

function restriktion(kind: RestrictionKind, lagrum: string, text: string): XmlElement {
  return el('Restriktion', { Typ: fgsRestrictionType(kind) }, textEl('ForklarandeText', text), el('Lagrum', {}, lagrum));
}

function restriktioner(
  r: Pick<Case, 'restrictionKind' | 'legalGround' | 'restrictionNote' | 'shields'>,
  fileRestrictions: readonly (FileRestriction & { fileName: string })[] = [],
): XmlElement[] {
  const out: XmlElement[] = [];
  if (r.restrictionKind !== 'none') out.push(restriktion(r.restrictionKind, r.legalGround, r.restrictionNote));
  for (const s of r.shields as Shield[]) out.push(restriktion(s.kind, s.legalGround, `Skyddad uppgift: ${s.field}`));
  for (const f of fileRestrictions) out.push(restriktion(f.kind, f.legalGround, `Begränsad fil: ${f.fileName}`));
  return out;
}

/** Avsandare, Mottagare, Motpart: PersonOrganisationTyp. */
function person(name: string, a: Party | null, fallbackName: string): XmlElement | null {
  if (!a) return fallbackName ? el(name, {}, el('Namn', {}, fallbackName)) : null;
  return el(
    name,
    {},
    el('Namn', {}, partyName(a)),
    textEl('Postadress', a.postalAddress),
    textEl('Postnummer', a.postalCode),
    textEl('Postort', a.city),
    textEl('IDnummer', a.idNumber),
    textEl('Telefon', a.phone),
    textEl('EPost', a.email),
    a.protectedIdentity && el('SkyddadIdentitet', {}, 'true'),
  );
}

function handlaggare(name: string): XmlElement | null {
  return name ? el('Agent', {}, el('Roll', {}, 'Handläggare'), el('Namn', {}, name)) : null;
}

function handling(a: ArchivedDocument, masked: ReadonlyMap<string, string>): XmlElement {
  const d = a.document;
  const fileRestrictions = a.files.filter((f) => f.restriction).map((f) => ({ ...f.restriction!, fileName: f.file.name }));
  const status = fgsDocumentStatus(d);
  const original = d.maskedCopyOf ? masked.get(d.maskedCopyOf) : undefined;
  return el(
    'ArkivobjektHandling',
    { Systemidentifierare: d.id },
    el('ArkivobjektID', {}, d.documentNumber),
    textEl('Handlingstyp', a.documentTypeName),
    d.direction === 'incoming' && person('Avsandare', a.sender, d.sender),
    textEl('Beskrivning', d.description),
    textEl('Expedierad', d.dispatchedDate),
    a.retention &&
      el(
        'Gallring',
        { Gallras: a.retention.action === 'dispose' ? 'true' : 'false' },
        el('GallringsFrist', {}, disposalPeriodText(a.retention)),
        textEl('GallringsForklaring', a.retention.explanation),
      ),
    handlaggare(a.responsibleName),
    textEl('Inkommen', d.receivedDate),
    d.serial > 0 && el('Lopnummer', {}, String(d.serial)),
    d.direction === 'outgoing' && person('Mottagare', a.recipient, d.recipient),
    d.status === 'annulled' && el('Notering', {}, `Makulerad: ${d.changeReason}`),
    original && el('HandlingRelation', { Typ: 'Är maskad version av' }, original),
    el('Rubrik', {}, d.title),
    textEl('Skapad', d.registeredDate),
    status && el('StatusHandling', {}, status),
    textEl('Upprattad', d.createdDate),
    restriktioner(d, fileRestrictions),
    a.files.flatMap((f) => [
      el('Bilaga', {
        Namn: f.file.name,
        Beskrivning: fileDescription(f),
        Lank: f.path,
        Storlek: f.file.size,
        Mimetyp: f.file.mediaType,
        Checksumma: f.file.sha256,
        ChecksummaMetod: 'SHA-256',
      }),
      f.rendition?.kind === 'pdfa' &&
        el('Bilaga', {
          Namn: f.rendition.name,
          Beskrivning: renditionDescription(f),
          Lank: f.rendition.path,
          Storlek: f.rendition.size,
          Mimetyp: 'application/pdf',
          Checksumma: f.rendition.sha256,
          ChecksummaMetod: 'SHA-256',
        }),
    ]),
  );
}

function numbersById(docs: readonly ArchivedDocument[]): Map<string, string> {
  return new Map(docs.map((d) => [d.document.id, d.document.documentNumber]));
}

function arende(a: ArchivedCase): XmlElement {
  const c = a.case;
  const masked = numbersById(a.documents);
  return el(
    'ArkivobjektArende',
    { Systemidentifierare: c.id },
    el('ArkivobjektID', {}, c.caseNumber),
    textEl('Avslutat', c.closedDate),
    textEl('Beskrivning', c.description),
    a.responsibleName && el('Agent', {}, el('Roll', {}, 'Handläggare'), el('Namn', {}, a.responsibleName), textEl('Enhetsnamn', c.unit)),
    el('Klass', {}, c.classCode),
    restriktioner(c),
    a.parties.map((p) => person('Motpart', p, '')),
    c.status === 'annulled' && el('Notering', {}, `Makulerat: ${c.changeReason}`),
    textEl('Skapad', c.registeredDate),
    el('StatusArande', {}, fgsCaseStatus(c.status)),
    el('Arendemening', {}, c.title),
    a.documents.length > 0 &&
      el(
        'ArkivobjektListaHandlingar',
        {},
        a.documents.map((d) => handling(d, masked)),
      ),
  );
}

export function buildArendehantering(content: ArchiveContent): string {
  const list =
    content.kind === 'cases'
      ? el('ArkivobjektListaArenden', {}, content.cases.map(arende))
      : el(
          'ArkivobjektListaHandlingar',
          {},
          content.documents.map((d) => handling(d, numbersById(content.documents))),
        );
  return serializeXml(
    el(
      'Leveransobjekt',
      { xmlns: FGS_ERMS_NAMESPACE },
      el('ArkivbildarStruktur', {}, el('Arkivbildare', {}, el('Namn', {}, content.authorityName))),
      list,
    ),
  );
}
