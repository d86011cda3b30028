/** Swedish texts of meeting administration (bodies, meetings, agenda, minutes); merged into the catalog in sv.ts. */
export const svMeetings = {
  // Standard agenda items, as printed in the notice and the minutes.
  'meetings.item.opening': 'Sammanträdets öppnande',
  'meetings.item.adjuster_election': 'Val av justerare',
  'meetings.item.agenda_approval': 'Godkännande av föredragningslistan',
  'meetings.item.notifications': 'Anmälningsärenden',
  'meetings.item.delegation_decisions': 'Anmälan av delegationsbeslut',
  'meetings.documentKind.notice': 'kallelse',
  'meetings.documentKind.minutes': 'protokoll',
  'meetings.documentKind.extract': 'protokollsutdrag',

  // Errors of the commands (nothing is written when one is shown).
  'meetings.error.invalid': 'Uppgifterna kan inte sparas. Kontrollera: {fields}.',
  'meetings.error.notFound': 'Posten finns inte längre på den här datorn.',
  'meetings.error.bodyTitle': 'Ange organets namn.',
  'meetings.error.bodyType': 'Välj typ av organ.',
  'meetings.error.term': 'Ange mandatperiodens första och sista dag (ÅÅÅÅ-MM-DD), i den ordningen.',
  'meetings.error.date': 'Ange sammanträdets datum (ÅÅÅÅ-MM-DD).',
  'meetings.error.time': 'Ange starttid (TT:MM).',
  'meetings.error.place': 'Ange plats, eller markera att sammanträdet hålls på distans.',
  'meetings.error.noProcess': 'Diariet saknar en process för sammanträdesadministration. Be administratören lägga till den.',
  'meetings.error.caseNotAllowed': 'Du får inte registrera ärenden i processen {process}.',
  'meetings.error.adjusterTwice': 'Samma ledamot kan inte vara justerare två gånger.',
  'meetings.error.meetingNotComing': 'Ärenden kan bara anmälas till ett sammanträde som ännu inte har hållits.',
  'meetings.error.otherRegister': 'Ärendet och sammanträdet hör till olika diarier.',
  'meetings.error.proposal': 'Skriv ett förslag till beslut.',
  'meetings.error.alreadyReported': 'Ärendet är redan anmält till det här sammanträdet.',
  'meetings.error.noDocumentType': 'Diariet saknar en handlingstyp för {kind} i ärendets process.',
  'meetings.error.noSigners': 'Ange ordförande och justerare innan protokollet skickas för justering.',
  'meetings.error.signerWithoutUser': '{name} har inget användarkonto i Diarium och kan inte skriva under.',
} as const;

export type MeetingMessageKey = keyof typeof svMeetings;
