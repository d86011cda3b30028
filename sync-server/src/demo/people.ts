import type { Group, Party, SystemRole, User } from '../../../shared/src';
import { HR_GROUP_ID } from './classification';

export const KS_REGISTER_ID = 'reg-ks';
export const SN_REGISTER_ID = 'reg-sn';
export const KANSLI_GROUP_ID = 'grp-kansli';
export const DEMO_PASSWORD = 'demo1234';

export interface DemoUserSpec {
  username: string;
  displayName: string;
  role: SystemRole;
  registerIds: readonly string[];
  groupIds: readonly string[];
}

/** One user per system role in Kommunstyrelsen, plus a registrar who sees only Socialnämnden. */
export const DEMO_USER_SPECS: readonly DemoUserSpec[] = [
  {
    username: 'registrator',
    displayName: 'Anna Lind',
    role: 'registrar',
    registerIds: [KS_REGISTER_ID],
    groupIds: [KANSLI_GROUP_ID, HR_GROUP_ID],
  },
  { username: 'registrator2', displayName: 'Johan Falk', role: 'registrar', registerIds: [KS_REGISTER_ID], groupIds: [KANSLI_GROUP_ID] },
  { username: 'handlaggare', displayName: 'Erik Berg', role: 'case_officer', registerIds: [KS_REGISTER_ID], groupIds: [HR_GROUP_ID] },
  { username: 'kvalitet', displayName: 'Sara Holm', role: 'quality_assurer', registerIds: [KS_REGISTER_ID], groupIds: [] },
  { username: 'arkivarie', displayName: 'Lars Ek', role: 'archivist', registerIds: [KS_REGISTER_ID], groupIds: [] },
  { username: 'admin', displayName: 'Maria Nord', role: 'administrator', registerIds: [KS_REGISTER_ID], groupIds: [] },
  { username: 'mote', displayName: 'Karin Sjö', role: 'meeting_coordinator', registerIds: [KS_REGISTER_ID], groupIds: [KANSLI_GROUP_ID] },
  // A second coordinator: two prepare the same agenda (each on their own device, often offline).
  { username: 'mote2', displayName: 'Lena Vik', role: 'meeting_coordinator', registerIds: [KS_REGISTER_ID], groupIds: [KANSLI_GROUP_ID] },
  { username: 'lasare', displayName: 'Olle Ström', role: 'reader', registerIds: [KS_REGISTER_ID], groupIds: [] },
  { username: 'politiker', displayName: 'Eva Ahl', role: 'elected_official', registerIds: [KS_REGISTER_ID], groupIds: [] },
  { username: 'sn.registrator', displayName: 'Nils Dahl', role: 'registrar', registerIds: [SN_REGISTER_ID], groupIds: [] },
];

/** `usr-<username>`, with characters ids do not allow replaced: `sn.registrator` → `usr-sn-registrator`. */
export function userId(username: string): string {
  return `usr-${username.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

export function buildUsers(updatedAt: string): User[] {
  return DEMO_USER_SPECS.map((s) => ({
    id: userId(s.username),
    registerId: s.registerIds[0]!,
    syncVersion: 1,
    updatedAt,
    username: s.username,
    displayName: s.displayName,
    roles: [s.role],
    registerIds: [...s.registerIds],
    groupIds: [...s.groupIds],
    active: true,
  }));
}

export function buildGroups(updatedAt: string): Group[] {
  return [
    {
      id: HR_GROUP_ID,
      registerId: KS_REGISTER_ID,
      syncVersion: 1,
      updatedAt,
      name: 'Personalenheten',
      description: 'Registrerar personalärenden (process 2.3.6.1 är begränsad till gruppen).',
    },
    {
      id: KANSLI_GROUP_ID,
      registerId: KS_REGISTER_ID,
      syncVersion: 1,
      updatedAt,
      name: 'Kansliet',
      description: 'Nämndadministration och registratur för kommunstyrelsen.',
    },
  ];
}

type PartySpec = [kind: Party['kind'], name: string, postalAddress: string, postalCode: string, city: string, email: string];

/**
 * Invented parties. No identity or organisation numbers (a made-up number could be someone's
 * real one); e-mail under the reserved `.example` domain; phone numbers from 070-174 06 05–99,
 * a series the Swedish Post and Telecom Authority (PTS) is understood to set aside for fiction
 * (not checked against a PTS source here: verify before publishing the demo).
 */
const KS_PARTIES: readonly PartySpec[] = [
  ['person', 'Ingrid Johansson', 'Storgatan 14', '123 45', 'Exempelstad', 'ingrid.johansson@post.example'],
  ['person', 'Mats Karlsson', 'Björkvägen 3', '123 47', 'Exempelstad', 'mats.karlsson@post.example'],
  ['person', 'Fatima Ali', 'Rosendalsvägen 22 lgh 1102', '123 52', 'Exempelstad', 'fatima.ali@post.example'],
  ['person', 'Gunnar Nilsson', 'Sjövägen 8', '123 60', 'Sjöviken', ''],
  ['person', 'Elin Lundqvist', 'Kyrkogatan 5', '123 45', 'Exempelstad', 'elin.lundqvist@post.example'],
  ['person', 'Ahmed Hassan', 'Tallstigen 11', '123 55', 'Norrby', 'ahmed.hassan@post.example'],
  ['person', 'Birgitta Andersson', 'Ekuddsvägen 41', '123 63', 'Ekudden', ''],
  ['person', 'Jonas Pettersson', 'Skolgatan 9 B', '123 46', 'Exempelstad', 'jonas.pettersson@post.example'],
  ['person', 'Sofia Eriksson', 'Åsvägen 2', '123 70', 'Åsen', 'sofia.eriksson@post.example'],
  ['person', 'Lennart Gustafsson', 'Västra vägen 17', '123 58', 'Västerby', ''],
  ['person', 'Maja Öberg', 'Parkgatan 30', '123 48', 'Exempelstad', 'maja.oberg@post.example'],
  ['person', 'Kerstin Larsson', 'Norrbyvägen 6', '123 55', 'Norrby', 'kerstin.larsson@post.example'],
  ['person', 'Daniel Wikström', 'Hamngatan 3', '123 60', 'Sjöviken', 'daniel.wikstrom@post.example'],
  ['person', 'Aleksandra Nowak', 'Lärkvägen 19', '123 52', 'Exempelstad', 'aleksandra.nowak@post.example'],
  ['person', 'Per-Olof Sandberg', 'Gamla landsvägen 112', '123 91', 'Ekeby', ''],
  ['person', 'Hanna Björk', 'Järnvägsgatan 4', '123 45', 'Exempelstad', 'hanna.bjork@post.example'],
  ['organisation', 'Region Exempel', 'Box 1000', '123 01', 'Exempelstad', 'registrator@region.example'],
  ['organisation', 'Länsstyrelsen i Exempellän', 'Box 200', '123 02', 'Exempelstad', 'exempellan@lansstyrelsen.example'],
  ['organisation', 'Exempelbygdens Energi AB', 'Kraftverksvägen 1', '123 80', 'Exempelstad', 'info@energi.example'],
  ['organisation', 'Städbolaget Glans AB', 'Industrigatan 12', '123 81', 'Exempelstad', 'offert@glans.example'],
  ['organisation', 'Nordkontor AB', 'Lagervägen 7', '123 82', 'Exempelstad', 'order@nordkontor.example'],
  ['organisation', 'Sjövikens Bygg & Mark AB', 'Verkstadsvägen 2', '123 61', 'Sjöviken', 'anbud@sjovikensbygg.example'],
  ['organisation', 'Rosendals IF', 'Idrottsvägen 1', '123 52', 'Exempelstad', 'kansli@rosendalsif.example'],
  ['organisation', 'Björkby hembygdsförening', 'Hembygdsgården, Byvägen 4', '123 93', 'Björkby', 'ordforande@bjorkbyhembygd.example'],
  ['organisation', 'PRO Exempelkommun', 'Föreningsgatan 3', '123 45', 'Exempelstad', 'pro@foreningar.example'],
  ['organisation', 'Exempelbygdens Företagarförening', 'Torget 2', '123 45', 'Exempelstad', 'info@foretagare.example'],
  ['organisation', 'Skolskjuts i Exempel AB', 'Bussgatan 5', '123 83', 'Exempelstad', 'trafik@skolskjuts.example'],
  ['organisation', 'Friskvård Norr AB (företagshälsovård)', 'Hälsovägen 9', '123 84', 'Exempelstad', 'kontakt@friskvardnorr.example'],
  ['organisation', 'Exempelkommuns Bostäder AB', 'Box 55', '123 03', 'Exempelstad', 'registrator@bostader.example'],
  [
    'organisation',
    'Räddningstjänsten Exempeldalen',
    'Brandstationen, Slangvägen 1',
    '123 85',
    'Exempelstad',
    'raddning@exempeldalen.example',
  ],
  ['organisation', 'Kommunal avdelning Exempel', 'Fackets hus, Storgatan 40', '123 45', 'Exempelstad', 'exempel@fack.example'],
  ['organisation', 'Vision Exempelkommun', 'Fackets hus, Storgatan 40', '123 45', 'Exempelstad', 'vision@fack.example'],
  ['organisation', 'Grannkommunen Norrvik', 'Rådhuset', '124 01', 'Norrvik', 'kommun@norrvik.example'],
  ['organisation', 'Konsultbolaget Utredning & Analys AB', 'Kontorsvägen 15', '123 86', 'Exempelstad', 'info@utredning.example'],
];

const SN_PARTIES: readonly PartySpec[] = [
  ['person', 'Anders Lindgren', 'Ängsvägen 7', '123 56', 'Norrby', ''],
  ['person', 'Marianne Holmberg', 'Solgatan 21', '123 47', 'Exempelstad', 'marianne.holmberg@post.example'],
  [
    'organisation',
    'Inspektionen för vård och omsorg (IVO), avdelning Exempel',
    'Box 400',
    '123 04',
    'Exempelstad',
    'registrator@ivo.example',
  ],
  ['organisation', 'Brottsofferjouren Exempelbygden', 'Box 12', '123 05', 'Exempelstad', 'info@brottsofferjouren.example'],
  ['organisation', 'Stödboende Ljuset AB', 'Gläntan 3', '123 64', 'Ekudden', 'info@ljuset.example'],
  ['organisation', 'Familjehemsbyrån Trygg AB', 'Vallgatan 8', '124 10', 'Norrvik', 'kontakt@trygg.example'],
];

function toParties(specs: readonly PartySpec[], registerId: string, registerKey: string, updatedAt: string, phoneOffset: number): Party[] {
  return specs.map(([kind, name, postalAddress, postalCode, city, email], i) => ({
    id: `pty-${registerKey}-${String(i + 1).padStart(3, '0')}`,
    registerId,
    syncVersion: 1,
    updatedAt,
    kind,
    name,
    idNumber: '',
    email,
    phone: `070-174 06 ${String(((phoneOffset + i) % 95) + 5).padStart(2, '0')}`,
    postalAddress,
    postalCode,
    city,
    // The first person of social services has protected personal data (skyddad folkbokföring).
    protectedIdentity: registerKey === 'sn' && i === 0,
    withheld: [],
  }));
}

export function buildParties(updatedAt: string): Party[] {
  return [
    ...toParties(KS_PARTIES, KS_REGISTER_ID, 'ks', updatedAt, 0),
    ...toParties(SN_PARTIES, SN_REGISTER_ID, 'sn', updatedAt, KS_PARTIES.length),
  ];
}

/** Elected officials who write motions (names invented; party abbreviations are the real parties'). */
export const MOTION_AUTHORS: readonly string[] = [
  'Lena Frisk (L)',
  'Ola Strand (S)',
  'Birgit Hed (M)',
  'Samir Khalil (V)',
  'Karl-Erik Moberg (C)',
  'Tove Rask (MP)',
  'Rolf Engström (SD)',
  'Annika Dahlberg (KD)',
  'Petra Sundin (S)',
  'Henrik Alm (M)',
];
