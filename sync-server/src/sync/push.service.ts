import { randomUUID } from 'node:crypto';
import {
  COLLECTIONS,
  Case,
  type ClassNode,
  Document,
  Party,
  Register,
  SERVER_OWNED_FIELDS,
  canEditCase,
  canEditDocument,
  canQualityAssure,
  canRegisterCase,
  canRegisterDocument,
  canTransitionCase,
  canTransitionDocument,
  changesAccess,
  checkRestrictionChange,
  partyRefsOf,
  type PartyRef,
  documentTypeAllows,
  formatCaseNumber,
  formatDocumentNumber,
  formatFreeDocumentNumber,
  hasPermission,
  initialDocumentStatuses,
  INITIAL_CASE_STATUSES,
  isFinalStatus,
  isMember,
  missingCaseFields,
  missingDocumentFields,
  mayRegisterInProcess,
  newestKey,
  projectRecord,
  swedishDate,
  type AccessSubject,
  type AuditAction,
  type CollectionName,
  type PushRow,
  type Rejection,
  type User,
} from '../../../shared/src';
import { appendAudit, diffRecord } from '../audit/audit';
import type { Storage, StorageTx, StoredRecord } from '../storage/storage';
import type { ContextLoader } from './access-context';
import { applyFlow, refuseUnverifiedSignatures, type FlowSignatureVerifier } from './flow.apply';
import { checkMaskedCopyFields } from './masked-copy.rules';
import { applyRequest } from './request.apply';
import { Refusal, parseStored, schemaProblem } from './refusal';
import { unseenIdTx } from './unseen-id';
import type { ClassificationCache } from './classification-cache';

/** The pushing user, with the state of this session's second factor. */
export type Actor = User & Pick<AccessSubject, 'secondFactorFresh'>;

export interface PushOutcome {
  conflicts: Record<string, unknown>[];
  rejected: Rejection[];
  /** Everything written (records and actor-register entries), for the change feed. */
  written: StoredRecord[];
}

/** Fields a client may not set to anything but the placeholder on a new record. */
const NUMBER_FIELDS: Partial<Record<CollectionName, readonly string[]>> = {
  cases: ['caseNumber', 'serial'],
  documents: ['documentNumber', 'serial'],
};
const PLACEHOLDER: Record<string, unknown> = { caseNumber: '', documentNumber: '', serial: 0 };
const REPLICATION_META = ['_deleted', '_meta', '_rev', '_attachments'];

function withoutMeta(doc: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...doc };
  for (const k of REPLICATION_META) delete copy[k];
  return copy;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Validates and applies pushed rows. Every rule the client shows is checked again here:
 * schema, register membership, rights per process, status machine, mandatory fields, and the
 * server-owned values (numbers, dates, authorship) that a client can never set.
 */
export class PushService {
  constructor(
    private readonly storage: Storage,
    private readonly classes: ClassificationCache,
    private readonly contexts: ContextLoader,
    private readonly now: () => number,
    private readonly newId: () => string = randomUUID,
    private readonly verifyFlowSignature: FlowSignatureVerifier = refuseUnverifiedSignatures,
  ) {}

  async push(user: Actor, collection: CollectionName, rows: PushRow[]): Promise<PushOutcome> {
    const pending: StoredRecord[] = [];
    const outcome = await this.storage.transaction(async (tx) => {
      const out: PushOutcome = { conflicts: [], rejected: [], written: [] };
      for (const row of rows) {
        const id = typeof row.newDocumentState.id === 'string' ? row.newDocumentState.id : '';
        try {
          const result = await this.applyRow(tx, user, collection, row);
          if (result.conflict) pending.push(result.conflict);
          out.written.push(...result.written);
        } catch (err) {
          if (!(err instanceof Refusal)) throw err;
          out.rejected.push({ id, code: err.code, fields: err.fields, detail: err.detail });
          // The client reverts a refused edit to the server's state, sent back as a conflict.
          const current = id ? await tx.getRecord(collection, id) : null;
          if (current) pending.push(current);
        }
      }
      return out;
    });
    // Conflicts are projected like a pull, with the committed surroundings of each record.
    const ctx = await this.contexts.contexts(pending);
    pending.forEach((rec, i) => {
      const visible = projectRecord(user, rec.collection, rec.data as { id: string; registerId: string }, ctx[i]);
      if (visible) outcome.conflicts.push({ ...visible, _deleted: rec.deleted });
    });
    return outcome;
  }

  private async applyRow(tx: StorageTx, user: Actor, collection: CollectionName, row: PushRow): Promise<{ conflict?: StoredRecord; written: StoredRecord[] }> {
    const def = COLLECTIONS[collection];
    if (!def.clientWritable) throw new Refusal('read_only_collection', `${collection} is written by the server only`);
    if (row.newDocumentState._deleted === true) throw new Refusal('forbidden', 'records are annulled, never deleted');
    const proposed = withoutMeta(row.newDocumentState);
    const id = proposed.id;
    if (typeof id !== 'string') throw new Refusal('invalid_schema', 'missing id', ['id']);
    const found = await tx.getRecord(collection, id);
    const visible = found ? projectRecord(user, collection, found.data as { id: string; registerId: string }, (await this.contexts.contexts([found]))[0]) : null;
    // One the user may not see is answered as an id that exists nowhere (no existence oracle).
    const current = visible ? found : null;
    if (found && !visible) tx = unseenIdTx(tx, id);
    if (current && visible) {
      // Access first: what is withheld from the user they may not change, so nothing of such a record.
      if (((visible as { withheld?: string[] }).withheld?.length ?? 0) > 0) throw new Refusal('restricted', `${collection} record ${id} has content withheld from this user`);
      const assumedVersion = row.assumedMasterState?.syncVersion;
      if (assumedVersion !== current.version) return { conflict: current, written: [] };
    } else if (row.assumedMasterState) {
      throw new Refusal('not_found', `no ${collection} record ${id}`);
    }
    const before = current?.data ?? null;
    // Numbers and authorship: a forged value is refused; other server-owned values are replaced.
    for (const f of NUMBER_FIELDS[collection] ?? []) {
      const expected = before ? before[f] : PLACEHOLDER[f];
      if (f in proposed && !sameValue(proposed[f], expected)) throw new Refusal('server_owned_field', `${f} is assigned by the server`, [f]);
    }
    if ('createdBy' in proposed && !sameValue(proposed.createdBy, before ? before.createdBy : user.id)) {
      throw new Refusal('forbidden', 'createdBy must be the signed-in user', ['createdBy']);
    }
    const merged: Record<string, unknown> = { ...proposed };
    for (const f of SERVER_OWNED_FIELDS[collection]) if (before && f in before) merged[f] = before[f];
    const nowMs = this.now();
    const nowIso = new Date(nowMs).toISOString();
    merged.updatedAt = nowIso;
    merged.syncVersion = current?.version ?? 0;
    // What the server withheld from someone is never stored.
    if ('withheld' in merged) merged.withheld = [];
    if ('inheritedRestriction' in merged) merged.inheritedRestriction = 'none';
    if (!before) {
      merged.createdBy = user.id;
      merged.createdAt = nowIso;
    }
    switch (collection) {
      case 'cases':
        return this.applyCase(tx, user, merged, before, nowMs);
      case 'documents':
        return this.applyDocument(tx, user, merged, before, nowMs);
      case 'parties':
        return this.applyParty(tx, user, merged, before, nowIso);
      case 'flows': {
        const r = await applyFlow(tx, user, merged, before, { nowMs, newId: this.newId, verifySignature: this.verifyFlowSignature });
        if (!r.ok) throw new Refusal(r.code, r.detail, r.fields);
        return r;
      }
      case 'requests': {
        const r = await applyRequest(tx, user, merged, before, { nowMs, newId: this.newId });
        if (!r.ok) throw new Refusal(r.code, r.detail, r.fields);
        return r;
      }
      default:
        throw new Refusal('read_only_collection', `${collection} is written by the server only`);
    }
  }

  private parse<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }, value: unknown): T {
    const r = schema.safeParse(value);
    if (!r.success) {
      const { detail, fields } = schemaProblem(r.error.issues);
      throw new Refusal('invalid_schema', detail, fields);
    }
    return r.data;
  }

  private async register(tx: StorageTx, user: User, registerId: string): Promise<Register> {
    if (!isMember(user, registerId)) throw new Refusal('not_member', `not a member of register ${registerId}`, ['registerId']);
    const rec = await tx.getRecord('registers', registerId);
    if (!rec) throw new Refusal('unknown_reference', `unknown register ${registerId}`, ['registerId']);
    return parseStored(Register, rec);
  }

  private async classNode(registerId: string, code: string): Promise<ClassNode | undefined> {
    return (await this.classes.plan(registerId)).get(code);
  }

  private async userInRegister(tx: StorageTx, registerId: string, userId: string, field: string): Promise<void> {
    if (userId === '') return;
    const rec = await tx.getRecord('users', userId);
    const registers = (rec?.data.registerIds as string[] | undefined) ?? [];
    if (!rec || !registers.includes(registerId)) throw new Refusal('unknown_reference', `unknown user ${userId}`, [field]);
  }

  private async applyCase(tx: StorageTx, user: Actor, merged: Record<string, unknown>, before: Record<string, unknown> | null, nowMs: number) {
    const next = this.parse(Case, merged);
    const register = await this.register(tx, user, next.registerId);
    const node = await this.classNode(next.registerId, next.classCode);
    if (!node) throw new Refusal('unknown_reference', `unknown process ${next.classCode}`, ['classCode']);
    await this.userInRegister(tx, next.registerId, next.responsibleUserId, 'responsibleUserId');
    const missing = missingCaseFields(next);
    if (missing.length) throw new Refusal('missing_mandatory_fields', `missing ${missing.join(', ')}`, missing);
    let action: AuditAction = 'create';
    if (!before) {
      if (!canRegisterCase(user, next, node)) {
        throw mayRegisterInProcess(user, node) ? new Refusal('forbidden', 'may not register cases') : new Refusal('process_not_allowed', `may not register in ${next.classCode}`, ['classCode']);
      }
      if (!INITIAL_CASE_STATUSES.includes(next.status)) throw new Refusal('invalid_status_transition', `a new case cannot be ${next.status}`, ['status']);
      const year = Number(swedishDate(nowMs).slice(0, 4));
      const serial = await tx.nextCounter(next.registerId, 'case', year);
      if (serial > 99999) throw new Refusal('number_series_full', 'case series full for the year');
      Object.assign(next, {
        year,
        serial,
        caseNumber: formatCaseNumber(register.casePrefix, year, serial),
        registeredDate: swedishDate(nowMs),
        closedDate: '',
        newestKey: newestKey(nowMs),
        nextDocumentSerial: 1,
      });
    } else {
      const prev = parseStored(Case, { collection: 'cases', id: next.id, data: before });
      if (next.registerId !== prev.registerId) throw new Refusal('forbidden', 'a case cannot move between registers', ['registerId']);
      if (isFinalStatus(prev.status)) throw new Refusal('final_status', `case is ${prev.status}`);
      if (!canEditCase(user, prev)) throw new Refusal('forbidden', 'may not edit this case');
      if (next.classCode !== prev.classCode && !mayRegisterInProcess(user, node)) throw new Refusal('process_not_allowed', `may not use ${next.classCode}`, ['classCode']);
      if (next.status !== prev.status) {
        if (!canTransitionCase(prev.status, next.status, 'manual')) throw new Refusal('invalid_status_transition', `${prev.status} -> ${next.status}`, ['status']);
        if (prev.status === 'registered_unchecked' && !canQualityAssure(user, prev.registerId)) throw new Refusal('forbidden', 'quality assurance needs the quality assurer role', ['status']);
        next.closedDate = next.status === 'closed' ? swedishDate(nowMs) : '';
        action = 'status_change';
      } else {
        next.closedDate = prev.closedDate;
        action = 'update';
      }
    }
    const prevCase = before ? parseStored(Case, { collection: 'cases', id: next.id, data: before }) : null;
    const guardedDocuments = prevCase !== null && prevCase.responsibleUserId !== next.responsibleUserId && (await this.hasGuardedDocuments(tx, next.id));
    await this.checkRestrictions(tx, user, 'cases', prevCase, next, null, register, guardedDocuments);
    const stored = await tx.putRecord('cases', next);
    const audit = await appendAudit(tx, { actor: user, at: next.updatedAt, action, collection: 'cases', record: stored, caseId: next.id, label: next.caseNumber, changes: diffRecord(before, stored.data) }, this.newId);
    const accessChanged = prevCase !== null && changesAccess(prevCase, next);
    const touched = accessChanged ? await this.touchCaseDependents(tx, next.id) : [];
    // The parties the case (or, with its access, its documents) names are projected with it.
    const docParties = accessChanged ? touched.filter((r) => r.collection === 'documents').flatMap((r) => partyRefsOf('documents', r.data)) : [];
    touched.push(...(await this.touchNamedParties(tx, 'cases', prevCase, next, accessChanged, docParties)));
    return { written: [stored, audit, ...touched] };
  }

  private async applyDocument(tx: StorageTx, user: Actor, merged: Record<string, unknown>, before: Record<string, unknown> | null, nowMs: number) {
    const next = this.parse(Document, merged);
    const register = await this.register(tx, user, next.registerId);
    const node = await this.classNode(next.registerId, next.classCode);
    if (!node) throw new Refusal('unknown_reference', `unknown process ${next.classCode}`, ['classCode']);
    const typeRec = await tx.getRecord('doctypes', next.documentTypeId);
    if (!typeRec || typeRec.registerId !== next.registerId) throw new Refusal('unknown_reference', `unknown document type ${next.documentTypeId}`, ['documentTypeId']);
    if (!documentTypeAllows({ classCodes: (typeRec.data.classCodes as string[] | undefined) ?? [] }, next.classCode)) {
      throw new Refusal('unknown_reference', `document type ${next.documentTypeId} is not used in ${next.classCode}`, ['documentTypeId']);
    }
    await this.userInRegister(tx, next.registerId, next.responsibleUserId, 'responsibleUserId');
    let parentCase: Case | null = null;
    if (next.caseId !== '') {
      const caseRec = await tx.getRecord('cases', next.caseId);
      if (!caseRec || caseRec.registerId !== next.registerId) throw new Refusal('unknown_reference', `unknown case ${next.caseId}`, ['caseId']);
      parentCase = parseStored(Case, caseRec);
    }
    const missing = missingDocumentFields(next);
    if (missing.length) throw new Refusal('missing_mandatory_fields', `missing ${missing.join(', ')}`, missing);
    const written: StoredRecord[] = [];
    let action: AuditAction = 'create';
    if (!before) {
      if (!canRegisterDocument(user, next, parentCase, node)) {
        throw mayRegisterInProcess(user, node) ? new Refusal('forbidden', 'may not register this document') : new Refusal('process_not_allowed', `may not register in ${next.classCode}`, ['classCode']);
      }
      if (parentCase && isFinalStatus(parentCase.status)) throw new Refusal('final_status', `case is ${parentCase.status}`, ['caseId']);
      if (!initialDocumentStatuses(next.direction).includes(next.status)) throw new Refusal('invalid_status_transition', `a new ${next.direction} document cannot be ${next.status}`, ['status']);
      const year = Number(swedishDate(nowMs).slice(0, 4));
      if (parentCase) {
        const serial = parentCase.nextDocumentSerial;
        next.documentNumber = formatDocumentNumber(parentCase.caseNumber, serial);
        next.serial = serial;
        const updatedCase = { ...parentCase, nextDocumentSerial: serial + 1, updatedAt: next.updatedAt };
        written.push(await tx.putRecord('cases', updatedCase));
      } else {
        const serial = await tx.nextCounter(next.registerId, 'free', year);
        if (serial > 99999) throw new Refusal('number_series_full', 'free-standing series full for the year');
        next.documentNumber = formatFreeDocumentNumber(register.freeDocumentPrefix, year, serial);
        next.serial = serial;
      }
      next.registeredDate = next.status === 'draft' ? '' : swedishDate(nowMs);
      next.newestKey = newestKey(nowMs);
      next.qualityAssuredBy = '';
    } else {
      const prev = parseStored(Document, { collection: 'documents', id: next.id, data: before });
      if (next.registerId !== prev.registerId || next.caseId !== prev.caseId) throw new Refusal('forbidden', 'a document cannot move between registers or cases', ['caseId']);
      if (next.direction !== prev.direction) throw new Refusal('forbidden', 'the direction of a registered document cannot change', ['direction']);
      if (isFinalStatus(prev.status)) throw new Refusal('final_status', `document is ${prev.status}`);
      if (!canEditDocument(user, prev, parentCase)) throw new Refusal('forbidden', 'may not edit this document');
      if (next.classCode !== prev.classCode && !mayRegisterInProcess(user, node)) throw new Refusal('process_not_allowed', `may not use ${next.classCode}`, ['classCode']);
      action = 'update';
      if (next.status !== prev.status) {
        if (!canTransitionDocument(prev.direction, prev.status, next.status, 'manual')) throw new Refusal('invalid_status_transition', `${prev.status} -> ${next.status}`, ['status']);
        if (prev.status === 'registered_unchecked' && !canQualityAssure(user, prev.registerId)) throw new Refusal('forbidden', 'quality assurance needs the quality assurer role', ['status']);
        if (next.status === 'registered') next.qualityAssuredBy = user.id;
        if (prev.status === 'draft') next.registeredDate = swedishDate(nowMs);
        action = 'status_change';
      }
    }
    const prevDoc = before ? parseStored(Document, { collection: 'documents', id: next.id, data: before }) : null;
    const masking = await checkMaskedCopyFields(tx, user, prevDoc, next, parentCase, next.updatedAt);
    if (!masking.ok) throw new Refusal(masking.code, masking.detail, masking.fields);
    next.redactionDrafts = masking.redactionDrafts;
    await this.checkRestrictions(tx, user, 'documents', prevDoc, next, parentCase, register);
    const stored = await tx.putRecord('documents', next);
    written.push(stored);
    written.push(await appendAudit(tx, { actor: user, at: next.updatedAt, action, collection: 'documents', record: stored, caseId: next.caseId, label: next.documentNumber, changes: diffRecord(before, stored.data) }, this.newId));
    const accessChanged = prevDoc !== null && changesAccess(prevDoc, next);
    if (accessChanged) written.push(...(await this.touchDocumentDependents(tx, next.id)));
    written.push(...(await this.touchNamedParties(tx, 'documents', prevDoc, next, accessChanged, [])));
    return { written };
  }

  private async checkRestrictions<T extends Case | Document>(
    tx: StorageTx,
    user: Actor,
    collection: 'cases' | 'documents',
    before: T | null,
    next: T,
    parentCase: Case | null,
    register: Register,
    guardedDocuments = false,
  ): Promise<void> {
    const problem = checkRestrictionChange(user, collection, before, next, parentCase, register.legalGrounds, guardedDocuments);
    if (problem) throw new Refusal(problem.code, problem.detail, 'fields' in problem ? problem.fields : []);
    for (const userId of next.accessUserIds) await this.userInRegister(tx, next.registerId, userId, 'accessUserIds');
    for (const groupId of next.accessGroupIds) {
      const group = await tx.getRecord('groups', groupId);
      if (!group || group.registerId !== next.registerId) throw new Refusal('unknown_reference', `unknown group ${groupId}`, ['accessGroupIds']);
    }
  }

  private async hasGuardedDocuments(tx: StorageTx, caseId: string): Promise<boolean> {
    const docs = await tx.listWhere('documents', 'caseId', caseId);
    return docs.some((d) => {
      const doc = d.data as Partial<Document>;
      return (doc.restrictionKind ?? 'none') !== 'none' || (doc.shields?.length ?? 0) > 0 || (doc.fileRestrictions?.length ?? 0) > 0;
    });
  }

  /** Who may read a case's documents, files, history, flows and requests changed with it: re-send them. */
  private async touchCaseDependents(tx: StorageTx, caseId: string): Promise<StoredRecord[]> {
    return [
      ...(await tx.touchWhere('documents', 'caseId', caseId)),
      ...(await tx.touchWhere('files', 'caseId', caseId)),
      ...(await tx.touchWhere('audit', 'caseId', caseId)),
      ...(await tx.touchWhere('flows', 'caseId', caseId)),
      ...(await tx.touchWhere('requests', 'caseId', caseId)),
    ];
  }

  /**
   * A party named in a guarded record inherits its protection: when who may read the record
   * changes, or which parties the record names, those parties (and the entries about them)
   * are re-sent so every replica holds them as now projected.
   */
  private async touchNamedParties(
    tx: StorageTx,
    collection: 'cases' | 'documents',
    before: Case | Document | null,
    after: Case | Document,
    accessChanged: boolean,
    more: readonly PartyRef[],
  ): Promise<StoredRecord[]> {
    const refs = [...partyRefsOf(collection, before as Record<string, unknown> | null), ...partyRefsOf(collection, after as unknown as Record<string, unknown>), ...more];
    const key = (rs: PartyRef[]) => JSON.stringify(rs.map((r) => `${r.field}:${r.partyId}`).sort());
    const linksChanged = key(partyRefsOf(collection, before as Record<string, unknown> | null)) !== key(partyRefsOf(collection, after as unknown as Record<string, unknown>));
    // A changed link may hide or reveal a party whatever the record's own protection (its case's counts too).
    if (!accessChanged && !linksChanged) return [];
    const ids = [...new Set(refs.map((r) => r.partyId))];
    const parties = await tx.touchIds('parties', ids);
    const audit: StoredRecord[] = [];
    for (const id of ids) audit.push(...(await tx.touchWhere('audit', 'recordId', id)));
    return [...parties, ...audit];
  }

  private async touchDocumentDependents(tx: StorageTx, documentId: string): Promise<StoredRecord[]> {
    const files = await tx.touchWhere('files', 'documentId', documentId);
    const audit = await tx.touchWhere('audit', 'recordId', documentId);
    for (const f of files) audit.push(...(await tx.touchWhere('audit', 'recordId', f.id)));
    return [...files, ...audit, ...(await tx.touchWhere('flows', 'documentId', documentId))];
  }

  private async applyParty(tx: StorageTx, user: Actor, merged: Record<string, unknown>, before: Record<string, unknown> | null, _nowIso: string) {
    delete merged.createdBy;
    delete merged.createdAt;
    const next = this.parse(Party, merged);
    await this.register(tx, user, next.registerId);
    if (!hasPermission(user, 'party.edit')) throw new Refusal('forbidden', 'may not edit parties');
    if (before && before.registerId !== next.registerId) throw new Refusal('forbidden', 'a party cannot move between registers', ['registerId']);
    if (before?.protectedIdentity === true && !next.protectedIdentity) {
      // Lifting a protection is a restriction decision: the responsible officer of a record naming
      // the party, or a quality assurer (both already shown to see the identity: access first).
      const [ctx] = await this.contexts.contexts([{ collection: 'parties', id: next.id, registerId: next.registerId, seq: 0, version: 0, deleted: false, data: before }]);
      const responsible = (ctx?.partyLinks ?? []).some((l) => l.record.responsibleUserId === user.id || l.parentCase?.responsibleUserId === user.id);
      if (!responsible && !hasPermission(user, 'restriction.lift')) throw new Refusal('forbidden', 'only the responsible officer or a quality assurer may lift protected personal data', ['protectedIdentity']);
    }
    const stored = await tx.putRecord('parties', next);
    const audit = await appendAudit(tx, { actor: user, at: next.updatedAt, action: before ? 'update' : 'create', collection: 'parties', record: stored, caseId: '', label: next.name, changes: diffRecord(before, stored.data) }, this.newId);
    return { written: [stored, audit] };
  }
}
