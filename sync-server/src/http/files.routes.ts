import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { findSignatures, verifyPdfSignatures } from '../../../shared/src/pdf-signature';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  Case,
  Document,
  FileRecord,
  MAX_FILE_BYTES,
  canUploadFile,
  isFinalStatus,
  isRestricted,
  mayReadContent,
  mayReadFile,
  projectRecord,
  type AccessSubject,
  type User,
} from '../../../shared/src';
import { appendAudit, diffRecord } from '../audit/audit';
import type { AuthService } from '../auth/auth.service';
import { BlobStore } from '../files/blob-store';
import { signingWindow, type TrustList } from '../files/trust-list';
import type { FileTextIndexer } from '../files/file-text-indexer';
import type { PdfChecker } from '../files/pdf-checker';
import { officeFileProblem } from '../files/office-check';
import { readableFile } from '../files/readable-file';
import { cleanFileName, nameForType, sniffMediaType } from '../files/sniff';
import { approverVersionProblem, awaitsSignatureFrom } from '../files/approver-signature';
import { signingFonts } from '../files/signing-fonts';
import type { Flow } from '../../../shared/src/model/flow';
import type { Logger } from '../logger';
import type { Storage } from '../storage/storage';
import type { ContextLoader } from '../sync/access-context';
import type { ChangeFeed } from '../sync/change-feed';
import { BodyTooLarge, bearerToken, readBody, sendJson } from './http-util';

export interface FileDeps {
  auth: AuthService;
  storage: Storage;
  blobs: BlobStore;
  feed: ChangeFeed;
  now: () => number;
  contexts: ContextLoader;
  secondFactorFresh: (token: string) => Promise<boolean>;
  trust: TrustList;
  fileText: Pick<FileTextIndexer, 'fileStored'>;
  pdfCheck: Pick<PdfChecker, 'problem'>;
  log: Logger;
}

/** The signed-in user with this session's second-factor state, or null after answering 401. */
async function authenticated(req: IncomingMessage, res: ServerResponse, deps: FileDeps): Promise<(User & AccessSubject) | null> {
  const token = bearerToken(req);
  const user = await deps.auth.authenticate(token);
  if (!user || !token) {
    sendJson(res, 401, { error: 'unauthorized' });
    return null;
  }
  deps.auth.touch(token);
  return { ...user, secondFactorFresh: await deps.secondFactorFresh(token) };
}

/**
 * POST /api/files?documentId=…&name=…[&fileKey=…]: the body is the file. The server sniffs the
 * type, stores the blob by its SHA-256 and creates the file record (a new version when
 * `fileKey` names an existing file of the document).
 */
export async function handleUpload(req: IncomingMessage, res: ServerResponse, url: URL, deps: FileDeps): Promise<void> {
  const user = await authenticated(req, res, deps);
  if (!user) {
    req.resume();
    return;
  }
  const documentId = url.searchParams.get('documentId') ?? '';
  const name = cleanFileName(url.searchParams.get('name') ?? '');
  const fileKeyParam = url.searchParams.get('fileKey');
  // A client may name the new version (an offline signer cites it in a flow step before it is sent).
  const idParam = url.searchParams.get('id');
  const ID = /^[A-Za-z0-9_-]{1,64}$/;
  if (!documentId || !name || (fileKeyParam !== null && !ID.test(fileKeyParam)) || (idParam !== null && !ID.test(idParam))) {
    req.resume();
    return sendJson(res, 400, { error: 'bad_request' });
  }
  const docRec = await deps.storage.getRecord('documents', documentId);
  if (!docRec || docRec.deleted || !projectRecord(user, 'documents', docRec.data as Document)) {
    req.resume();
    return sendJson(res, 404, { error: 'not_found' });
  }
  const doc = Document.parse(docRec.data);
  const caseRec = doc.caseId ? await deps.storage.getRecord('cases', doc.caseId) : null;
  const parentCase = caseRec ? Case.parse(caseRec.data) : null;
  const restricted = isRestricted(doc, parentCase) || doc.shields.length > 0 || doc.fileRestrictions.length > 0;
  // A new version of a restricted file is content of that file: only those who may read it add one.
  const restrictedFile = fileKeyParam !== null && !mayReadFile(user, { fileKey: fileKeyParam }, doc, parentCase);
  // An approver without edit rights may still add their signature to the PDF (checked below).
  const signingApprover =
    !canUploadFile(user, doc, parentCase) &&
    fileKeyParam !== null &&
    awaitsSignatureFrom(
      (await deps.storage.listWhere('flows', 'documentId', doc.id)).map((r) => r.data as Flow),
      doc.id,
      user.id,
    );
  if (
    (!canUploadFile(user, doc, parentCase) && !signingApprover) ||
    isFinalStatus(doc.status) ||
    (restricted && !mayReadContent(user, doc, parentCase)) ||
    restrictedFile
  ) {
    req.resume();
    return sendJson(res, 403, { error: 'forbidden' });
  }
  let body: Buffer;
  try {
    body = await readBody(req, MAX_FILE_BYTES);
  } catch (err) {
    if (err instanceof BodyTooLarge) {
      res.setHeader('connection', 'close');
      return sendJson(res, 413, { error: 'too_large' });
    }
    throw err;
  }
  // Early answer that saves storing a blob; the transaction below decides (uploads race).
  if (idParam !== null && (await deps.storage.getRecord('files', idParam))) return sendJson(res, 409, { error: 'duplicate_id' });
  const mediaType = sniffMediaType(body, name);
  if (!mediaType) return sendJson(res, 415, { error: 'unsupported_type' });
  // A damaged presentation or OpenDocument file likewise (its zip directory or text part missing).
  const damaged = officeFileProblem(new Uint8Array(body), mediaType);
  if (damaged) {
    deps.log.info('upload refused: unreadable office file', { documentId, mediaType, problem: damaged });
    return sendJson(res, 422, { error: 'unreadable_office_file' });
  }
  // A damaged PDF is refused now, not stored and found broken when someone opens or masks it.
  const unreadable = mediaType === 'application/pdf' ? await deps.pdfCheck.problem(new Uint8Array(body)) : null;
  if (unreadable) {
    deps.log.info('upload refused: unreadable PDF', { documentId, problem: unreadable });
    return sendJson(res, 422, { error: 'unreadable_pdf' });
  }
  const storedName = nameForType(name, mediaType);
  if (signingApprover) {
    const current = await latestVersion(deps, documentId, fileKeyParam!);
    const problem =
      current?.mediaType === 'application/pdf' && deps.blobs.has(current.sha256)
        ? await approverVersionProblem(
            new Uint8Array(await readFile(deps.blobs.pathOf(current.sha256))),
            new Uint8Array(body),
            user.displayName,
            await deps.trust.anchors(),
            await signingWindow(deps.storage, documentId, fileKeyParam!, deps.now()),
            await signingFonts(),
          )
        : { code: 'forbidden', detail: 'only a PDF can be signed' };
    if (problem) return sendJson(res, 403, { error: problem.code, detail: problem.detail });
  } else if (fileKeyParam !== null) {
    const frozen = await signedVersionProblem(deps, documentId, fileKeyParam, body);
    if (frozen) return sendJson(res, 409, { error: 'signed_file_frozen', detail: frozen });
  }
  const sha256 = await deps.blobs.put(body);
  const nowIso = new Date(deps.now()).toISOString();
  const written = await deps.storage.transaction(async (tx) => {
    // The id check and the write in one transaction: of uploads racing with one id, one wins.
    if (idParam !== null && (await tx.getRecord('files', idParam))) return null;
    const fileKey = fileKeyParam ?? randomUUID();
    const fileVersion = await tx.nextCounter(documentId, `file:${fileKey}`, 0);
    const record: FileRecord = FileRecord.parse({
      id: idParam ?? randomUUID(),
      registerId: doc.registerId,
      syncVersion: 1,
      updatedAt: nowIso,
      documentId,
      caseId: doc.caseId,
      fileKey,
      fileVersion,
      name: storedName,
      mediaType,
      size: body.length,
      sha256,
      uploadedBy: user.id,
      uploadedAt: nowIso,
    });
    const stored = await tx.putRecord('files', record);
    const audit = await appendAudit(
      tx,
      {
        actor: user,
        at: nowIso,
        action: 'file_upload',
        collection: 'files',
        record: stored,
        caseId: doc.caseId,
        label: `${doc.documentNumber} ${storedName}`,
        changes: diffRecord(null, { name: storedName, fileVersion, sha256, size: body.length, mediaType }),
      },
      randomUUID,
    );
    return [stored, audit];
  });
  if (!written) return sendJson(res, 409, { error: 'duplicate_id' });
  deps.feed.publish(written);
  // Before answering: from now on the older version's text is not searched.
  await deps.fileText.fileStored(written[0]!.data as FileRecord);
  sendJson(res, 201, written[0]!.data);
}

/**
 * After the first signature a file's content is frozen: a new version is accepted only if it is
 * the signed file with more appended (another signature by incremental update) and every
 * signature in it is still valid. Returns why not, or null.
 */
async function signedVersionProblem(deps: FileDeps, documentId: string, fileKey: string, body: Buffer): Promise<string | null> {
  const latest = await latestVersion(deps, documentId, fileKey);
  if (!latest || latest.mediaType !== 'application/pdf' || !deps.blobs.has(latest.sha256)) return null;
  const previous = new Uint8Array(await readFile(deps.blobs.pathOf(latest.sha256)));
  if (findSignatures(previous).length === 0) return null;
  const appended = body.length > previous.length && Buffer.from(previous).equals(body.subarray(0, previous.length));
  if (!appended) return 'a signed file can only be extended by appending (another signature)';
  return verifyPdfSignatures(new Uint8Array(body)).allValid ? null : 'the new version does not keep every signature valid';
}

async function latestVersion(deps: FileDeps, documentId: string, fileKey: string): Promise<FileRecord | undefined> {
  return (await deps.storage.listWhere('files', 'documentId', documentId))
    .map((r) => r.data as FileRecord)
    .filter((f) => f.fileKey === fileKey)
    .sort((a, b) => b.fileVersion - a.fileVersion)[0];
}

/** GET /api/files/:id: the content of a file version, after the same read check as its record. */
export async function handleDownload(req: IncomingMessage, res: ServerResponse, fileId: string, deps: FileDeps): Promise<void> {
  const user = await authenticated(req, res, deps);
  if (!user) return;
  const visible = await readableFile(deps, user, fileId);
  if (!visible) return sendJson(res, 404, { error: 'not_found' });
  res.writeHead(200, {
    'content-type': visible.mediaType,
    'content-length': visible.size,
    'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(visible.name)}`,
    'cache-control': 'private, no-store',
    'x-content-type-options': 'nosniff',
  });
  deps.blobs.open(visible.sha256).pipe(res);
}
