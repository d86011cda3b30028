import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  COLLECTIONS,
  SYSTEM_ROLES,
  canRegisterCase,
  canRegisterDocument,
  formatCaseNumber,
  formatDocumentNumber,
  formatFreeDocumentNumber,
  missingCaseFields,
  missingDocumentFields,
  missingMinimumRegistration,
  newestKey,
  parseNumber,
  swedishDate,
  type CollectionName,
  type Document,
} from '../../../shared/src';
import {
  DISPOSAL_DUE_FREE_EMAILS,
  KLASSA_2_1,
  KLASSA_CREDIT,
  LEGAL_GROUNDS,
  POLITICAL_DOCUMENT_TYPES,
  buildDemoData,
  doctypeAllowsClass,
  type DemoData,
} from './demo-data';
import { disposalDue } from '../../../shared/src/rules/disposal';
import { documentListKey } from '../../../shared/src/rules/list-key';

const NOW = Date.UTC(2026, 10, 26);
const data = buildDemoData({ seed: 1, nowMs: NOW });

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

function collections(d: DemoData): [CollectionName, readonly { id: string }[]][] {
  return [
    ['registers', d.registers],
    ['classes', d.classes],
    ['doctypes', d.doctypes],
    ['users', d.users.map((u) => u.user)],
    ['groups', d.groups],
    ['parties', d.parties],
    ['cases', d.cases],
    ['documents', d.documents],
    ['meetings', d.meetings],
  ];
}

const caseById = new Map(data.cases.map((c) => [c.id, c]));
const usersById = new Map(data.users.map((u) => [u.user.id, u.user]));
const classKey = (registerId: string, code: string) => `${registerId}|${code}`;
const classByKey = new Map(data.classes.map((c) => [classKey(c.registerId, c.code), c]));
const doctypeById = new Map(data.doctypes.map((t) => [t.id, t]));
const registerById = new Map(data.registers.map((r) => [r.id, r]));
const freeDocuments = data.documents.filter((d) => d.caseId === '');
const caseDocuments = data.documents.filter((d) => d.caseId !== '');

describe('buildDemoData', () => {
  it('produces records that parse unchanged with their schemas', () => {
    const failures: string[] = [];
    for (const [name, records] of collections(data)) {
      for (const r of records) {
        const parsed = COLLECTIONS[name].schema.safeParse(r);
        if (!parsed.success) failures.push(`${name} ${r.id}: ${parsed.error.message}`);
        // zod drops unknown keys: equality proves there are none.
        else if (JSON.stringify(parsed.data) !== JSON.stringify(r)) failures.push(`${name} ${r.id}: unknown fields`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('has the expected sizes', () => {
    expect(data.registers.map((r) => [r.id, r.casePrefix, r.freeDocumentPrefix, r.name])).toEqual([
      ['reg-ks', 'KS', 'KSH', 'Kommunstyrelsen'],
      ['reg-sn', 'SN', 'SNH', 'Socialnämnden'],
    ]);
    expect(new Set(data.registers.map((r) => r.authorityName))).toEqual(new Set(['Exempelkommun']));
    for (const r of data.registers) expect(r.classificationCredit).toContain(KLASSA_CREDIT);
    // 300 generated, the case of the showcase's open information request (demo/showcase.ts) and
    // the complaint case due for disposal.
    expect(data.cases.filter((c) => c.registerId === 'reg-ks')).toHaveLength(302);
    const snCases = data.cases.filter((c) => c.registerId === 'reg-sn').length;
    expect(snCases).toBeGreaterThanOrEqual(24);
    expect(snCases).toBeLessThan(60);
    expect(freeDocuments.filter((d) => d.registerId === 'reg-ks')).toHaveLength(20 + DISPOSAL_DUE_FREE_EMAILS);
    expect(data.parties.length).toBeGreaterThanOrEqual(35);
    expect(data.parties.length).toBeLessThanOrEqual(50);
    for (const reg of ['reg-ks', 'reg-sn']) {
      expect(data.doctypes.filter((t) => t.registerId === reg).length).toBeGreaterThanOrEqual(20);
    }
  });

  it('respects caseCount', () => {
    const small = buildDemoData({ seed: 7, nowMs: NOW, caseCount: 25 });
    // caseCount generated, besides the showcase's request case where the register has the showcase
    // and the complaint case due for disposal.
    expect(small.cases.filter((c) => c.registerId === 'reg-ks' && c.id !== small.requests[0]?.caseId)).toHaveLength(26);
  });

  it('has unique ids per collection', () => {
    for (const [name, records] of collections(data)) {
      expect(new Set(records.map((r) => r.id)).size, name).toBe(records.length);
    }
  });

  it('numbers cases gap-free from 1 per register and year', () => {
    for (const [key, cases] of groupBy(data.cases, (c) => `${c.registerId}|${c.year}`)) {
      const serials = cases.map((c) => c.serial).sort((a, b) => a - b);
      expect(serials, key).toEqual(serials.map((_, i) => i + 1));
      for (const c of cases) {
        expect(c.caseNumber).toBe(formatCaseNumber(registerById.get(c.registerId)!.casePrefix, c.year, c.serial));
        expect(parseNumber(c.caseNumber)).toEqual({
          prefix: registerById.get(c.registerId)!.casePrefix,
          year: c.year,
          serial: c.serial,
          documentSerial: null,
        });
      }
    }
    expect(new Set(data.cases.map((c) => c.caseNumber)).size).toBe(data.cases.length);
    // Serials follow registration order.
    for (const cases of groupBy(data.cases, (c) => `${c.registerId}|${c.year}`).values()) {
      const bySerial = [...cases].sort((a, b) => a.serial - b.serial);
      expect(bySerial.map((c) => c.createdAt)).toEqual([...bySerial.map((c) => c.createdAt)].sort());
    }
  });

  it('numbers free-standing documents gap-free in their own series', () => {
    for (const [key, docs] of groupBy(freeDocuments, (d) => `${d.registerId}|${d.registeredDate.slice(0, 4)}`)) {
      const serials = docs.map((d) => d.serial).sort((a, b) => a - b);
      expect(serials, key).toEqual(serials.map((_, i) => i + 1));
      for (const d of docs) {
        const reg = registerById.get(d.registerId)!;
        expect(d.documentNumber).toBe(formatFreeDocumentNumber(reg.freeDocumentPrefix, Number(d.registeredDate.slice(0, 4)), d.serial));
      }
    }
  });

  it('numbers documents in a case 1..n and keeps nextDocumentSerial', () => {
    const byCase = groupBy(caseDocuments, (d) => d.caseId);
    for (const c of data.cases) {
      const docs = (byCase.get(c.id) ?? []).sort((a, b) => a.serial - b.serial);
      expect(docs.length, c.caseNumber).toBeGreaterThanOrEqual(1);
      expect(docs.length, c.caseNumber).toBeLessThanOrEqual(6);
      expect(docs.map((d) => d.serial)).toEqual(docs.map((_, i) => i + 1));
      expect(c.nextDocumentSerial).toBe(docs.length + 1);
      for (const d of docs) {
        expect(d.documentNumber).toBe(formatDocumentNumber(c.caseNumber, d.serial));
        expect(d.registerId).toBe(c.registerId);
        expect(d.classCode).toBe(c.classCode);
        expect(d.registeredDate >= c.registeredDate).toBe(true);
        if (c.status === 'closed') expect(d.registeredDate <= c.closedDate).toBe(true);
      }
    }
    for (const d of caseDocuments) expect(caseById.has(d.caseId)).toBe(true);
    expect(new Set(data.documents.map((d) => d.documentNumber)).size).toBe(data.documents.length);
  });

  it("uses document types that allow the document's classification", () => {
    for (const d of data.documents) {
      const type = doctypeById.get(d.documentTypeId);
      expect(type, d.documentTypeId).toBeDefined();
      expect(type!.registerId).toBe(d.registerId);
      expect(doctypeAllowsClass(type!, d.classCode), `${d.documentNumber} ${type!.name} in ${d.classCode}`).toBe(true);
    }
  });

  it('classifies cases and documents in selectable processes of their own register', () => {
    for (const r of [...data.cases, ...data.documents]) {
      const node = classByKey.get(classKey(r.registerId, r.classCode));
      expect(node?.selectable, `${r.id} ${r.classCode}`).toBe(true);
    }
  });

  it('builds a consistent municipal classification plan', () => {
    for (const reg of data.registers) {
      const nodes = data.classes.filter((c) => c.registerId === reg.id);
      const codes = new Set(nodes.map((n) => n.code));
      expect(codes.size).toBe(nodes.length);
      const parents = new Set(nodes.map((n) => n.parentCode));
      for (const n of nodes) {
        expect(n.level).toBe(n.code.split('.').length);
        if (n.level === 1) expect(n.parentCode).toBe('');
        else expect(codes.has(n.parentCode), `${n.code} → ${n.parentCode}`).toBe(true);
        expect(n.local).toBe(n.level === 4);
        const leaf = !parents.has(n.code);
        expect(n.selectable, n.code).toBe(leaf && n.level >= 3);
        expect(n.id).toMatch(/^cls-(ks|sn)-[0-9-]+$/);
      }
      // 3.9–3.13 are regional.
      for (const area of ['3.9', '3.10', '3.11', '3.12', '3.13']) expect(codes.has(area)).toBe(false);
      expect(codes.has('3.8')).toBe(true);
      expect(nodes.filter((n) => n.local).length).toBeGreaterThanOrEqual(12);
      for (const code of ['1.1.3.1', '1.1.3.2', '1.1.3.3']) expect(codes.has(code)).toBe(true);
      expect(nodes.filter((n) => n.registrationGroupIds.length > 0).map((n) => [n.code, n.registrationGroupIds])).toEqual([
        ['2.3.6.1', ['grp-hr']],
      ]);
      // Every code a document type names exists in the plan.
      for (const t of data.doctypes.filter((x) => x.registerId === reg.id)) {
        for (const code of t.classCodes) expect(codes.has(code), `${t.name}: ${code}`).toBe(true);
      }
    }
    expect(data.groups.map((g) => g.id)).toContain('grp-hr');
  });

  it('labels invented retention rules and keeps the real ones', () => {
    const ks = data.doctypes.filter((t) => t.registerId === 'reg-ks');
    const names = ks.map((t) => t.name);
    for (const name of [
      'Beslut',
      'Tjänsteskrivelse',
      'Tjänsteutlåtande',
      'Protokoll',
      'Protokollsutdrag',
      'Kallelse med föredragningslista',
      'Motion',
      'Medborgarförslag',
      'Synpunkt',
      'Avtal',
      'Delegationsbeslut',
      'Yttrande',
      'Remiss',
      'Skrivelse',
      'Faktura-underlag',
      'Ansökan',
      'Anmälan',
      'Överklagande',
      'Minnesanteckningar',
      'E-post',
    ]) {
      expect(names).toContain(name);
    }
    expect(
      ks
        .filter((t) => !t.demoRule)
        .map((t) => t.name)
        .sort(),
    ).toEqual(
      [
        'Delegationsbeslut',
        'Kallelse med föredragningslista',
        'Protokoll',
        'Protokoll MBL',
        'Underlag för utbetalning av sammanträdesarvoden',
      ].sort(),
    );
    for (const t of ks) {
      if (t.demoRule) expect(t.retention.explanation).toMatch(/^Demoregel/);
      else expect(t.retention.explanation).toMatch(/Källa: /);
    }
    expect(new Set(ks.map((t) => t.retention.action))).toEqual(new Set(['preserve', 'dispose']));
  });

  it('fills the mandatory fields of every registration', () => {
    for (const d of data.documents) {
      expect(missingDocumentFields(d), d.documentNumber).toEqual([]);
      expect(missingMinimumRegistration(d), d.documentNumber).toEqual([]);
    }
    for (const c of data.cases) expect(missingCaseFields(c), c.caseNumber).toEqual([]);
    const directions = new Set(data.documents.map((d) => d.direction));
    expect(directions).toEqual(new Set(['incoming', 'outgoing', 'created']));
    const ofDirection = (d: Document) => [d.receivedDate !== '', d.dispatchedDate !== '', d.createdDate !== ''];
    for (const d of data.documents) {
      expect(ofDirection(d)).toEqual([d.direction === 'incoming', d.direction === 'outgoing', d.direction === 'created']);
      if (d.direction === 'incoming') expect(d.receivedDate <= d.registeredDate).toBe(true);
      if (d.direction === 'created') expect(d.createdDate <= d.registeredDate).toBe(true);
    }
  });

  it('refers only to parties and users of the same register', () => {
    const partyById = new Map(data.parties.map((p) => [p.id, p]));
    for (const c of data.cases) {
      for (const p of c.partyIds) expect(partyById.get(p)?.registerId).toBe(c.registerId);
      expect(usersById.get(c.responsibleUserId)?.registerIds).toContain(c.registerId);
    }
    for (const d of data.documents) {
      for (const p of [d.senderPartyId, d.recipientPartyId]) if (p) expect(partyById.get(p)?.registerId).toBe(d.registerId);
      expect(usersById.get(d.responsibleUserId)?.registerIds).toContain(d.registerId);
    }
    for (const p of data.parties) expect(p.idNumber).toBe('');
  });

  it('has registrations the access policy would have allowed', () => {
    for (const c of data.cases) {
      const node = classByKey.get(classKey(c.registerId, c.classCode));
      expect(canRegisterCase(usersById.get(c.createdBy)!, c, node), `${c.caseNumber} by ${c.createdBy}`).toBe(true);
    }
    for (const d of data.documents) {
      const node = classByKey.get(classKey(d.registerId, d.classCode));
      const parent = d.caseId ? caseById.get(d.caseId)! : null;
      expect(canRegisterDocument(usersById.get(d.createdBy)!, d, parent, node), `${d.documentNumber} by ${d.createdBy}`).toBe(true);
    }
  });

  it('mixes statuses sensibly', () => {
    const count = (s: string) => data.cases.filter((c) => c.status === s).length;
    expect(count('registered')).toBeGreaterThan(data.cases.length / 2);
    expect(count('closed')).toBeGreaterThan(20);
    expect(count('registered_unchecked')).toBeGreaterThan(0);
    expect(count('registered_unchecked')).toBeLessThan(count('registered'));
    for (const c of data.cases) expect(c.closedDate !== '').toBe(c.status === 'closed');
    for (const d of data.documents) {
      expect(['registered', 'registered_unchecked']).toContain(d.status);
      expect(d.qualityAssuredBy !== '').toBe(d.status === 'registered');
      const parent = d.caseId ? caseById.get(d.caseId)! : null;
      if (parent?.status === 'closed') expect(d.status).toBe('registered');
    }
  });

  it('dates everything in the two years before now (the records due for disposal three years back), with shared rules', () => {
    const twoYears = swedishDate(NOW - 735 * 86_400_000);
    const earliest = swedishDate(NOW - 3 * 365 * 86_400_000 - 5 * 86_400_000);
    const today = swedishDate(NOW);
    const older = [...data.cases, ...data.documents].filter((r) => r.registeredDate < twoYears);
    expect(older.map((r) => ('caseNumber' in r ? 'case' : r.caseId ? 'in case' : 'free'))).toEqual([
      'case',
      'in case',
      'in case',
      ...Array.from({ length: DISPOSAL_DUE_FREE_EMAILS }, () => 'free'),
    ]);
    for (const r of [...data.cases, ...data.documents]) {
      const at = Date.parse(r.createdAt);
      expect(at).toBeLessThanOrEqual(NOW);
      expect(r.registeredDate >= earliest && r.registeredDate <= today).toBe(true);
      expect(r.registeredDate).toBe(swedishDate(at));
      expect(r.newestKey).toBe(newestKey(at));
      expect(Date.parse(r.updatedAt)).toBeGreaterThanOrEqual(at);
      expect(Date.parse(r.updatedAt)).toBeLessThanOrEqual(NOW);
      expect(r.syncVersion).toBe(1);
    }
    for (const c of data.cases) expect(c.year).toBe(Number(c.registeredDate.slice(0, 4)));
    for (const c of data.cases.filter((x) => x.status === 'closed'))
      expect(c.closedDate >= c.registeredDate && c.closedDate <= today).toBe(true);
  });

  it('has documents and a case due for disposal today, so the archivist has proposals (#/gallring)', () => {
    const rules = new Map(data.doctypes.map((t) => [t.id, t.retention]));
    const due = disposalDue({
      documents: data.documents,
      cases: data.cases,
      rules,
      holds: [],
      requests: data.requests,
      today: swedishDate(NOW),
    });
    expect(due.documents.filter((d) => d.blockers.length === 0).length).toBeGreaterThanOrEqual(2 + DISPOSAL_DUE_FREE_EMAILS);
    const complaint = data.cases.find((c) => c.title === 'Synpunkt på snöröjningen vid Kvarngatan')!;
    expect(due.cases.map((c) => c.case.id)).toContain(complaint.id);
  });

  it('has one user per system role with the demo logins', () => {
    for (const role of SYSTEM_ROLES)
      expect(
        data.users.some((u) => u.user.roles.includes(role)),
        role,
      ).toBe(true);
    expect(data.users.map((u) => [u.user.username, u.user.displayName, u.user.roles.join()])).toEqual([
      ['registrator', 'Anna Lind', 'registrar'],
      ['registrator2', 'Johan Falk', 'registrar'],
      ['handlaggare', 'Erik Berg', 'case_officer'],
      ['kvalitet', 'Sara Holm', 'quality_assurer'],
      ['arkivarie', 'Lars Ek', 'archivist'],
      ['admin', 'Maria Nord', 'administrator'],
      ['mote', 'Karin Sjö', 'meeting_coordinator'],
      ['mote2', 'Lena Vik', 'meeting_coordinator'],
      ['lasare', 'Olle Ström', 'reader'],
      ['politiker', 'Eva Ahl', 'elected_official'],
      ['sn.registrator', 'Nils Dahl', 'registrar'],
    ]);
    for (const { user, password } of data.users) {
      expect(password).toBe('demo1234');
      expect(user.id).toBe(`usr-${user.username.replace('.', '-')}`);
      expect(user.registerIds).toEqual(user.username === 'sn.registrator' ? ['reg-sn'] : ['reg-ks']);
      for (const g of user.groupIds) expect(data.groups.map((x) => x.id)).toContain(g);
    }
    for (const g of data.groups) expect(data.users.filter((u) => u.user.groupIds.includes(g.id)).length, g.id).toBeGreaterThanOrEqual(2);
  });

  it('gives Socialnämnden its own cases, unseen by Kommunstyrelsen users', () => {
    const sn = data.cases.filter((c) => c.registerId === 'reg-sn');
    expect(sn.every((c) => c.caseNumber.startsWith('SN '))).toBe(true);
    expect(data.classes.some((c) => c.registerId === 'reg-sn')).toBe(true);
    expect(data.doctypes.some((t) => t.registerId === 'reg-sn')).toBe(true);
    const ksOnly = data.users.filter((u) => !u.user.registerIds.includes('reg-sn'));
    expect(ksOnly.length).toBe(10);
  });

  describe('determinism', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it('gives the same register for the same seed, whatever the clock says', () => {
      vi.useFakeTimers();
      vi.setSystemTime(Date.UTC(2030, 0, 1));
      const again = buildDemoData({ seed: 1, nowMs: NOW });
      vi.setSystemTime(Date.UTC(2001, 5, 1));
      const third = buildDemoData({ seed: 1, nowMs: NOW });
      expect(again).toEqual(data);
      expect(third).toEqual(data);
    });

    it('gives a different register for another seed', () => {
      const other = buildDemoData({ seed: 2, nowMs: NOW });
      expect(other.cases.map((c) => c.title)).not.toEqual(data.cases.map((c) => c.title));
      expect(other.classes).toEqual(data.classes);
    });

    it('moves with nowMs', () => {
      const later = buildDemoData({ seed: 1, nowMs: NOW + 365 * 86_400_000 });
      expect(later.cases).toHaveLength(data.cases.length);
      expect(later.cases[0]!.registeredDate > data.cases[0]!.registeredDate).toBe(true);
      expect(later.cases.at(-1)!.registeredDate > data.cases.at(-1)!.registeredDate).toBe(true);
    });
  });
});

describe('bundled reference data', () => {
  it('is complete', () => {
    expect(KLASSA_2_1).toHaveLength(187);
    expect(KLASSA_2_1.filter((r) => r.region).map((r) => r.code.split('.').slice(0, 2).join('.'))).toEqual(
      expect.arrayContaining(['3.9', '3.10', '3.11', '3.12', '3.13']),
    );
    expect(KLASSA_2_1.filter((r) => r.region).every((r) => /^3\.(9|1[0-3])(\.|$)/.test(r.code))).toBe(true);
    expect(LEGAL_GROUNDS).toHaveLength(21);
    for (const g of LEGAL_GROUNDS) expect(g.reference).toMatch(/^OSL \d+ kap\. \d+ §$/);
    expect(POLITICAL_DOCUMENT_TYPES).toHaveLength(17);
  });
});

describe('the demo documents’ list keys', () => {
  // The demo's dates move with the day it is seeded; a date set after the key was derived showed
  // as a row out of "Nyast först" order on some days only (e2e documents-list, 2026-12-07).
  it.each(Array.from({ length: 10 }, (_, i) => Date.UTC(2026, 11, 7, 14) + i * 1.3 * 86_400_000))(
    'are derived from the date each document shows (seeded at %i)',
    (nowMs) => {
      const stale = buildDemoData({ seed: 1, nowMs }).documents.filter((d) => d.listKey !== documentListKey(d));
      expect(stale.map((d) => d.documentNumber)).toEqual([]);
    },
  );
});
