// The upload check of the office formats of files v1 (PPTX, ODT, ODS, ODP): the package must be
// a readable zip holding the parts their text is in. Only its directory is read (nothing is
// inflated), so the check is quick enough for the request; extraction runs later in its worker.
import { unzipSync } from 'fflate';
import type { MediaType } from '../../../shared/src';
import { TEXT_PARTS } from './text-extract';

/** The types checked here; DOCX and XLSX are accepted as before, unchecked. */
const CHECKED: readonly MediaType[] = [
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation',
];

/** Why this office file cannot be read (English, for the log), or null when it can or is not checked here. */
export function officeFileProblem(bytes: Uint8Array, mediaType: MediaType): string | null {
  const parts = TEXT_PARTS[mediaType];
  if (!parts || !CHECKED.includes(mediaType)) return null;
  let found = false;
  try {
    unzipSync(bytes, {
      filter: (file) => {
        found ||= parts.test(file.name);
        return false;
      },
    });
  } catch (err) {
    return `not a readable zip package: ${err instanceof Error ? err.message : String(err)}`;
  }
  return found ? null : 'the package has no part holding its text';
}
