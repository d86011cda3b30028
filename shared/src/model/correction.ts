import { z } from 'zod';
import { IsoTimestamp, Text } from './common';

/**
 * What corrections, annulment and quality assurance's send-back leave on a case or document
 * (issue 16). Kept flat, so a withheld field empties to '' like every other text field.
 */
export const correctionFields = {
  /**
   * The reason given with the latest correction or the annulment; the server copies it into that
   * change's actor-register entry. It may quote what was corrected, so it is content.
   */
  changeReason: Text(1000),
  /** Quality assurance sent the record back to the registrar with this comment; '' when not sent back. */
  qaReturnComment: Text(1000),
  /** Who sent it back and when, stamped by the server; '' when not sent back. */
  qaReturnBy: z.string().max(64),
  qaReturnAt: IsoTimestamp,
};

export const correctionFieldDeclarations = {
  changeReason: 'content',
  qaReturnComment: 'content',
  qaReturnBy: 'metadata',
  qaReturnAt: 'metadata',
} as const;

/** A new record: no correction, not sent back. */
export const NO_CORRECTION = { changeReason: '', qaReturnComment: '', qaReturnBy: '', qaReturnAt: '' } as const;

/**
 * The reason a record stored before reasons existed carries (cases and documents v1). An edit made
 * offline in an older version of the app, sent after the update, is accepted with it, so the actor
 * register says truthfully that no reason was asked for. Stored data, archived with the register:
 * hence Swedish.
 */
export const LEGACY_CHANGE_REASON = 'Ändrad i en äldre version av Diarium, som inte frågade efter skäl';
