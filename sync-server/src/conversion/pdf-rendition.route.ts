import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PDF_RENDITION_STATUS } from '../../../shared/src/protocol/pdf-rendition';
import type { AuthService } from '../auth/auth.service';
import type { BlobStore } from '../files/blob-store';
import { readableFile } from '../files/readable-file';
import { sendJson, sessionSubject } from '../http/http-util';
import type { Storage } from '../storage/storage';
import type { ContextLoader } from '../sync/access-context';
import type { ConversionService } from './conversion.service';
import type { RenditionCache } from './rendition-cache';

export interface PdfRenditionDeps {
  auth: AuthService;
  storage: Storage;
  blobs: BlobStore;
  contexts: ContextLoader;
  secondFactorFresh: (token: string) => Promise<boolean>;
  conversion: Pick<ConversionService, 'convertToPdfA'>;
  renditions: RenditionCache;
}

export const PDF_RENDITION_ROUTE = /^\/api\/files\/([A-Za-z0-9_-]{1,64})\/pdf-rendition$/;

/** The rendition's name: the file's name with `.pdf` in place of its extension. */
export function renditionName(name: string): string {
  return `${name.replace(/\.[^.]*$/, '')}.pdf`;
}

/**
 * POST /api/files/:id/pdf-rendition: access first, exactly as a download (the file as projected
 * for this user, 404 alike for "not there" and "not yours"), then the stored file converted to
 * PDF/A (kept briefly in memory: `RenditionCache`). Nothing is stored: the original stays the file
 * of record.
 */
export async function handlePdfRendition(req: IncomingMessage, res: ServerResponse, fileId: string, deps: PdfRenditionDeps): Promise<void> {
  const subject = await sessionSubject(req, res, deps.auth, deps.secondFactorFresh);
  if (!subject) return;
  req.resume();
  const visible = await readableFile(deps, subject, fileId);
  if (!visible) return sendJson(res, 404, { error: 'not_found' });
  const result = await deps.renditions.get(visible.sha256, visible.mediaType, async () =>
    deps.conversion.convertToPdfA(await readFile(deps.blobs.pathOf(visible.sha256)), visible.mediaType, visible.name),
  );
  if (!result.ok) return sendJson(res, PDF_RENDITION_STATUS[result.reason], { error: result.reason });
  res.writeHead(200, {
    'content-type': 'application/pdf',
    'content-length': result.pdf.byteLength,
    'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(renditionName(visible.name))}`,
    'cache-control': 'private, no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(result.pdf);
}
