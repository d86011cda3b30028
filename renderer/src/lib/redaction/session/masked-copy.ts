import type { Document } from '../../../../../shared/src/model/document';
import { buildDocument, type Clock } from '../../records';

/** True when the original's title may be repeated on an unrestricted record. */
export function titleIsPublic(original: Pick<Document, 'restrictionKind' | 'inheritedRestriction' | 'shields' | 'withheld'>): boolean {
  return (
    original.restrictionKind === 'none' &&
    original.inheritedRestriction === 'none' &&
    !original.shields.some((s) => s.field === 'title') &&
    !original.withheld.includes('title')
  );
}

const TITLE_MAX = 500;

/**
 * "Maskad kopia av <title>". The copy is registered unrestricted, so when the original's title is
 * itself secret (the document or its case restricted, or the title shielded) the copy names the
 * original by its number instead: the title would otherwise be published by the copy.
 */
export function maskedCopyTitle(
  original: Document,
  texts: { ofTitle(title: string): string; ofNumber(number: string): string; ofUnnumbered(): string },
): string {
  const title = titleIsPublic(original)
    ? texts.ofTitle(original.title.trim())
    : original.documentNumber
      ? texts.ofNumber(original.documentNumber)
      : texts.ofUnnumbered();
  return title.length > TITLE_MAX ? `${title.slice(0, TITLE_MAX - 1)}…` : title;
}

/**
 * The masked copy as a new document: in the original's case (or free-standing like it), created
 * by the authority today, same type and process, unrestricted, linked to its original.
 */
export function buildMaskedCopy(original: Document, title: string, createdBy: string, today: string, clock: Clock): Document {
  return {
    ...buildDocument(
      {
        registerId: original.registerId,
        caseId: original.caseId,
        direction: 'created',
        title,
        documentTypeId: original.documentTypeId,
        classCode: original.classCode,
        createdDate: today,
        responsibleUserId: original.responsibleUserId || createdBy,
      },
      createdBy,
      clock,
    ),
    maskedCopyOf: original.id,
  };
}

/** "beslut.pdf" → "beslut (maskad kopia).pdf"; a picture's or a Word or Excel file's copy is a PDF too. */
export function maskedFileName(originalName: string, suffix: string): string {
  const base = originalName.replace(/\.(pdf|png|jpe?g|tiff?|gif|docx|xlsx|odt|ods)$/i, '').trim() || 'handling';
  const name = `${base} (${suffix}).pdf`;
  return name.length > 255 ? `${base.slice(0, 255 - suffix.length - 8)} (${suffix}).pdf` : name;
}
