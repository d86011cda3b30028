import { z } from 'zod';
import { IsoTimestamp, Text, recordBase, recordBaseDeclarations } from './common';
import { declareFields } from './sensitivity';

/** The media types files v0 knew (migrations/steps/files-1-more-formats.ts withholds the others from such clients). */
export const MEDIA_TYPES_V0 = [
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.ms-outlook',
  'message/rfc822',
  'image/png',
  'image/jpeg',
  'image/tiff',
  'image/gif',
] as const;

export const SUPPORTED_MEDIA_TYPES = [
  ...MEDIA_TYPES_V0,
  // files v1: presentations, OpenDocument, CSV and plain text.
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation',
  'text/csv',
  'text/plain',
] as const;
export const MediaType = z.enum(SUPPORTED_MEDIA_TYPES);
export type MediaType = z.infer<typeof MediaType>;

/**
 * One version of a file belonging to a document (Bilaga). The content lives on the server as a
 * content-addressed blob named by its SHA-256; records are created by the server on upload.
 */
export const FileRecord = z.object({
  ...recordBase,
  documentId: z.string().min(1).max(64),
  caseId: z.string().max(64),
  /** Versions of the same logical file share a `fileKey`. */
  fileKey: z.string().min(1).max(64),
  fileVersion: z.number().int().min(1),
  name: Text(255).min(1),
  mediaType: MediaType,
  size: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  uploadedBy: z.string().max(64),
  uploadedAt: IsoTimestamp,
});
export type FileRecord = z.infer<typeof FileRecord>;

/** A file record reaches a user whole or not at all (rules/projection.ts); name and hash are its content. */
export const FILE_FIELDS = declareFields<FileRecord>({
  ...recordBaseDeclarations,
  documentId: 'metadata',
  caseId: 'metadata',
  fileKey: 'metadata',
  fileVersion: 'metadata',
  name: 'content',
  mediaType: 'metadata',
  size: 'metadata',
  // A hash lets anyone confirm a guess of the content.
  sha256: 'content',
  uploadedBy: 'metadata',
  uploadedAt: 'metadata',
});
