import { describe, expect, it } from 'vitest';
import { CASE_STATUSES, DOCUMENT_STATUSES, REJECTION_CODES, SYSTEM_ROLES, LOGIN_ERROR_CODES } from '../../../../shared/src';
import { SignatureCode } from '../../../../shared/src/pdf-signature';
import { caseStatusLabel, documentStatusLabel, rejectionMessage, retentionText, signatureCodeLabel } from './labels';
import { sv, t, tn } from './sv';

describe('the Swedish catalog', () => {
  it('has the status labels of the information model, exactly', () => {
    expect(DOCUMENT_STATUSES.map(documentStatusLabel)).toEqual([
      'Utkast',
      'Registrerad – ej kvalitetssäkrad',
      'Registrerad',
      'Makulerad',
      'Gallrad',
      'Arkiverad',
    ]);
    expect(CASE_STATUSES.map(caseStatusLabel)).toEqual([
      'Registrerat – ej kvalitetssäkrat',
      'Registrerat',
      'Avslutat',
      'Makulerat',
      'Gallrat',
      'Arkiverat',
    ]);
  });

  it('has a text for every rejection code, role and login error', () => {
    const keys = Object.keys(sv);
    for (const code of REJECTION_CODES) expect(keys).toContain(`rejection.${code}`);
    for (const role of SYSTEM_ROLES) expect(keys).toContain(`role.${role}`);
    for (const code of [...LOGIN_ERROR_CODES, 'network']) expect(keys).toContain(`login.error.${code}`);
  });

  it('says in Swedish why each kind of signature is invalid, never the verifier code', () => {
    for (const code of SignatureCode.options) {
      expect(Object.keys(sv)).toContain(`signature.code.${code}`);
      expect(signatureCodeLabel(code)).not.toContain(code);
    }
    expect(t('signature.invalid', { reason: signatureCodeLabel('digest-mismatch') })).toBe(
      'Ogiltig: filen har ändrats efter att den skrevs under',
    );
  });

  it('names the fields of a rejection in Swedish', () => {
    expect(rejectionMessage('missing_mandatory_fields', ['receivedDate', 'sender'], 'documents')).toBe(
      'Obligatoriska uppgifter saknas. Gäller: Inkom (datum), Avsändare.',
    );
    expect(rejectionMessage('missing_mandatory_fields', ['title'], 'cases')).toContain('Ärendemening');
  });

  it('fills placeholders and counts', () => {
    expect(tn('sync.pendingChanges', 1)).toBe('1 ändring väntar på att skickas');
    expect(tn('sync.pendingChanges', 3)).toBe('3 ändringar väntar på att skickas');
    expect(t('sync.initial', { count: 1234 })).toBe('Hämtar diariet… 1\u00a0234 poster');
  });

  it('describes retention rules, marking the demo ones', () => {
    expect(retentionText({ action: 'preserve', explanation: '' }, false)).toBe('Bevaras');
    expect(retentionText({ action: 'dispose', periodYears: 2, trigger: 'case_closed', explanation: '' }, true)).toBe(
      'Gallras 2 år efter ärendets avslut (exempelregel)',
    );
  });
});
