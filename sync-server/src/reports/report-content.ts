/**
 * The content of a report from the records this user receives (each collection read as a pull
 * reads it, `readableRecords`), modelled by the pure functions. Counts are over those records
 * only: a flow on a restricted target the user may not read is not counted at all; an agenda item
 * reporting a restricted case reaches every reader of the register (its § and existence are
 * public in the minutes) and is counted and listed with its title withheld.
 */
import type { Case, ClassNode, Document, DocumentType, Flow } from '../../../shared/src';
import type { MeetingRecord } from '../../../shared/src/model/meeting';
import type { ReportKind, ReportRequest } from '../../../shared/src/protocol/reports';
import { bodiesOf, decisionStatistics, officialStatistics } from '../../../shared/src/rules/body-statistics';
import { flowStatistics } from '../../../shared/src/rules/flow-statistics';
import type { AccessSubject } from '../../../shared/src';
import type { Storage } from '../storage/storage';
import type { ContextLoader } from '../sync/access-context';
import { readableRecords } from './readable-records';
import { caseRegisterRows, caseStatistics, decisionReport, documentRegisterRows, inProcess, typedFlows } from './report-model';
import type { ReportContent } from './render-report';

export interface ContentDeps {
  storage: Storage;
  contexts: ContextLoader;
}

/** The content, with the body's name for the heading; `null` when the body asked for is not one the user receives. */
export async function reportContent(
  deps: ContentDeps,
  subject: AccessSubject,
  kind: ReportKind,
  r: ReportRequest,
  classes: ReadonlyMap<string, ClassNode>,
): Promise<{ content: ReportContent; bodyName: string } | null> {
  const read = <T>(collection: Parameters<typeof readableRecords>[2]) => readableRecords<T>(deps, subject, collection, r.registerId);
  switch (kind) {
    case 'document-register':
      return { content: { kind, rows: documentRegisterRows(await read<Document>('documents'), r) }, bodyName: '' };
    case 'case-register':
      return { content: { kind, rows: caseRegisterRows(await read<Case>('cases'), r, classes) }, bodyName: '' };
    case 'case-statistics':
      return { content: { kind, stats: caseStatistics(await read<Case>('cases'), r, classes) }, bodyName: '' };
    case 'signing-statistics': {
      const [flows, documents, cases, types] = await Promise.all([
        read<Flow>('flows'),
        read<Document>('documents'),
        read<Case>('cases'),
        read<DocumentType>('doctypes'),
      ]);
      const typed = typedFlows(
        flows,
        new Map(documents.map((d) => [d.id, d])),
        new Map(cases.map((c) => [c.id, c])),
        new Map(types.map((t) => [t.id, t.name])),
        r.process,
      );
      return { content: { kind, stats: flowStatistics(typed, r) }, bodyName: '' };
    }
    case 'official-statistics':
    case 'decision-statistics': {
      const records = await read<MeetingRecord>('meetings');
      const bodyId = r.bodyId ?? '';
      const bodies = bodiesOf(records, bodyId);
      if (bodyId !== '' && bodies.length === 0) return null;
      const bodyName = bodyId ? bodies[0]!.title : '';
      if (kind === 'official-statistics') return { content: { kind, bodies: officialStatistics(bodies, records, r) }, bodyName };
      const cases = await read<Case>('cases');
      const stats = decisionStatistics(bodies, records, records, new Map(cases.map((c) => [c.id, c.classCode])), r, (code) =>
        inProcess(code, r.process),
      );
      return { content: { kind, bodies: decisionReport(stats, classes) }, bodyName };
    }
  }
}
