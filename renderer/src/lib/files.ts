import { MAX_FILE_BYTES, SUPPORTED_MEDIA_TYPES } from '../../../shared/src';
import { formatBytes } from './i18n/labels';
import { t } from './i18n/sv';

const BY_EXTENSION: Record<string, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  msg: 'application/vnd.ms-outlook',
  eml: 'message/rfc822',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  gif: 'image/gif',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  odp: 'application/vnd.oasis.opendocument.presentation',
  csv: 'text/csv',
  txt: 'text/plain',
};

/** The media type the server will accept for a file, judged by its type or its extension. */
export function mediaTypeOf(file: Pick<File, 'name' | 'type'>): string | null {
  const supported = SUPPORTED_MEDIA_TYPES as readonly string[];
  if (supported.includes(file.type)) return file.type;
  const ext = file.name.split('.').pop()?.toLowerCase() ?? '';
  return BY_EXTENSION[ext] ?? null;
}

/** Why a file cannot be uploaded, in Swedish, or null when it can. */
export function fileProblem(file: Pick<File, 'name' | 'type' | 'size'>): string | null {
  if (!mediaTypeOf(file)) return t('file.error.unsupported', { name: file.name });
  if (file.size > MAX_FILE_BYTES) return t('file.error.tooLarge', { name: file.name, max: formatBytes(MAX_FILE_BYTES) });
  return null;
}

/**
 * Shows a file's bytes: a new tab in the browser; where windows cannot be opened (the desktop
 * refuses new windows) the file is saved instead.
 */
export function showBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  // Not 'noopener': with it window.open always returns null and the fallback could not tell.
  const win = window.open(url, '_blank');
  if (win) win.opener = null;
  else {
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
  }
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
