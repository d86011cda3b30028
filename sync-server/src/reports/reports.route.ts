import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Case, ClassNode, Document, Register } from '../../../shared/src';
import { REPORT_KINDS, MAX_REPORT_DAYS, ReportRequest, type ReportKind } from '../../../shared/src/protocol/reports';
import { addDays, swedishDate } from '../../../shared/src/rules/dates';
import type { AuthService } from '../auth/auth.service';
import { signingFonts } from '../files/signing-fonts';
import { readJsonBody, sendJson, sessionSubject } from '../http/http-util';
import type { Storage } from '../storage/storage';
import type { ContextLoader } from '../sync/access-context';
import { readableRecords } from './readable-records';
import { caseRegisterRows, caseStatistics, documentRegisterRows, processName } from './report-model';
import { renderReport, type ReportContent } from './render-report';

export interface ReportDeps {
  auth: AuthService;
  storage: Storage;
  contexts: ContextLoader;
  secondFactorFresh: (token: string) => Promise<boolean>;
  now: () => number;
}

export const REPORT_ROUTE = /^\/api\/reports\/([a-z-]{1,40})$/;

const FILE_NAMES: Record<ReportKind, string> = {
  'case-register': 'diarieforteckning-arenden',
  'document-register': 'diarieforteckning-handlingar',
  'case-statistics': 'arendestatistik',
};

function isKind(kind: string): kind is ReportKind {
  return (REPORT_KINDS as readonly string[]).includes(kind);
}

/**
 * POST /api/reports/:kind with a ReportRequest: access first (a signed-in user, in the register),
 * then the report over the records as this user receives them, as PDF/A.
 */
export async function handleReport(req: IncomingMessage, res: ServerResponse, kind: string, deps: ReportDeps): Promise<void> {
  const subject = await sessionSubject(req, res, deps.auth, deps.secondFactorFresh);
  if (!subject) return;
  const body = await readJsonBody(req, res, 4096);
  if (body === undefined) return;
  if (!isKind(kind)) return sendJson(res, 404, { error: 'not_found' });
  const parsed = ReportRequest.safeParse(body);
  if (!parsed.success) return sendJson(res, 400, { error: 'bad_request' });
  const r = parsed.data;
  if (!subject.registerIds.includes(r.registerId)) return sendJson(res, 404, { error: 'not_found' });
  if (r.to < r.from || addDays(r.from, MAX_REPORT_DAYS) < r.to) return sendJson(res, 400, { error: 'bad_range' });

  const register = (await readableRecords<Register>(deps, subject, 'registers', r.registerId)).find((x) => x.id === r.registerId);
  if (!register) return sendJson(res, 404, { error: 'not_found' });
  const classes = new Map((await readableRecords<ClassNode>(deps, subject, 'classes', r.registerId)).map((c) => [c.code, c] as const));
  let content: ReportContent;
  if (kind === 'document-register')
    content = { kind, rows: documentRegisterRows(await readableRecords<Document>(deps, subject, 'documents', r.registerId), r) };
  else {
    const cases = await readableRecords<Case>(deps, subject, 'cases', r.registerId);
    content =
      kind === 'case-register' ? { kind, rows: caseRegisterRows(cases, r, classes) } : { kind, stats: caseStatistics(cases, r, classes) };
  }
  const nowMs = deps.now();
  const pdf = await renderReport(
    content,
    r,
    {
      registerName: `${register.authorityName} – ${register.name}`,
      processName: r.process ? processName(r.process, classes) : '',
      madeFor: subject.displayName,
      today: swedishDate(nowMs),
      createdAt: new Date(nowMs),
    },
    await signingFonts(),
  );
  res.writeHead(200, {
    'content-type': 'application/pdf',
    'content-length': pdf.byteLength,
    'content-disposition': `attachment; filename="${FILE_NAMES[kind]}-${r.from}-${r.to}.pdf"`,
    'cache-control': 'private, no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(pdf);
}
