import type { ArchiveContent, ArchivedDocument, PackageHeader } from '../archive';
import { filePath } from '../archive';
import { sampleCase, sampleDocument, sampleFile, sampleParty } from './samples';

/** A nasty title: markup characters, both quotes and control characters XML 1.0 forbids. */
export const NASTY_TITLE = 'Bygglov <Storgatan 1> & "A" \'B\' \u0001\u0007\u001F slut';

export const SAMPLE_HEADER: PackageHeader = {
  id: '6f1c2d3e-0000-4000-8000-000000000001',
  name: 'KS-2026-12-07-arenden-fgs2-6f1c2d3e',
  createdAt: '2026-12-07T09:00:00.000Z',
  label: 'Leverans KS 2026',
  authorityName: 'Kommunstyrelsen',
  softwareName: 'Diarium',
  softwareVersion: '0.1.0',
};

/** A closed, secret case with an incoming letter (protected sender, restricted file) and an annulled decision. */
export function sampleArchiveContent(generation: 'fgs1' | 'fgs2'): ArchiveContent {
  const c = sampleCase({
    id: 'case-1',
    caseNumber: 'KS 2026-00042',
    title: NASTY_TITLE,
    status: 'closed',
    registeredDate: '2026-02-01',
    closedDate: '2026-05-04',
    restrictionKind: 'secrecy',
    legalGround: 'OSL 26 kap. 1 §',
    restrictionNote: 'Uppgifter om enskilds personliga förhållanden',
    unit: 'Socialtjänsten',
  });
  // Parties come as the archivist's projection gives them: protected identity without its identity fields…
  const identity = ['idNumber', 'email', 'phone', 'postalAddress', 'postalCode', 'city'];
  const blank = { idNumber: '', email: '', phone: '', postalAddress: '', postalCode: '', city: '' };
  const sender = sampleParty({ id: 'p-1', name: 'Anna Andersson', ...blank, protectedIdentity: true, withheld: identity });
  // …and a party named in a restricted record with all but its kind withheld.
  const hidden = sampleParty({ id: 'p-3', name: '', ...blank, withheld: ['name', ...identity] });
  const company = sampleParty({ id: 'p-2', kind: 'organisation', name: 'Bygg & Co AB', idNumber: '556000-0000', city: 'Sundsvall' });
  const letter = sampleDocument({
    id: 'doc-1',
    caseId: 'case-1',
    documentNumber: 'KS 2026-00042-1',
    serial: 1,
    direction: 'incoming',
    status: 'registered',
    title: 'Ansökan <bilaga>',
    receivedDate: '2026-02-01',
    registeredDate: '2026-02-01',
    senderPartyId: 'p-1',
    shields: [{ field: 'sender', kind: 'privacy', legalGround: 'OSL 21 kap. 3 §' }],
    fileRestrictions: [{ fileKey: 'fk-1', kind: 'other', legalGround: 'OSL 18 kap. 8 §' }],
  });
  const decision = sampleDocument({
    id: 'doc-2',
    caseId: 'case-1',
    documentNumber: 'KS 2026-00042-2',
    serial: 2,
    direction: 'outgoing',
    status: 'annulled',
    changeReason: 'Registrerad av misstag',
    title: 'Beslut',
    dispatchedDate: '2026-05-03',
    registeredDate: '2026-05-03',
    recipient: 'Bygg & Co AB',
    recipientPartyId: 'p-2',
  });
  const file = sampleFile({
    id: 'f-1',
    documentId: 'doc-1',
    caseId: 'case-1',
    fileKey: 'fk-1',
    name: 'Ansökan åäö.pdf',
    sha256: 'a'.repeat(64),
    size: 1234,
  });
  const docs: ArchivedDocument[] = [
    {
      document: letter,
      documentTypeName: 'Ansökan',
      retention: { action: 'preserve', explanation: 'Bevaras enligt plan' },
      sender,
      recipient: null,
      responsibleName: 'Handläggare Hansson',
      files: [
        {
          file,
          path: filePath(generation, {
            caseNumber: c.caseNumber,
            documentNumber: letter.documentNumber,
            index: 0,
            version: 1,
            name: file.name,
          }),
          restriction: letter.fileRestrictions[0]!,
        },
      ],
    },
    {
      document: decision,
      documentTypeName: 'Beslut',
      retention: { action: 'dispose', periodYears: 10, trigger: 'case_closed', explanation: 'Gallras efter tio år' },
      sender: null,
      recipient: company,
      responsibleName: '',
      files: [],
    },
  ];
  return {
    kind: 'cases',
    authorityName: 'Kommunstyrelsen',
    registerName: 'KS diarium',
    cases: [{ case: c, classTitle: 'Bygglov', responsibleName: 'Handläggare Hansson', parties: [company, hidden], documents: docs }],
  };
}
