import { describe, expect, it } from 'vitest';
import type { ClassNode, DocumentType, User } from '../../../../shared/src';
import { buildCase, buildDocument } from '../records';
import { doctypesForProcess, matchProcesses, normalizeDate, validateCase, validateDocument } from './registration';

function node(code: string, title: string, selectable = true, groups: string[] = []): ClassNode {
  return {
    id: `cls-${code.replaceAll('.', '-')}`,
    registerId: 'reg-ks',
    syncVersion: 1,
    updatedAt: '',
    code,
    title,
    level: code.split('.').length,
    parentCode: '',
    selectable,
    registrationGroupIds: groups,
    local: false,
  };
}
const classes = [
  node('1.1.3', 'Nämnd', false),
  node('1.1.3.2', 'Motioner'),
  node('1.1.3.3', 'Medborgarförslag'),
  node('1.4.2.1', 'Synpunkter och klagomål'),
  node('2.3.6.1', 'Personalärenden', true, ['grp-hr']),
];

function doctype(id: string, codes: string[]): DocumentType {
  return {
    id,
    registerId: 'reg-ks',
    syncVersion: 1,
    updatedAt: '',
    name: id,
    classCodes: codes,
    retention: { action: 'preserve', explanation: '' },
    demoRule: true,
  };
}

const user: User = {
  id: 'usr-registrator',
  registerId: 'reg-ks',
  syncVersion: 1,
  updatedAt: '',
  username: 'registrator',
  displayName: 'Anna Lind',
  roles: ['registrar'],
  registerIds: ['reg-ks'],
  groupIds: [],
  active: true,
};
const clock = { nowMs: Date.UTC(2026, 2, 5, 10), id: 'c0ffee00-0000-4000-8000-000000000001' };

describe('matchProcesses', () => {
  it('finds by code prefix and by title words, selectable nodes only', () => {
    expect(matchProcesses(classes, '1.1.3').map((c) => c.code)).toEqual(['1.1.3.2', '1.1.3.3']);
    expect(matchProcesses(classes, 'medborgar').map((c) => c.code)).toEqual(['1.1.3.3']);
    expect(matchProcesses(classes, 'SYNPUNKTER klagomål').map((c) => c.code)).toEqual(['1.4.2.1']);
  });
});

describe('doctypesForProcess', () => {
  it('takes types bound to the process or a prefix of it, by whole segments', () => {
    const types = [doctype('a', ['1.1.3']), doctype('b', ['1.4']), doctype('c', ['1.1.3.2']), doctype('d', ['1.1.30'])];
    expect(doctypesForProcess(types, '1.1.3.2').map((d) => d.id)).toEqual(['a', 'c']);
  });
});

describe('normalizeDate', () => {
  it('accepts the ways registrars type dates', () => {
    expect(normalizeDate('20260305')).toBe('2026-03-05');
    expect(normalizeDate(' 2026-3-5 ')).toBe('2026-03-05');
    expect(normalizeDate('5/3')).toBe('5/3');
  });
});

describe('validateCase', () => {
  it('asks for the title and the process in Swedish', () => {
    const errors = validateCase(
      buildCase({ registerId: 'reg-ks', title: '', classCode: '', responsibleUserId: '' }, user.id, clock),
      user,
      undefined,
    );
    expect(errors.title).toBe('Ärendemening måste fyllas i.');
    expect(errors.classCode).toBe('Process måste fyllas i.');
  });

  it('refuses a process limited to groups the user is not in', () => {
    const c = buildCase({ registerId: 'reg-ks', title: 'Ett personalärende', classCode: '2.3.6.1', responsibleUserId: '' }, user.id, clock);
    expect(validateCase(c, user, classes[4]).classCode).toBe('Du får inte registrera i den här processen.');
  });
});

describe('validateDocument', () => {
  const types = [doctype('synpunkt', ['1.4.2'])];

  it('wants the received date and the sender on an incoming document', () => {
    const d = buildDocument(
      { registerId: 'reg-ks', caseId: '', direction: 'incoming', title: 'Synpunkt', documentTypeId: 'synpunkt', classCode: '1.4.2.1' },
      user.id,
      clock,
    );
    const errors = validateDocument(d, user, classes[3], types);
    expect(errors.receivedDate).toBe('Inkom (datum) måste fyllas i.');
    expect(errors.sender).toBe('Avsändare måste fyllas i.');
  });

  it('refuses a type that does not belong to the process and an impossible date', () => {
    const d = buildDocument(
      {
        registerId: 'reg-ks',
        caseId: '',
        direction: 'outgoing',
        title: 'Svar',
        documentTypeId: 'synpunkt',
        classCode: '1.1.3.2',
        dispatchedDate: '2026-02-30',
        recipient: 'X',
      },
      user.id,
      clock,
    );
    const errors = validateDocument(d, user, classes[1], doctypesForProcess(types, '1.1.3.2'));
    expect(errors.documentTypeId).toBe('Välj en handlingstyp som hör till processen.');
    expect(errors.dispatchedDate).toMatch(/^Expedierad \(datum\) måste vara ett datum/);
  });

  it('passes a complete registration', () => {
    const d = buildDocument(
      {
        registerId: 'reg-ks',
        caseId: '',
        direction: 'incoming',
        title: 'Synpunkt',
        documentTypeId: 'synpunkt',
        classCode: '1.4.2.1',
        receivedDate: '2026-03-05',
        sender: 'Ingrid',
      },
      user.id,
      clock,
    );
    expect(validateDocument(d, user, classes[3], types)).toEqual({});
  });
});
