import { describe, expect, it } from 'vitest';
import type { NotificationView, TargetView } from '../../../../shared/src/protocol/personal';
import { notificationText, refusalMessage, targetHref, targetLabel, targetStatusLabel, watchStateText } from './texts';
import { PERSONAL_REFUSALS } from '../../../../shared/src/protocol/personal';

const target: TargetView = { collection: 'cases', id: 'c 1', number: 'KS 2026-00042', title: 'Bygglov', status: 'registered' };

describe('watchStateText', () => {
  it('words each state in Swedish', () => {
    const open = (dueDate: string) => ({ dueDate, doneAt: null });
    expect(watchStateText(open('2026-12-07'), '2026-12-07')).toBe('Förfaller i dag');
    expect(watchStateText(open('2026-12-06'), '2026-12-07')).toBe('Förfallen sedan i går');
    expect(watchStateText(open('2026-12-01'), '2026-12-07')).toBe('Förfallen sedan 6 dagar');
    expect(watchStateText(open('2026-12-24'), '2026-12-07')).toBe('Förfaller 2026-12-24');
    expect(watchStateText({ dueDate: '2026-12-01', doneAt: 5 }, '2026-12-07')).toBe('Klar');
  });
});

describe('targets', () => {
  it('labels by number and title, "Skyddad uppgift" for a withheld title, and links to the record', () => {
    expect(targetLabel(target)).toBe('KS 2026-00042 Bygglov');
    expect(targetLabel({ ...target, title: '' })).toBe('KS 2026-00042 Skyddad uppgift');
    expect(targetHref(target)).toBe('#/arende/c%201');
    expect(targetHref({ ...target, collection: 'documents' })).toBe('#/handling/c%201');
    expect(targetStatusLabel(target)).toBe('Registrerat');
    expect(targetStatusLabel({ ...target, collection: 'documents' })).toBe('Registrerad');
    expect(targetStatusLabel({ ...target, status: '' })).toBe('');
  });
});

describe('notificationText and refusals', () => {
  it('says what happened in Swedish, and every refusal code has its message', () => {
    const n = (kind: NotificationView['kind'], detail: NotificationView['detail']): NotificationView => ({
      id: 'n',
      kind,
      target,
      at: 0,
      readAt: null,
      detail,
    });
    expect(notificationText(n('watch_due', { dueDate: '2026-12-07' }))).toBe('Bevakningen förfaller 2026-12-07');
    expect(notificationText(n('document_added', { caseId: 'c' }))).toBe('Ny handling i ett ärende du prenumererar på');
    expect(notificationText(n('case_status', { status: 'closed' }))).toBe('Ärendet du prenumererar på har fått status Avslutat');
    for (const code of PERSONAL_REFUSALS) expect(refusalMessage(code)).not.toMatch(/personal\./);
  });
});
