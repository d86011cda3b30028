import type { Case } from '../model/case';
import type { Direction, Document } from '../model/document';
import type { RetentionRule, RetentionTrigger } from '../model/document-type';
import type { Party } from '../model/party';
import type { RestrictionKind } from '../model/restriction';
import type { ArchivedFile } from './model';

/** Value mappings from the register's model to the two generations' vocabularies (pure). */

/** CITS ERMS `restriction/@restrictionType`. */
export function ermsRestrictionType(kind: RestrictionKind): 'confidential' | 'integrity' | 'other_type' {
  return kind === 'secrecy' ? 'confidential' : kind === 'privacy' ? 'integrity' : 'other_type';
}

/** FGS Ärendehantering `Restriktion/@Typ`. */
export function fgsRestrictionType(kind: RestrictionKind): 'Sekretess' | 'Integritet' | 'Annan typ' {
  return kind === 'secrecy' ? 'Sekretess' : kind === 'privacy' ? 'Integritet' : 'Annan typ';
}

/** FGS `StatusArande`. Only cases not disposed are packaged (`assertPackageable`). */
export function fgsCaseStatus(status: Case['status']): 'Öppet' | 'Stängt' | 'Makulerat' {
  switch (status) {
    case 'registered_unchecked':
    case 'registered':
      return 'Öppet';
    case 'closed':
    case 'archived':
    case 'disposed':
      return 'Stängt';
    case 'annulled':
      return 'Makulerat';
  }
}

/** CITS ERMS `status/@value` of a case file. */
export function ermsCaseStatus(status: Case['status']): 'open' | 'closed' | 'obliterated' {
  const s = fgsCaseStatus(status);
  return s === 'Öppet' ? 'open' : s === 'Stängt' ? 'closed' : 'obliterated';
}

/**
 * FGS `StatusHandling` follows the direction (Inkommen / Expedierad / Upprättad); a draft is
 * "Under arbete". The list has no annulled value: null, and the builder says so in Notering.
 */
export function fgsDocumentStatus(
  doc: Pick<Document, 'status' | 'direction'>,
): 'Under arbete' | 'Inkommen' | 'Expedierad' | 'Upprättad' | null {
  if (doc.status === 'annulled') return null;
  if (doc.status === 'draft') return 'Under arbete';
  return doc.direction === 'incoming' ? 'Inkommen' : doc.direction === 'outgoing' ? 'Expedierad' : 'Upprättad';
}

/** CITS ERMS `status/@value` of a record. */
export function ermsDocumentStatus(
  doc: Pick<Document, 'status' | 'direction'>,
): 'initiated' | 'received' | 'expedited' | 'prepared' | 'obliterated' {
  const s = fgsDocumentStatus(doc);
  return s === null
    ? 'obliterated'
    : s === 'Under arbete'
      ? 'initiated'
      : s === 'Inkommen'
        ? 'received'
        : s === 'Expedierad'
          ? 'expedited'
          : 'prepared';
}

/**
 * CITS ERMS `direction`: explicit, as the profile asks. A document drawn up by the authority
 * (upprättad) is neither incoming nor outgoing nor a memo: `other` names it.
 */
export function ermsDirection(direction: Direction): { directionDefinition: string; otherDirectionDefinition?: string } {
  if (direction === 'created') return { directionDefinition: 'other', otherDirectionDefinition: 'created' };
  return { directionDefinition: direction };
}

const TRIGGER_TEXT: Record<RetentionTrigger, string> = {
  registration: 'efter registrering',
  end_of_registration_year: 'efter utgången av registreringsåret',
  case_closed: 'efter ärendets avslutande',
  end_of_case_closed_year: 'efter utgången av det år ärendet avslutades',
  on_obsolescence: 'vid inaktualitet',
};

/** The disposal period in words (GallringsFrist), e.g. "10 år efter ärendets avslutande". */
export function disposalPeriodText(rule: RetentionRule): string {
  if (rule.action === 'preserve') return 'Bevaras';
  if (rule.trigger === 'on_obsolescence') return 'Gallras vid inaktualitet';
  return `${rule.periodYears} år ${TRIGGER_TEXT[rule.trigger]}`;
}

/** An ERMS xs:dateTime from a calendar date (the register keeps dates without time or zone). */
export function dateTimeOf(date: string): string {
  return `${date}T00:00:00`;
}

/** Stands in for a party's name the projection withheld (both schemas require a name). */
export const WITHHELD_NAME = 'Skyddad uppgift';

/**
 * A party's name as the package shows it. Parties come projected (the caller decides what an
 * archivist receives); a withheld name is said to be withheld, the other withheld fields are empty.
 */
export function partyName(p: Pick<Party, 'name' | 'withheld'>): string {
  return p.withheld.includes('name') || p.name === '' ? WITHHELD_NAME : p.name;
}

/**
 * The file's description in ERMS `appendix/@description` and Ärendehantering `Bilaga/@Beskrivning`:
 * its version and, for an office document or picture, where its PDF/A rendition is or why there is
 * none (archival text, Swedish).
 */
export function fileDescription(f: ArchivedFile): string {
  const version = `Version ${f.file.fileVersion}`;
  if (!f.rendition) return version;
  return f.rendition.kind === 'pdfa'
    ? `${version}. Original; återgiven som PDF/A-2b i ${f.rendition.path}`
    : `${version}. Kunde inte konverteras till PDF/A: ${f.rendition.reason}`;
}

/** The rendition's own description: what it renders and how it was made. */
export function renditionDescription(f: ArchivedFile): string {
  return `PDF/A-2b-återgivning av ${f.file.name} (version ${f.file.fileVersion}, ${f.file.mediaType}), konverterad med LibreOffice; originalet ligger i ${f.path}`;
}
