import type { Case } from '../model/case';
import type { Document } from '../model/document';
import type { Party } from '../model/party';
import type { FileRestriction, RestrictionKind, Shield } from '../model/restriction';
import { disposableFrom } from '../rules/retention';
import {
  dateTimeOf,
  disposalPeriodText,
  ermsCaseStatus,
  ermsDirection,
  ermsDocumentStatus,
  ermsRestrictionType,
  fileDescription,
  partyName,
  renditionDescription,
} from './mapping';
import type { ArchiveContent, ArchivedCase, ArchivedDocument, PackageHeader } from './model';
import { el, serializeXml, textEl, type XmlElement } from './xml';

/** CITS ERMS 2.1 (FGS 2.0): `metadata/descriptive/ERMS.xml` of a package. */

export const ERMS_NAMESPACE = 'https://DILCIS.eu/XML/ERMS';

function restrictionEl(kind: RestrictionKind, regulation: string, explanation: string): XmlElement {
  const type = ermsRestrictionType(kind);
  return el(
    'restriction',
    { restrictionType: type, otherRestrictionType: type === 'other_type' ? 'Annan begränsning' : undefined },
    textEl('explanatoryText', explanation),
    el('regulation', {}, regulation),
  );
}

/** The record's own restriction, each shield and each file restriction: all keep their legal ground. */
function restrictionsOf(
  r: Pick<Case, 'restrictionKind' | 'legalGround' | 'restrictionNote' | 'shields'>,
  fileRestrictions: readonly (FileRestriction & { fileName: string })[] = [],
): XmlElement[] {
  const out: XmlElement[] = [];
  if (r.restrictionKind !== 'none') out.push(restrictionEl(r.restrictionKind, r.legalGround, r.restrictionNote));
  for (const s of r.shields as Shield[]) out.push(restrictionEl(s.kind, s.legalGround, `Skyddad uppgift: ${s.field}`));
  for (const f of fileRestrictions) out.push(restrictionEl(f.kind, f.legalGround, `Begränsad fil: ${f.fileName}`));
  return out;
}

function agentEl(agentType: string, a: Party): XmlElement {
  const address = [
    textEl('addressLine', a.postalAddress, { adressType: 'postal_address' }),
    textEl('addressLine', a.postalCode, { adressType: 'postal_code' }),
    textEl('addressLine', a.city, { adressType: 'postal_city' }),
  ].filter((x): x is XmlElement => x !== null);
  const contact = [
    textEl('contactLine', a.phone, { contactType: 'phonenumber' }),
    textEl('contactLine', a.email, { contactType: 'email' }),
  ].filter((x): x is XmlElement => x !== null);
  return el(
    'agent',
    { agentType },
    el('name', {}, partyName(a)),
    textEl('idNumber', a.idNumber, { idNumberType: a.kind === 'person' ? 'personnummer' : 'organisationsnummer' }),
    address.length + contact.length > 0 && el('addressContactInformation', {}, address, contact),
    a.protectedIdentity && el('protectedIdentity', {}, 'true'),
  );
}

function nameAgent(agentType: string, name: string): XmlElement | null {
  return name ? el('agent', { agentType }, el('name', {}, name)) : null;
}

function datesEl(dates: readonly [string, string][]): XmlElement | null {
  const present = dates.filter(([, d]) => d !== '');
  if (present.length === 0) return null;
  return el(
    'dates',
    {},
    present.map(([type, d]) => el('date', { dateType: type }, dateTimeOf(d))),
  );
}

function disposalEl(a: ArchivedDocument, parentCase: Case | null): XmlElement | null {
  const rule = a.retention;
  if (!rule) return null;
  const due = disposableFrom(rule, a.document, parentCase);
  // ERMS requires a date: the day disposal is due, or else the day the period counts from.
  const dated: [string, string] | null =
    due.kind === 'date'
      ? ['disposal_date', due.date]
      : a.document.registeredDate
        ? ['retention_period_start', parentCase?.closedDate || a.document.registeredDate]
        : null;
  if (!dated) return null;
  return el(
    'disposal',
    { disposable: rule.action === 'dispose' ? 'true' : 'false' },
    el('disposalAction', {}, rule.action === 'preserve' ? 'Bevaras' : 'Gallras'),
    el('disposalPeriod', {}, disposalPeriodText(rule)),
    textEl('disposalDescription', rule.explanation),
    el('dates', {}, el('disposalDate', { dateType: dated[0] }, dateTimeOf(dated[1]))),
  );
}

function recordEl(a: ArchivedDocument, parentCase: Case | null, masked: ReadonlyMap<string, string>): XmlElement {
  const d: Document = a.document;
  const fileRestrictions = a.files.filter((f) => f.restriction).map((f) => ({ ...f.restriction!, fileName: f.file.name }));
  const original = d.maskedCopyOf ? masked.get(d.maskedCopyOf) : undefined;
  return el(
    'record',
    // 'digitial' is how CITS ERMS 2.1 spells the value in its enumeration.
    { systemIdentifier: d.id, recordType: a.documentTypeName || undefined, recordPhysicalOrDigital: 'digitial' },
    el('objectId', {}, d.documentNumber),
    el('classification', { classificationCode: d.classCode }),
    el('title', {}, d.title),
    el('status', { value: ermsDocumentStatus(d) }),
    d.serial > 0 && el('runningNumber', {}, String(d.serial)),
    original && el('relation', { relationType: 'is_redacted_version_of' }, original),
    restrictionsOf(d, fileRestrictions),
    disposalEl(a, parentCase),
    el('direction', ermsDirection(d.direction)),
    el(
      'agents',
      {},
      a.sender ? agentEl('sender', a.sender) : nameAgent('sender', d.sender),
      a.recipient ? agentEl('recipient', a.recipient) : nameAgent('recipient', d.recipient),
      nameAgent('responsible_person', a.responsibleName),
    ),
    textEl('description', d.description),
    datesEl([
      ['received', d.receivedDate],
      ['created', d.createdDate],
      ['expedited', d.dispatchedDate],
      ['captured', d.registeredDate],
    ]),
    d.status === 'annulled' && el('notes', {}, el('note', { noteType: 'annulled' }, `Makulerad: ${d.changeReason}`)),
    a.files.length > 0 &&
      el(
        'additionalInformation',
        {},
        a.files.flatMap((f) => [
          el('appendix', { name: f.file.name, path: f.path, fileFormat: f.file.mediaType, description: fileDescription(f) }),
          f.rendition?.kind === 'pdfa' &&
            el('appendix', {
              name: f.rendition.name,
              path: f.rendition.path,
              fileFormat: 'application/pdf',
              originalFileFormat: f.file.mediaType,
              description: renditionDescription(f),
            }),
        ]),
      ),
  );
}

function caseEl(a: ArchivedCase, masked: ReadonlyMap<string, string>): XmlElement {
  const c = a.case;
  return el(
    'aggregation',
    { aggregationType: 'caseFile', systemIdentifier: c.id },
    el('objectId', {}, c.caseNumber),
    el('classification', { classificationCode: c.classCode }, a.classTitle),
    el('title', {}, c.title),
    el('status', { value: ermsCaseStatus(c.status) }),
    restrictionsOf(c),
    el(
      'agents',
      {},
      nameAgent('responsible_person', a.responsibleName),
      a.parties.map((p) => agentEl('counterpart', p)),
    ),
    textEl('description', [c.unit && `Enhet: ${c.unit}`, c.description].filter(Boolean).join('\n')),
    datesEl([
      ['opened', c.registeredDate],
      ['closed', c.closedDate],
    ]),
    c.status === 'annulled' && el('notes', {}, el('note', { noteType: 'annulled' }, `Makulerat: ${c.changeReason}`)),
    a.documents.map((d) => recordEl(d, c, masked)),
  );
}

/** Document number by id, so a masked copy can name the document it was made from. */
function numbersById(docs: readonly ArchivedDocument[]): Map<string, string> {
  return new Map(docs.map((d) => [d.document.id, d.document.documentNumber]));
}

export function buildErms(content: ArchiveContent, header: PackageHeader): string {
  const control = el(
    'control',
    {},
    el('identification', { identificationType: 'archivalCreator' }, content.authorityName),
    el('identification', { identificationType: 'register' }, content.registerName),
    el('identification', { identificationType: 'package' }, header.name),
    el(
      'maintenanceInformation',
      {},
      el('maintenanceStatus', { value: 'new' }),
      el('maintenanceAgency', {}, el('agencyName', {}, content.authorityName)),
      el(
        'maintenanceHistory',
        {},
        el(
          'maintenanceEvent',
          {},
          el('eventType', { value: 'created' }),
          el('eventDateTime', {}, header.createdAt),
          el('agent', { agentType: 'creator' }, el('name', {}, `${header.softwareName} ${header.softwareVersion}`)),
        ),
      ),
    ),
  );
  const body =
    content.kind === 'cases'
      ? el(
          'aggregations',
          {},
          content.cases.map((c) => caseEl(c, numbersById(c.documents))),
        )
      : el(
          'records',
          {},
          content.documents.map((d) => recordEl(d, null, numbersById(content.documents))),
        );
  return serializeXml(el('erms', { xmlns: ERMS_NAMESPACE }, control, body));
}
