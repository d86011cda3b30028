import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ClassNode, Register } from '../../../shared/src';
import { REPORT_KINDS, MAX_REPORT_DAYS, ReportRequest, type ReportKind } from '../../../shared/src/protocol/reports';
import { addDays, swedishDate } from '../../../shared/src/rules/dates';
import type { AuthService } from '../auth/auth.service';
import { signingFonts } from '../files/signing-fonts';
import { readJsonBody, sendJson, sessionSubject } from '../http/http-util';
import type { Storage } from '../storage/storage';
import type { ContextLoader } from '../sync/access-context';
import { readableRecords } from './readable-records';
import { reportContent } from './report-content';
import { processName } from './report-model';
import { renderReport } from './render-report';

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
  'official-statistics': 'fortroendevalda',
  'signing-statistics': 'e-underskrifter',
  'decision-statistics': 'beslut-per-organ',
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
  const made = await reportContent(deps, subject, kind, r, classes);
  if (!made) return sendJson(res, 404, { error: 'not_found' });
  const nowMs = deps.now();
  const pdf = await renderReport(
    made.content,
    r,
    {
      registerName: `${register.authorityName} – ${register.name}`,
      processName: r.process ? processName(r.process, classes) : '',
      bodyName: made.bodyName,
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
