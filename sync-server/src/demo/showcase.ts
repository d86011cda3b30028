/**
 * What the demo needs for the tour's steps with files: letters with personal data to mask (a
 * citizen proposal, its confirmation, a memorandum, a complaint kept secret for its writer's health),
 * an open information request on them, an approval flow waiting for a signature, and the texts of
 * the meetings' notices. Pure: the records and what the files say, chosen among the generated
 * cases by fixed criteria, so the same "now" always gives the same showcase. The PDFs are made
 * from these drafts at seed time (seed-files.ts).
 */
import { addDays, newestKey, type Case, type Document, type FileRecord, type Party, type User } from '../../../shared/src';
import type { Flow } from '../../../shared/src/model/flow';
import type { MeetingRecord } from '../../../shared/src/model/meeting';
import type { InformationRequest } from '../../../shared/src/model/request';
import { newRequestItem, UNDECIDED_REQUEST } from '../../../shared/src/rules/request';
import { nextWorkingDay } from '../../../shared/src/rules/working-days';
import type { DemoLetter } from './letter-pdf';
import { KS_REGISTER_ID, userId } from './people';
import { testPersonnummer } from './personnummer';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The authority's own address block, as its letters and the addressee lines of letters to it read. */
const KOMMUNSTYRELSEN = ['Exempelkommun', 'Kommunstyrelsen', 'Box 100', '123 21 Exempelstad'];

/** A file the seed makes and stores; the record gets its size and SHA-256 from the bytes. */
export interface DemoFileDraft {
  record: Omit<FileRecord, 'size' | 'sha256'>;
  content: { kind: 'letter'; letter: DemoLetter } | { kind: 'notice'; meetingId: string };
}

/** The text of a collaborative room (a meeting's notice text), written to the room store at seed time. */
export interface DemoRoomText {
  room: { collection: 'meetings'; id: string };
  textName: string;
  text: string;
}

export interface Showcase {
  files: DemoFileDraft[];
  requests: InformationRequest[];
  flows: Flow[];
  /** The cases and documents the showcase is built around (tests and the mail generator name them). */
  picks: ShowcasePicks;
}

export interface ShowcasePicks {
  /** A citizen proposal from a person: the proposal (with personal data) and the confirmation sent back. */
  proposalCase: Case;
  proposal: Document;
  confirmation: Document;
  /** The memorandum with the flow waiting for its signature. */
  memo: Document;
  /** A complaint whose writer tells of their own health: secret under OSL 21 kap. 1 §. */
  secretLetter: Document;
  /** The person who wrote the proposal, with their (test) personnummer. */
  proposer: Party & { personnummer: string };
}

/**
 * The secrecy that protects information about anyone's health, wherever it occurs. (Kommunstyrelsen's
 * register, not Socialnämnden's: the demo administrator issues second-factor codes there, so its
 * users can enrol and read the letter, as the tour's restriction step shows.)
 */
export const HEALTH_GROUND = 'OSL 21 kap. 1 §';

export interface ShowcaseWorld {
  now: number;
  date: (ms: number) => string;
  cases: readonly Case[];
  documents: readonly Document[];
  parties: readonly Party[];
  users: readonly User[];
}

const openCase = (c: Case) => c.status === 'registered';
const docsOf = (w: ShowcaseWorld, c: Case) => w.documents.filter((d) => d.caseId === c.id).sort((a, b) => a.serial - b.serial);
const personParty = (w: ShowcaseWorld, id: string) => w.parties.find((p) => p.id === id && p.kind === 'person');
const displayName = (w: ShowcaseWorld, id: string) => w.users.find((u) => u.id === id)?.displayName ?? '';
const iso = (ms: number) => new Date(ms).toISOString();

export type FoundPicks = Omit<ShowcasePicks, 'proposer'> & { proposer: Party };

/** The cases and documents the showcase is built around, or null when the generated register (a small one) lacks one. */
export function findShowcasePicks(w: ShowcaseWorld): FoundPicks | null {
  const ks = (c: Case) => c.registerId === KS_REGISTER_ID && openCase(c);
  // The newest open citizen proposal from a person, with the confirmation sent back.
  const proposals = w.cases
    .filter((c) => ks(c) && c.classCode === '1.1.3.3')
    .map((kase) => {
      const [proposal, confirmation] = docsOf(w, kase);
      return { kase, proposal, confirmation };
    })
    .filter((x) => x.proposal?.direction === 'incoming' && !!personParty(w, x.proposal.senderPartyId) && !!x.confirmation);
  const openKs = new Set(w.cases.filter(ks).map((c) => c.id));
  const complaints = new Set(w.cases.filter((c) => ks(c) && c.classCode === '1.4.2.1').map((c) => c.id));
  // The newest memorandum (tjänsteskrivelse) of an open case Erik Berg handles.
  const memos = w.documents.filter(
    (d) =>
      openKs.has(d.caseId) &&
      d.documentTypeId === 'dt-ks-tjansteskrivelse' &&
      d.status === 'registered' &&
      d.responsibleUserId === userId('handlaggare'),
  );
  // The newest complaint (synpunkt) from a person in an open case: its writer tells of their health.
  const letters = w.documents.filter(
    (d) => complaints.has(d.caseId) && d.serial === 1 && d.direction === 'incoming' && !!personParty(w, d.senderPartyId),
  );
  const p = proposals.at(-1);
  const memo = memos.at(-1);
  const secretLetter = letters.at(-1);
  if (!p || !memo || !secretLetter) return null;
  return {
    proposalCase: p.kase,
    proposal: p.proposal!,
    confirmation: p.confirmation!,
    memo,
    secretLetter,
    proposer: personParty(w, p.proposal!.senderPartyId)!,
  };
}

/** A birth date between 1950 and 1999, fixed per party so their letters and mails agree. */
function birthDateOf(partyId: string): string {
  let h = 0;
  for (const ch of partyId) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  const year = 1950 + (h % 50);
  const month = 1 + ((h >>> 8) % 12);
  const day = 1 + ((h >>> 12) % 28);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function personnummerOf(party: Pick<Party, 'id'>): string {
  let h = 7;
  for (const ch of party.id) h = (h * 17 + ch.charCodeAt(0)) % 20;
  return testPersonnummer(birthDateOf(party.id), 980 + h);
}

function addressBlock(p: Party, extra: readonly string[] = []): string[] {
  return [p.name, p.postalAddress, `${p.postalCode} ${p.city}`, ...extra].filter(Boolean);
}

/** The first version of a document's PDF, uploaded by whoever registered the document. */
function fileDraft(doc: Document, name: string, content: DemoFileDraft['content']): DemoFileDraft {
  return {
    record: {
      id: `file-${doc.id}`,
      registerId: doc.registerId,
      syncVersion: 1,
      updatedAt: doc.createdAt,
      documentId: doc.id,
      caseId: doc.caseId,
      fileKey: `fk-${doc.id}`,
      fileVersion: 1,
      name,
      mediaType: 'application/pdf',
      uploadedBy: doc.createdBy,
      uploadedAt: doc.createdAt,
    },
    content,
  };
}

const letterFile = (doc: Document, name: string, letter: DemoLetter) => fileDraft(doc, name, { kind: 'letter', letter });

/** The topic of a citizen proposal: its title without "Medborgarförslag om ". */
const topicOf = (title: string) => title.replace(/^Medborgarförslag om /, '');

function proposalLetter(doc: Document, proposer: Party, personnummer: string, neighbour: string): DemoLetter {
  const topic = topicOf(doc.title);
  return {
    title: doc.title,
    from: addressBlock(proposer, [
      `Personnummer: ${personnummer}`,
      `Telefon: ${proposer.phone}`,
      proposer.email ? `E-post: ${proposer.email}` : '',
    ]),
    to: KOMMUNSTYRELSEN,
    placeAndDate: `${proposer.city} ${doc.receivedDate}`,
    reference: '',
    paragraphs: [
      `Jag föreslår ${topic}. Jag bor på ${proposer.postalAddress} sedan många år och går förbi platsen varje dag, ofta tillsammans med min granne ${neighbour}.`,
      'Många äldre i området har svårt att ta sig fram, och barnen som går till skolan behöver en tryggare väg. Förslaget skulle göra vardagen enklare för alla som bor här.',
      `Svar kan skickas till mig på adressen ovan eller per e-post. Nå mig gärna på ${proposer.phone} om ni har frågor.`,
    ],
    closing: ['Med vänliga hälsningar', proposer.name],
    author: proposer.name,
  };
}

function confirmationLetter(doc: Document, kase: Case, proposer: Party, officer: string): DemoLetter {
  return {
    title: doc.title,
    from: KOMMUNSTYRELSEN,
    to: addressBlock(proposer),
    placeAndDate: `Exempelstad ${doc.dispatchedDate}`,
    reference: `Ärende: ${kase.caseNumber}`,
    paragraphs: [
      `Hej ${proposer.name}! Tack för ditt medborgarförslag om ${topicOf(kase.title)}. Förslaget är registrerat i kommunens diarium med ärendenummer ${kase.caseNumber}.`,
      `Förslaget bereds av kommunledningsförvaltningen. Handläggare är ${officer}. Kommunstyrelsen fattar beslut inom ett år, och du får ett skriftligt svar.`,
      'Allt som kommer in till kommunen blir allmän handling. Uppgifter om dig kan lämnas ut om någon begär det, om de inte omfattas av sekretess.',
    ],
    closing: ['Med vänliga hälsningar', officer, 'Kommunledningsförvaltningen'],
    author: 'Exempelkommun, Kommunstyrelsen',
  };
}

function memoLetter(doc: Document, kase: Case, officer: string): DemoLetter {
  return {
    title: doc.title,
    from: ['Exempelkommun', 'Kommunledningsförvaltningen'],
    to: ['Kommunstyrelsen'],
    placeAndDate: `Exempelstad ${doc.createdDate}`,
    reference: `Ärende: ${kase.caseNumber}`,
    paragraphs: [
      { heading: 'Förslag till beslut' },
      `Kommunstyrelsen beslutar i enlighet med förvaltningens förslag i ärendet ${kase.caseNumber}.`,
      { heading: 'Sammanfattning' },
      `Förvaltningen har berett ärendet "${kase.title}". Beredningen har skett i samråd med berörda avdelningar, och kostnaderna ryms inom budgeten för året. Förslaget har stämts av med ekonomiavdelningen den ${doc.createdDate}.`,
      { heading: 'Beslutsunderlag' },
      'Denna tjänsteskrivelse. Underlaget godkänns i ett godkännandeflöde och undertecknas av beslutsfattaren.',
    ],
    closing: [officer, 'Handläggare'],
    author: officer,
  };
}

function secretLetterContent(doc: Document, writer: Party, personnummer: string): DemoLetter {
  const topic = doc.title.replace(/^Synpunkt på /, '');
  return {
    title: doc.title,
    from: addressBlock(writer, [`Personnummer: ${personnummer}`, `Telefon: ${writer.phone}`]),
    to: KOMMUNSTYRELSEN,
    placeAndDate: `${writer.city} ${doc.receivedDate}`,
    reference: '',
    paragraphs: [
      `Jag vill lämna en synpunkt på ${topic}.`,
      'För att ni ska förstå varför detta är viktigt för mig: jag har multipel skleros och går med rullator sedan två år. Efter en skovperiod i höstas har jag också svårt med balansen och kan inte gå långa sträckor.',
      `Jag ber er ta hänsyn till oss som har en funktionsnedsättning. Ni når mig på ${writer.phone}.`,
    ],
    closing: ['Med vänliga hälsningar', writer.name],
    author: writer.name,
  };
}

/** The working day before a date (the request came in then). */
function previousWorkingDay(date: string): string {
  let d = addDays(date, -1);
  while (nextWorkingDay(addDays(d, -1)) !== d) d = addDays(d, -1);
  return d;
}

export interface RequestCaseInput {
  /** The case the request is handled in (registered by the caller with its number). */
  requestCase: Case;
  /** Its first document: the request as it came in by e-mail. */
  requestMail: Document;
}

/** The request case's e-mail, as its PDF says it. */
export const REQUESTER = { name: 'Sofia Lindqvist', contact: 'sofia.lindqvist@exempelbladet.example', outlet: 'Exempelbladet' } as const;

/** The date the demo's request came in and the case for it is registered. */
export function requestReceivedDate(now: number, date: (ms: number) => string): string {
  return previousWorkingDay(date(now));
}

export function buildShowcase(w: ShowcaseWorld, found: FoundPicks, req: RequestCaseInput): Showcase {
  const today = w.date(w.now);
  const { proposalCase: kase, proposal, confirmation, memo: memoDoc, secretLetter: secret } = found;
  const proposer = { ...found.proposer, personnummer: personnummerOf(found.proposer) };
  const neighbour = 'Gunilla Åkesson';
  const officer = displayName(w, kase.responsibleUserId);
  const memoCase = w.cases.find((c) => c.id === memoDoc.caseId)!;
  const writer = personParty(w, secret.senderPartyId)!;

  const files: DemoFileDraft[] = [
    letterFile(proposal, 'medborgarforslag.pdf', proposalLetter(proposal, proposer, proposer.personnummer, neighbour)),
    letterFile(confirmation, 'bekraftelse.pdf', confirmationLetter(confirmation, kase, proposer, officer)),
    letterFile(memoDoc, 'tjansteskrivelse.pdf', memoLetter(memoDoc, memoCase, displayName(w, memoDoc.responsibleUserId))),
    letterFile(secret, 'synpunkt.pdf', secretLetterContent(secret, writer, personnummerOf(writer))),
    letterFile(req.requestMail, 'begaran.pdf', requestLetter(req.requestMail, kase)),
  ];

  // The open request: the confirmation already reviewed (released in full), the proposal with
  // its personal data waiting for review, masking and the decision.
  const receivedMs = Date.parse(req.requestCase.createdAt);
  const reviewedAt = iso(receivedMs + 2 * HOUR);
  const handler = req.requestCase.responsibleUserId;
  const request: InformationRequest = {
    id: 'req-demo-1',
    registerId: KS_REGISTER_ID,
    syncVersion: 1,
    updatedAt: reviewedAt,
    caseId: req.requestCase.id,
    requesterName: REQUESTER.name,
    anonymous: false,
    requesterContact: REQUESTER.contact,
    receivedDate: req.requestCase.registeredDate,
    description: `Handlingarna i ärende ${kase.caseNumber} (${kase.title}): förslaget och kommunens bekräftelse.`,
    deliveryMethod: 'email',
    dueDate: nextWorkingDay(today),
    items: [
      {
        id: 'req-demo-1-item-1',
        targetCollection: 'documents',
        targetId: confirmation.id,
        review: 'release',
        grounds: [],
        maskedDocumentId: '',
        comment: '',
        reviewedBy: handler,
        reviewedAt,
      },
      newRequestItem({ collection: 'documents', id: proposal.id }, 'req-demo-1-item-2'),
    ],
    status: 'in_review',
    responsibleUserId: handler,
    ...UNDECIDED_REQUEST,
    createdBy: req.requestCase.createdBy,
    createdAt: req.requestCase.createdAt,
    newestKey: newestKey(receivedMs),
  };

  // Anna Lind started it; Sara Holm has approved; Erik Berg signs and decides.
  const startedMs = Math.max(Date.parse(memoDoc.createdAt) + HOUR, w.now - 2 * DAY);
  const approvedMs = startedMs + 3 * HOUR;
  const flow: Flow = {
    id: 'flow-demo-1',
    registerId: KS_REGISTER_ID,
    syncVersion: 1,
    updatedAt: iso(approvedMs),
    targetCollection: 'documents',
    targetId: memoDoc.id,
    caseId: memoDoc.caseId,
    documentId: memoDoc.id,
    mode: 'ordered',
    status: 'active',
    steps: [
      {
        id: 'flow-demo-1-step-1',
        approverId: userId('kvalitet'),
        role: 'approver',
        dueDate: addDays(w.date(startedMs), 3),
        requiresSignature: false,
        status: 'approved',
        decidedAt: iso(approvedMs),
        decidedBy: userId('kvalitet'),
        comment: '',
        signatureFileId: '',
      },
      {
        id: 'flow-demo-1-step-2',
        approverId: userId('handlaggare'),
        role: 'decision_maker',
        dueDate: addDays(today, 7),
        requiresSignature: true,
        status: 'active',
        decidedAt: '',
        decidedBy: '',
        comment: '',
        signatureFileId: '',
      },
    ],
    startedBy: userId('registrator'),
    startedAt: iso(startedMs),
    completedAt: '',
  };

  return {
    files,
    requests: [request],
    flows: [flow],
    picks: { proposalCase: kase, proposal, confirmation, memo: memoDoc, secretLetter: secret, proposer },
  };
}

function requestLetter(doc: Document, asked: Case): DemoLetter {
  return {
    title: doc.title,
    from: [`${REQUESTER.name}, reporter`, REQUESTER.outlet, `E-post: ${REQUESTER.contact}`],
    to: ['Exempelkommun', 'Registrator'],
    placeAndDate: `Exempelstad ${doc.receivedDate}`,
    reference: '',
    paragraphs: [
      `Hej! Jag begär att få ta del av handlingarna i ärende ${asked.caseNumber}, ${asked.title}: förslaget som kom in och kommunens bekräftelse.`,
      'Jag vill gärna ha kopiorna per e-post. Om någon uppgift inte lämnas ut vill jag ha ett skriftligt beslut med besvärshänvisning.',
    ],
    closing: ['Tack på förhand!', REQUESTER.name],
    author: REQUESTER.name,
  };
}

/** The complaint as stored: secret as a whole, with its legal ground. */
export function restrictSecretLetter(doc: Document): Document {
  return {
    ...doc,
    restrictionKind: 'secrecy',
    legalGround: HEALTH_GROUND,
    restrictionNote: 'Brevet innehåller uppgifter om brevskrivarens hälsa.',
  };
}

/** What the demo's notices say above their agenda, per meeting. */
function noticeText(meeting: MeetingRecord): string {
  return [
    `Ledamöterna kallas till sammanträde med kommunstyrelsen ${meeting.date} kl. ${meeting.startTime} i ${meeting.place}.`,
    'Förhinder anmäls till kommunkansliet senast dagen före, så att ersättare kan kallas i partiets ordning. Handlingarna finns i läsplattan.',
    'Gruppmöten hålls kl. 08.00 i grupprummen på plan 2. Kaffe serveras från kl. 08.30.',
  ].join('\n');
}

/**
 * The notice text of each demo meeting (its room), and the notice PDF of each meeting whose notice
 * document is registered: the file a member and the reader open.
 */
export function noticeShowcase(
  meetings: readonly MeetingRecord[],
  documents: readonly Document[],
): { roomTexts: DemoRoomText[]; files: DemoFileDraft[] } {
  const withNotice = meetings.filter((m) => m.kind === 'meeting');
  const roomTexts = withNotice.map((m) => ({
    room: { collection: 'meetings' as const, id: m.id },
    textName: 'notice',
    text: noticeText(m),
  }));
  const files = withNotice.flatMap((m): DemoFileDraft[] => {
    const doc = documents.find((d) => d.id === m.noticeDocumentId);
    if (!doc) return [];
    return [fileDraft(doc, `kallelse-${m.date}.pdf`, { kind: 'notice', meetingId: m.id })];
  });
  return { roomTexts, files };
}

/** The notice text written in a meeting's room, for the notice PDF. */
export function noticeTextOf(roomTexts: readonly DemoRoomText[], meetingId: string): string {
  return roomTexts.find((t) => t.room.id === meetingId && t.textName === 'notice')?.text ?? '';
}
