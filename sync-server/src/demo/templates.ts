import type { Direction } from '../../../shared/src';
import type { DoctypeKey } from './doctypes';
import type { Rng } from './prng';

/**
 * Title templates for generated cases and their documents, in the Swedish a registrar writes.
 * Used by the demo register and by the benchmark's synthetic register.
 *
 * Placeholders: `{slot}` is filled from SLOTS (values may hold placeholders themselves);
 * `{year}`, `{prev}`, `{next}`, `{next3}`, `{next4}`, `{next5}` are the registration year and
 * years around it; `{c}` is the case's counterpart. In document titles, `{S}` is the case title,
 * `{s}` the same with a lower-case first letter, and `{t}` the case's topic (the title without
 * its prefix).
 */

/** Who a case's correspondence is with, unless its topic or `counterparts` names the party. */
export type CounterpartKind = 'person' | 'organisation' | 'politician' | 'none';

/** A topic, optionally with the name of the party (from the party list) it concerns. */
export type Topic = string | readonly [topic: string, counterpart: string];

export interface DocStep {
  type: DoctypeKey;
  direction: Direction;
  title: string;
  /**
   * Sender (incoming) or recipient (outgoing): omitted means the case's counterpart; a list
   * means one of its names. Created documents have none.
   */
  correspondent?: string | readonly string[];
}

export interface CaseTemplate {
  key: string;
  registerKey: 'ks' | 'sn';
  classCode: string;
  unit: string;
  /** Relative frequency among the register's templates. */
  weight: number;
  prefixes: readonly string[];
  topics: readonly Topic[];
  counterpart: CounterpartKind;
  /** Party names the counterpart is picked from, where the topic does not name one. */
  counterparts?: readonly string[];
  /** The case's description (ärendebeskrivning), where the template gives one. */
  description?: string;
  /** The documents of a case in the order they arrive or are drawn up (at most six). */
  steps: readonly DocStep[];
}

export const SLOTS: Readonly<Record<string, readonly string[]>> = {
  area: ['Rosendal', 'Norrby', 'Ekudden', 'Sjöviken', 'Västerby', 'Åsen', 'Björkby', 'Ekeby', 'Hagalund', 'Exempelstads centrum'],
  school: ['Björkskolan', 'Rosendalsskolan', 'Ekuddens skola', 'Sjövikens skola', 'Norrbyskolan', 'Västerbyskolan', 'Åsens förskola'],
  street: ['Storgatan', 'Skolgatan', 'Rosendalsvägen', 'Sjövägen', 'Norrbyvägen', 'Kyrkogatan', 'Västra vägen', 'Järnvägsgatan'],
  park: ['Stadsparken', 'Rosendalsparken', 'Sjövikens strandpark', 'Ekbacken', 'Norrbyparken'],
  motionTopic: [
    'trafiksäkerhet vid {school}',
    'fler laddplatser för elbilar i {area}',
    'solceller på kommunens fastigheter',
    'avgiftsfri kollektivtrafik för pensionärer',
    'mer närodlad mat i skolmatsalarna',
    'ett ungdomsråd i Exempelkommun',
    'belysning längs gång- och cykelvägen i {area}',
    'fler papperskorgar i {park}',
    'sommarjobb för alla gymnasieelever',
    'medborgarbudget för {area}',
    'minskat matsvinn i kommunens kök',
    'sänkt hastighet på {street}',
    'en ny idrottshall i {area}',
    'fritt wifi i {park}',
    'en översyn av kommunens bidrag till studieförbunden',
  ],
  suggestion: [
    'utegym i {area}',
    'hundrastgård i {area}',
    'en lekplats i {park}',
    'fler parkbänkar längs {street}',
    'farthinder på {street}',
    'bättre belysning vid busshållplatsen på {street}',
    'en spontanidrottsplats i {area}',
    'offentliga toaletter i {park}',
    'en badbrygga i Sjöviken',
    'fler cykelställ vid {school}',
    'en pumptrackbana i {area}',
    'odlingslotter i {area}',
    'övergångsställe vid {school}',
  ],
  complaint: [
    'snöröjningen på {street}',
    'bemötandet i kommunens kontaktcenter',
    'öppettiderna på biblioteket i {area}',
    'skötseln av {park}',
    'nedskräpning vid återvinningsstationen i {area}',
    'parkeringsavgifterna i centrum',
    'gatubelysningen på {street}',
    'informationen på kommunens webbplats',
    'buller från byggarbetsplatsen på {street}',
    'tillgängligheten i kommunhuset',
    'lövröjningen i {area}',
  ],
  policy: [
    'riktlinjer för representation',
    'policy för informationssäkerhet',
    'riktlinjer för sociala medier',
    'plan för informationsstyrning',
    'plan för krisberedskap {next}–{next4}',
    'policy för upphandling och inköp',
    'riktlinjer för hantering av synpunkter',
    'arbetsmiljöpolicy',
    'riktlinjer för bisysslor',
    'policy mot mutor och jäv',
    'delegationsordning för kommunstyrelsen',
    'dokumenthanteringsplan för kommunstyrelsen',
    'reglemente för kommunstyrelsen',
    'klimatstrategi {next}–{next5}',
    'lönepolicy',
    'riktlinjer för medborgardialog',
  ],
  job: [
    'kommunikatör',
    'controller',
    'registrator',
    'nämndsekreterare',
    'HR-specialist',
    'upphandlare',
    'IT-tekniker',
    'arkivarie',
    'ekonom',
    'utvecklingsledare',
  ],
  unit: ['kansliavdelningen', 'ekonomiavdelningen', 'HR-avdelningen', 'kommunikationsenheten', 'IT-enheten', 'upphandlingsenheten'],
  mbl: [
    'ny organisation för {unit}',
    'ändrade öppettider i kontaktcentret',
    'införande av nytt ärendehanteringssystem',
    'budget {next}',
    'flytt av {unit} till nya lokaler',
    'rekrytering av {job}',
    'ändrad arbetstidsförläggning i {unit}',
  ],
  delegation: [
    'attesträtt för {unit}',
    'anställning av {job}',
    'avskrivning av fordran',
    'yttrande till länsstyrelsen om allmän sammankomst',
    'förlängning av avtal om kaffeautomater',
    'utlämnande av allmän handling med förbehåll',
    'tillfällig bilparkering vid {school}',
  ],
  board: [
    'kommunstyrelsen',
    'socialnämnden',
    'barn- och utbildningsnämnden',
    'samhällsbyggnadsnämnden',
    'kultur- och fritidsnämnden',
    'valnämnden',
  ],
  request: [
    'handlingar om {complaint}',
    'e-post mellan kommunen och Exempelbygdens Energi AB',
    'avtal om städtjänster för kommunhuset',
    'protokoll från ledningsgruppens möten {year}',
    'delegationsbeslut inom personalområdet {year}',
    'kommunens kostnader för konsulter {prev}',
  ],
  investigation: [
    'en gemensam servicefunktion för förvaltningarna',
    'samordnad varudistribution',
    'förutsättningarna för ett nytt kulturhus',
    'kommunens lokalbehov {next}–{next5}',
    'införande av e-förslag',
    'en ny simhall i Exempelstad',
    'gemensam växel med Norrvik',
  ],
};

const NAMNDER = ['Socialnämnden', 'Barn- och utbildningsnämnden', 'Samhällsbyggnadsnämnden', 'Kultur- och fritidsnämnden'];
const SUPPLIERS = [
  'Städbolaget Glans AB',
  'Nordkontor AB',
  'Sjövikens Bygg & Mark AB',
  'Skolskjuts i Exempel AB',
  'Friskvård Norr AB (företagshälsovård)',
  'Exempelbygdens Energi AB',
];
const ASSOCIATIONS = ['Rosendals IF', 'Björkby hembygdsförening', 'PRO Exempelkommun', 'Exempelbygdens Företagarförening'];
const PURCHASES: readonly Topic[] = [
  ['städtjänster för kommunhuset', 'Städbolaget Glans AB'],
  ['leverans av kontorsmaterial', 'Nordkontor AB'],
  ['skolskjuts {next}–{next3}', 'Skolskjuts i Exempel AB'],
  ['företagshälsovård', 'Friskvård Norr AB (företagshälsovård)'],
  ['snöröjning i {area}', 'Sjövikens Bygg & Mark AB'],
  ['markarbeten vid {school}', 'Sjövikens Bygg & Mark AB'],
  ['elleverans till kommunens fastigheter', 'Exempelbygdens Energi AB'],
  ['utredning av kommunens lokalbehov', 'Konsultbolaget Utredning & Analys AB'],
  ['tryckeritjänster', 'Nordkontor AB'],
];

export const CASE_TEMPLATES: readonly CaseTemplate[] = [
  {
    key: 'motion',
    registerKey: 'ks',
    classCode: '1.1.3.2',
    unit: 'Kansliavdelningen',
    weight: 10,
    prefixes: ['Motion om '],
    topics: ['{motionTopic}'],
    counterpart: 'politician',
    description: 'Motionen väcktes i kommunfullmäktige och har överlämnats till kommunstyrelsen för beredning.',
    steps: [
      { type: 'motion', direction: 'incoming', title: '{S}' },
      { type: 'tjansteskrivelse', direction: 'created', title: 'Tjänsteskrivelse – svar på {s}' },
      { type: 'protokollsutdrag', direction: 'created', title: 'Protokollsutdrag kommunstyrelsen – svar på {s}' },
      {
        type: 'protokollsutdrag',
        direction: 'outgoing',
        title: 'Protokollsutdrag – förslag till beslut om {s}',
        correspondent: 'Kommunfullmäktige',
      },
      { type: 'beslut', direction: 'outgoing', title: 'Beslut – svar på {s}' },
    ],
  },
  {
    key: 'medborgarforslag',
    registerKey: 'ks',
    classCode: '1.1.3.3',
    unit: 'Kansliavdelningen',
    weight: 9,
    prefixes: ['Medborgarförslag om '],
    topics: ['{suggestion}'],
    counterpart: 'person',
    description: 'Förslaget inkom via kommunens e-tjänst för medborgarförslag.',
    steps: [
      { type: 'medborgarforslag', direction: 'incoming', title: '{S}' },
      { type: 'skrivelse', direction: 'outgoing', title: 'Bekräftelse på mottaget medborgarförslag om {t}' },
      { type: 'tjansteskrivelse', direction: 'created', title: 'Tjänsteskrivelse – {s}' },
      { type: 'protokollsutdrag', direction: 'created', title: 'Protokollsutdrag kommunstyrelsen – {s}' },
      { type: 'beslut', direction: 'outgoing', title: 'Beslut – svar på {s}' },
    ],
  },
  {
    key: 'remiss',
    registerKey: 'ks',
    classCode: '1.1.6.1',
    unit: 'Kansliavdelningen',
    weight: 8,
    prefixes: ['Yttrande över remiss – '],
    counterpart: 'organisation',
    description: 'Kommunstyrelsen har fått remissen för yttrande. Yttrandet bereds av kansliavdelningen.',
    topics: [
      ['regional transportplan 2026–2037', 'Region Exempel'],
      ['Region Exempels trafikförsörjningsprogram', 'Region Exempel'],
      ['regional utvecklingsstrategi för Exempellän', 'Region Exempel'],
      ['regional plan för kompetensförsörjning', 'Region Exempel'],
      ['regional handlingsplan för klimatanpassning', 'Länsstyrelsen i Exempellän'],
      ['åtgärdsprogram för miljökvalitetsnormer för luft', 'Länsstyrelsen i Exempellän'],
      ['länsplan för regional transportinfrastruktur', 'Länsstyrelsen i Exempellän'],
      ['översiktsplan för Norrviks kommun', 'Grannkommunen Norrvik'],
      ['handlingsprogram för räddningstjänsten {next}–{next3}', 'Räddningstjänsten Exempeldalen'],
    ],
    steps: [
      { type: 'remiss', direction: 'incoming', title: 'Remiss – {t}' },
      { type: 'tjansteskrivelse', direction: 'created', title: 'Tjänsteskrivelse – yttrande över {t}' },
      { type: 'protokollsutdrag', direction: 'created', title: 'Protokollsutdrag kommunstyrelsen – yttrande över {t}' },
      { type: 'yttrande', direction: 'outgoing', title: 'Yttrande – {t}' },
    ],
  },
  {
    key: 'avtal',
    registerKey: 'ks',
    classCode: '2.5.1.2',
    unit: 'Upphandlingsenheten',
    weight: 8,
    prefixes: ['Avtal om '],
    topics: PURCHASES,
    counterpart: 'organisation',
    description: 'Avtalet gäller i fyra år med möjlighet till förlängning 1 + 1 år.',
    steps: [
      { type: 'tjansteskrivelse', direction: 'created', title: 'Tjänsteskrivelse – {s}' },
      { type: 'delegationsbeslut', direction: 'created', title: 'Delegationsbeslut om att teckna {s}' },
      { type: 'avtal', direction: 'outgoing', title: '{S} – för underskrift' },
      { type: 'avtal', direction: 'incoming', title: '{S} – undertecknat av leverantören' },
      { type: 'skrivelse', direction: 'incoming', title: 'Begäran om prisjustering – {t}' },
      { type: 'skrivelse', direction: 'outgoing', title: 'Svar på begäran om prisjustering – {t}' },
    ],
  },
  {
    key: 'upphandling',
    registerKey: 'ks',
    classCode: '2.5.1.1',
    unit: 'Upphandlingsenheten',
    weight: 4,
    prefixes: ['Upphandling av '],
    topics: PURCHASES,
    counterpart: 'organisation',
    steps: [
      { type: 'tjansteskrivelse', direction: 'created', title: 'Tjänsteskrivelse – {s}' },
      { type: 'beslut', direction: 'created', title: 'Beslut om att genomföra {s}' },
      { type: 'epost', direction: 'incoming', title: 'Frågor under anbudstiden – {t}' },
      { type: 'beslut', direction: 'created', title: 'Tilldelningsbeslut – {t}' },
      { type: 'skrivelse', direction: 'outgoing', title: 'Underrättelse om tilldelningsbeslut – {t}' },
      {
        type: 'overklagande',
        direction: 'incoming',
        title: 'Ansökan om överprövning – {t}',
        correspondent: 'Förvaltningsrätten i Exempelstad',
      },
    ],
  },
  {
    key: 'synpunkt',
    registerKey: 'ks',
    classCode: '1.4.2.1',
    unit: 'Kontaktcenter',
    weight: 9,
    prefixes: ['Synpunkt på '],
    topics: ['{complaint}'],
    counterpart: 'person',
    description: 'Synpunkten inkom via kommunens e-tjänst för synpunkter och klagomål.',
    steps: [
      { type: 'synpunkt', direction: 'incoming', title: '{S}' },
      { type: 'epost', direction: 'outgoing', title: 'Svar – {s}' },
      { type: 'epost', direction: 'incoming', title: 'Kompletterande synpunkt på {t}' },
      { type: 'skrivelse', direction: 'outgoing', title: 'Slutligt svar – {s}' },
    ],
  },
  {
    key: 'styrdokument',
    registerKey: 'ks',
    classCode: '1.2.2.1',
    unit: 'Kansliavdelningen',
    weight: 6,
    prefixes: ['Revidering av ', 'Antagande av ', 'Översyn av '],
    topics: ['{policy}'],
    counterpart: 'none',
    steps: [
      { type: 'tjansteskrivelse', direction: 'created', title: 'Tjänsteskrivelse – {s}' },
      { type: 'remiss', direction: 'outgoing', title: 'Remiss – förslag till {t}', correspondent: 'Samtliga nämnder och helägda bolag' },
      { type: 'yttrande', direction: 'incoming', title: 'Yttrande över förslag till {t}', correspondent: NAMNDER },
      { type: 'protokollsutdrag', direction: 'created', title: 'Protokollsutdrag kommunstyrelsen – {s}' },
      {
        type: 'protokollsutdrag',
        direction: 'incoming',
        title: 'Protokollsutdrag kommunfullmäktige – {s}',
        correspondent: 'Kommunfullmäktige',
      },
    ],
  },
  {
    key: 'budget',
    registerKey: 'ks',
    classCode: '1.2.4.1',
    unit: 'Ekonomiavdelningen',
    weight: 3,
    prefixes: [''],
    counterpart: 'none',
    topics: [
      'Budget {next} och verksamhetsplan {next}–{next3}',
      'Investeringsbudget {next}–{next5}',
      'Taxor och avgifter {next}',
      'Skattesats för {next}',
    ],
    steps: [
      { type: 'tjansteskrivelse', direction: 'created', title: 'Tjänsteskrivelse – {s}' },
      { type: 'skrivelse', direction: 'incoming', title: 'Nämndens underlag – {s}', correspondent: NAMNDER },
      { type: 'protokollsutdrag', direction: 'created', title: 'Protokollsutdrag kommunstyrelsen – {s}' },
      {
        type: 'protokollsutdrag',
        direction: 'outgoing',
        title: 'Protokollsutdrag – förslag till beslut om {s}',
        correspondent: 'Kommunfullmäktige',
      },
    ],
  },
  {
    key: 'uppfoljning',
    registerKey: 'ks',
    classCode: '1.2.4.2',
    unit: 'Ekonomiavdelningen',
    weight: 3,
    prefixes: [''],
    counterpart: 'none',
    topics: [
      'Delårsrapport per augusti {year}',
      'Årsredovisning {prev}',
      'Tertialrapport per april {year}',
      'Uppföljning av kommunens mål {prev}',
    ],
    steps: [
      { type: 'tjansteskrivelse', direction: 'created', title: 'Tjänsteskrivelse – {s}' },
      { type: 'protokollsutdrag', direction: 'created', title: 'Protokollsutdrag kommunstyrelsen – {s}' },
      { type: 'protokollsutdrag', direction: 'outgoing', title: 'Protokollsutdrag – {s}', correspondent: 'Revisorerna i Exempelkommun' },
      { type: 'skrivelse', direction: 'incoming', title: 'Revisionsrapport – {s}', correspondent: 'Revisorerna i Exempelkommun' },
    ],
  },
  {
    key: 'internkontroll',
    registerKey: 'ks',
    classCode: '1.2.3',
    unit: 'Ekonomiavdelningen',
    weight: 2,
    prefixes: [''],
    counterpart: 'none',
    topics: ['Internkontrollplan {next}', 'Uppföljning av internkontrollplan {prev}'],
    steps: [
      { type: 'tjansteskrivelse', direction: 'created', title: 'Tjänsteskrivelse – {s}' },
      { type: 'protokollsutdrag', direction: 'created', title: 'Protokollsutdrag kommunstyrelsen – {s}' },
    ],
  },
  {
    key: 'sammantradesplan',
    registerKey: 'ks',
    classCode: '1.1.3.4',
    unit: 'Kansliavdelningen',
    weight: 2,
    prefixes: ['Sammanträdesplan {next} för '],
    counterpart: 'none',
    topics: ['kommunstyrelsen och dess utskott', 'kommunfullmäktige'],
    steps: [
      { type: 'tjansteskrivelse', direction: 'created', title: 'Tjänsteskrivelse – {s}' },
      { type: 'protokollsutdrag', direction: 'created', title: 'Protokollsutdrag kommunstyrelsen – {s}' },
      {
        type: 'protokollsutdrag',
        direction: 'outgoing',
        title: 'Protokollsutdrag – {s}',
        correspondent: 'Samtliga nämnder och helägda bolag',
      },
    ],
  },
  {
    key: 'arvoden',
    registerKey: 'ks',
    classCode: '1.1.3.4',
    unit: 'Kansliavdelningen',
    weight: 1,
    prefixes: ['Sammanträdesarvoden '],
    counterpart: 'none',
    topics: ['{year} för {board}'],
    steps: [
      { type: 'arvodesunderlag', direction: 'created', title: 'Underlag för utbetalning av sammanträdesarvoden, januari–april {year}' },
      { type: 'arvodesunderlag', direction: 'created', title: 'Underlag för utbetalning av sammanträdesarvoden, maj–augusti {year}' },
      {
        type: 'arvodesunderlag',
        direction: 'created',
        title: 'Underlag för utbetalning av sammanträdesarvoden, september–december {year}',
      },
    ],
  },
  {
    key: 'delegation',
    registerKey: 'ks',
    classCode: '1.1.3.5',
    unit: 'Kansliavdelningen',
    weight: 3,
    prefixes: ['Delegationsbeslut {year} inom '],
    counterpart: 'none',
    topics: ['{unit}'],
    steps: [
      { type: 'delegationsbeslut', direction: 'created', title: 'Delegationsbeslut – {delegation}' },
      { type: 'delegationsbeslut', direction: 'created', title: 'Delegationsbeslut – {delegation}' },
      { type: 'delegationsbeslut', direction: 'created', title: 'Delegationsbeslut – {delegation}' },
      { type: 'anmalan', direction: 'created', title: 'Anmälan av delegationsbeslut till kommunstyrelsen' },
      { type: 'delegationsbeslut', direction: 'created', title: 'Delegationsbeslut – {delegation}' },
      { type: 'anmalan', direction: 'created', title: 'Anmälan av delegationsbeslut till kommunstyrelsen' },
    ],
  },
  {
    key: 'rekrytering',
    registerKey: 'ks',
    classCode: '2.3.6.1',
    unit: 'HR-avdelningen',
    weight: 4,
    prefixes: ['Rekrytering av '],
    topics: ['{job} till {unit}'],
    counterpart: 'person',
    steps: [
      { type: 'beslut', direction: 'created', title: 'Beslut om att påbörja {s}' },
      { type: 'ansokan', direction: 'incoming', title: 'Ansökan om anställning – {t}' },
      { type: 'minnesanteckningar', direction: 'created', title: 'Intervjuanteckningar – {t}' },
      { type: 'beslut', direction: 'created', title: 'Beslut om anställning – {t}' },
      { type: 'avtal', direction: 'outgoing', title: 'Anställningsavtal – {t}' },
      { type: 'avtal', direction: 'incoming', title: 'Anställningsavtal undertecknat – {t}' },
    ],
  },
  {
    key: 'mbl',
    registerKey: 'ks',
    classCode: '2.3.1.1',
    unit: 'HR-avdelningen',
    weight: 3,
    prefixes: ['Förhandling enligt 11 § MBL om '],
    topics: ['{mbl}'],
    counterpart: 'organisation',
    counterparts: ['Kommunal avdelning Exempel', 'Vision Exempelkommun'],
    steps: [
      { type: 'kallelse', direction: 'outgoing', title: 'Kallelse till förhandling – {t}' },
      { type: 'protokoll-mbl', direction: 'created', title: 'Protokoll MBL – {t}' },
      { type: 'skrivelse', direction: 'incoming', title: 'Synpunkter från arbetstagarorganisationen – {t}' },
    ],
  },
  {
    key: 'arbetsmiljo',
    registerKey: 'ks',
    classCode: '2.3.4',
    unit: 'HR-avdelningen',
    weight: 2,
    prefixes: [''],
    counterpart: 'none',
    topics: ['Arbetsmiljöuppföljning {year} för {unit}', 'Skyddsrond i kommunhuset {year}', 'Tillbud – halka vid kommunhusets entré'],
    steps: [
      { type: 'minnesanteckningar', direction: 'created', title: 'Minnesanteckningar – {s}' },
      { type: 'anmalan', direction: 'outgoing', title: 'Anmälan – {s}', correspondent: 'Arbetsmiljöverket' },
      { type: 'tjansteskrivelse', direction: 'created', title: 'Handlingsplan – {s}' },
    ],
  },
  {
    key: 'foreningsbidrag',
    registerKey: 'ks',
    classCode: '2.4.3.1',
    unit: 'Ekonomiavdelningen',
    weight: 4,
    prefixes: ['Ansökan om '],
    topics: ['föreningsbidrag {year} från {c}', 'bidrag till jubileumsfirande från {c}', 'lokalbidrag {year} från {c}'],
    counterpart: 'organisation',
    counterparts: ASSOCIATIONS,
    steps: [
      { type: 'ansokan', direction: 'incoming', title: '{S}' },
      { type: 'tjansteskrivelse', direction: 'created', title: 'Tjänsteskrivelse – {s}' },
      { type: 'delegationsbeslut', direction: 'created', title: 'Delegationsbeslut – {s}' },
      { type: 'beslut', direction: 'outgoing', title: 'Beslut – {s}' },
    ],
  },
  {
    key: 'utlamnande',
    registerKey: 'ks',
    classCode: '1.4.1.1',
    unit: 'Kansliavdelningen',
    weight: 4,
    prefixes: ['Begäran om utlämnande av allmän handling – '],
    topics: ['{request}'],
    counterpart: 'person',
    steps: [
      { type: 'epost', direction: 'incoming', title: 'Begäran om allmän handling – {t}' },
      { type: 'epost', direction: 'outgoing', title: 'Utlämnande av handlingar – {t}' },
      { type: 'beslut', direction: 'created', title: 'Beslut om att delvis avslå begäran – {t}' },
      { type: 'beslut', direction: 'outgoing', title: 'Beslut – {s}' },
      { type: 'overklagande', direction: 'incoming', title: 'Överklagande av beslut om utlämnande – {t}' },
      {
        type: 'skrivelse',
        direction: 'outgoing',
        title: 'Överlämnande av överklagande – {t}',
        correspondent: 'Kammarrätten i Exempelstad',
      },
    ],
  },
  {
    key: 'entledigande',
    registerKey: 'ks',
    classCode: '1.1.1.1',
    unit: 'Kansliavdelningen',
    weight: 3,
    prefixes: ['Entledigande från uppdrag som '],
    topics: ['ledamot i {board}', 'ersättare i {board}'],
    counterpart: 'politician',
    steps: [
      { type: 'skrivelse', direction: 'incoming', title: 'Begäran om entledigande – {t}' },
      { type: 'protokollsutdrag', direction: 'created', title: 'Protokollsutdrag kommunfullmäktige – {s}' },
      { type: 'protokollsutdrag', direction: 'outgoing', title: 'Protokollsutdrag – {s}' },
      { type: 'skrivelse', direction: 'outgoing', title: 'Begäran om ny sammanräkning – {t}', correspondent: 'Länsstyrelsen i Exempellän' },
    ],
  },
  {
    key: 'utredning',
    registerKey: 'ks',
    classCode: '1.1.3.1',
    unit: 'Kommunledningskontoret',
    weight: 5,
    prefixes: ['Uppdrag att utreda '],
    topics: ['{investigation}'],
    counterpart: 'none',
    steps: [
      { type: 'tjansteskrivelse', direction: 'created', title: 'Tjänsteskrivelse – {s}' },
      { type: 'protokollsutdrag', direction: 'created', title: 'Protokollsutdrag kommunstyrelsen – {s}' },
      { type: 'skrivelse', direction: 'incoming', title: 'Rapport – {t}', correspondent: 'Konsultbolaget Utredning & Analys AB' },
      { type: 'tjansteutlatande', direction: 'created', title: 'Tjänsteutlåtande – {s}' },
      { type: 'protokollsutdrag', direction: 'outgoing', title: 'Protokollsutdrag – {s}', correspondent: NAMNDER },
    ],
  },
  {
    key: 'trafik',
    registerKey: 'ks',
    classCode: '3.3.8',
    unit: 'Samhällsbyggnadsavdelningen',
    weight: 3,
    prefixes: [''],
    counterpart: 'none',
    topics: [
      'Trafikutredning för {area}',
      'Hastighetsplan för Exempelkommun',
      'Parkeringsstrategi för Exempelstads centrum',
      'Lokal trafikföreskrift om parkering på {street}',
    ],
    steps: [
      { type: 'tjansteskrivelse', direction: 'created', title: 'Tjänsteskrivelse – {s}' },
      { type: 'remiss', direction: 'outgoing', title: 'Remiss – {s}', correspondent: 'Räddningstjänsten Exempeldalen' },
      { type: 'yttrande', direction: 'incoming', title: 'Yttrande – {s}', correspondent: 'Räddningstjänsten Exempeldalen' },
      { type: 'beslut', direction: 'created', title: 'Beslut – {s}' },
    ],
  },
  {
    key: 'planbesked',
    registerKey: 'ks',
    classCode: '3.1.2',
    unit: 'Samhällsbyggnadsavdelningen',
    weight: 3,
    prefixes: ['Planbesked för '],
    topics: ['bostäder i {area}', 'förskola i {area}', 'verksamhetsområde vid {street}'],
    counterpart: 'organisation',
    counterparts: ['Sjövikens Bygg & Mark AB', 'Exempelkommuns Bostäder AB'],
    steps: [
      { type: 'ansokan', direction: 'incoming', title: 'Ansökan om planbesked – {t}' },
      { type: 'tjansteskrivelse', direction: 'created', title: 'Tjänsteskrivelse – {s}' },
      { type: 'protokollsutdrag', direction: 'created', title: 'Protokollsutdrag kommunstyrelsen – {s}' },
      { type: 'beslut', direction: 'outgoing', title: 'Beslut – {s}' },
    ],
  },
  {
    key: 'lokaler',
    registerKey: 'ks',
    classCode: '2.6.1',
    unit: 'Samhällsbyggnadsavdelningen',
    weight: 2,
    prefixes: ['Förhyrning av lokaler för '],
    topics: ['{unit} i {area}', 'ungdomsverksamhet i {area}'],
    counterpart: 'organisation',
    counterparts: ['Exempelkommuns Bostäder AB'],
    steps: [
      { type: 'tjansteskrivelse', direction: 'created', title: 'Tjänsteskrivelse – {s}' },
      { type: 'avtal', direction: 'outgoing', title: 'Hyresavtal – {t}' },
      { type: 'avtal', direction: 'incoming', title: 'Hyresavtal undertecknat – {t}' },
      { type: 'fakturaunderlag', direction: 'incoming', title: 'Faktura-underlag – hyra {year}, {t}' },
    ],
  },
  {
    key: 'krisberedskap',
    registerKey: 'ks',
    classCode: '2.8.2',
    unit: 'Säkerhetsenheten',
    weight: 2,
    prefixes: [''],
    counterpart: 'none',
    topics: [
      'Risk- och sårbarhetsanalys {year}–{next3}',
      'Övning av krisledningsnämnden {year}',
      'Kontinuitetsplan för kommunens IT-drift',
    ],
    steps: [
      { type: 'tjansteskrivelse', direction: 'created', title: 'Tjänsteskrivelse – {s}' },
      {
        type: 'skrivelse',
        direction: 'incoming',
        title: 'Anvisningar från länsstyrelsen – {s}',
        correspondent: 'Länsstyrelsen i Exempellän',
      },
      { type: 'protokollsutdrag', direction: 'created', title: 'Protokollsutdrag kommunstyrelsen – {s}' },
      { type: 'skrivelse', direction: 'outgoing', title: 'Redovisning – {s}', correspondent: 'Länsstyrelsen i Exempellän' },
    ],
  },
  // Socialnämnden
  {
    key: 'sn-riktlinjer',
    registerKey: 'sn',
    classCode: '1.2.2.1',
    unit: 'Socialförvaltningen',
    weight: 3,
    prefixes: ['Revidering av ', 'Antagande av '],
    counterpart: 'none',
    topics: [
      'riktlinjer för ekonomiskt bistånd',
      'riktlinjer för biståndsbedömning inom äldreomsorgen',
      'riktlinjer för handläggning av LSS-insatser',
      'plan för suicidprevention',
      'rutin för lex Sarah',
    ],
    steps: [
      { type: 'tjansteskrivelse', direction: 'created', title: 'Tjänsteskrivelse – {s}' },
      { type: 'protokollsutdrag', direction: 'created', title: 'Protokollsutdrag socialnämnden – {s}' },
      { type: 'protokollsutdrag', direction: 'outgoing', title: 'Protokollsutdrag socialnämnden – {s}', correspondent: 'Kommunstyrelsen' },
    ],
  },
  {
    key: 'sn-avtal',
    registerKey: 'sn',
    classCode: '2.5.1.2',
    unit: 'Socialförvaltningen',
    weight: 3,
    prefixes: ['Avtal om '],
    counterpart: 'organisation',
    topics: [
      ['stödboende för unga vuxna', 'Stödboende Ljuset AB'],
      ['konsulentstödd familjehemsvård', 'Familjehemsbyrån Trygg AB'],
      ['korttidsplatser för unga', 'Stödboende Ljuset AB'],
    ],
    steps: [
      { type: 'tjansteskrivelse', direction: 'created', title: 'Tjänsteskrivelse – {s}' },
      { type: 'delegationsbeslut', direction: 'created', title: 'Delegationsbeslut om att teckna {s}' },
      { type: 'avtal', direction: 'outgoing', title: '{S} – för underskrift' },
      { type: 'avtal', direction: 'incoming', title: '{S} – undertecknat av leverantören' },
    ],
  },
  {
    key: 'sn-synpunkt',
    registerKey: 'sn',
    classCode: '1.4.2.1',
    unit: 'Socialförvaltningen',
    weight: 3,
    prefixes: ['Synpunkt på '],
    counterpart: 'person',
    topics: [
      'bemötandet inom hemtjänsten i {area}',
      'maten på Ekbackens äldreboende',
      'handläggningstiden för ekonomiskt bistånd',
      'färdtjänstens förseningar',
    ],
    steps: [
      { type: 'synpunkt', direction: 'incoming', title: '{S}' },
      { type: 'skrivelse', direction: 'outgoing', title: 'Svar – {s}' },
    ],
  },
  {
    key: 'sn-remiss',
    registerKey: 'sn',
    classCode: '1.1.6.1',
    unit: 'Socialförvaltningen',
    weight: 2,
    prefixes: ['Yttrande över remiss – '],
    counterpart: 'organisation',
    topics: [
      ['regional handlingsplan för psykisk hälsa', 'Region Exempel'],
      ['överenskommelse om barn och unga med psykisk ohälsa', 'Region Exempel'],
      ['länsstrategi mot våld i nära relationer', 'Länsstyrelsen i Exempellän'],
    ],
    steps: [
      { type: 'remiss', direction: 'incoming', title: 'Remiss – {t}' },
      { type: 'tjansteskrivelse', direction: 'created', title: 'Tjänsteskrivelse – yttrande över {t}' },
      { type: 'protokollsutdrag', direction: 'created', title: 'Protokollsutdrag socialnämnden – yttrande över {t}' },
      { type: 'yttrande', direction: 'outgoing', title: 'Yttrande – {t}' },
    ],
  },
  {
    key: 'sn-uppfoljning',
    registerKey: 'sn',
    classCode: '1.2.4.2',
    unit: 'Socialförvaltningen',
    weight: 2,
    prefixes: [''],
    counterpart: 'none',
    topics: [
      'Delårsrapport per augusti {year} för socialnämnden',
      'Verksamhetsberättelse {prev} för socialnämnden',
      'Patientsäkerhetsberättelse {prev}',
    ],
    steps: [
      { type: 'tjansteskrivelse', direction: 'created', title: 'Tjänsteskrivelse – {s}' },
      { type: 'protokollsutdrag', direction: 'created', title: 'Protokollsutdrag socialnämnden – {s}' },
      { type: 'protokollsutdrag', direction: 'outgoing', title: 'Protokollsutdrag socialnämnden – {s}', correspondent: 'Kommunstyrelsen' },
    ],
  },
  {
    key: 'sn-bidrag',
    registerKey: 'sn',
    classCode: '2.4.3.1',
    unit: 'Socialförvaltningen',
    weight: 1,
    prefixes: ['Ansökan om '],
    topics: ['verksamhetsbidrag {year} från {c}'],
    counterpart: 'organisation',
    counterparts: ['Brottsofferjouren Exempelbygden'],
    steps: [
      { type: 'ansokan', direction: 'incoming', title: '{S}' },
      { type: 'tjansteskrivelse', direction: 'created', title: 'Tjänsteskrivelse – {s}' },
      { type: 'beslut', direction: 'outgoing', title: 'Beslut – {s}' },
    ],
  },
  {
    key: 'sn-kvalitet',
    registerKey: 'sn',
    classCode: '3.7.2',
    unit: 'Individ- och familjeomsorgen',
    weight: 2,
    prefixes: [''],
    counterpart: 'none',
    topics: [
      'Kvalitetsberättelse {prev} för individ- och familjeomsorgen',
      'Uppföljning av placeringar {year}',
      'Egenkontroll av handläggningstider {year}',
    ],
    steps: [
      { type: 'tjansteskrivelse', direction: 'created', title: 'Tjänsteskrivelse – {s}' },
      { type: 'protokollsutdrag', direction: 'created', title: 'Protokollsutdrag socialnämnden – {s}' },
    ],
  },
  {
    key: 'sn-tillsyn',
    registerKey: 'sn',
    classCode: '3.7.5',
    unit: 'Äldreomsorgen',
    weight: 2,
    prefixes: ['Tillsyn av '],
    topics: ['Ekbackens äldreboende', 'hemtjänsten i {area}', 'korttidsboendet Solgläntan'],
    counterpart: 'organisation',
    counterparts: ['Inspektionen för vård och omsorg (IVO), avdelning Exempel'],
    steps: [
      { type: 'skrivelse', direction: 'incoming', title: 'Begäran om yttrande – {s}' },
      { type: 'tjansteskrivelse', direction: 'created', title: 'Tjänsteskrivelse – {s}' },
      { type: 'yttrande', direction: 'outgoing', title: 'Yttrande till IVO – {s}' },
      { type: 'beslut', direction: 'incoming', title: 'Beslut – {s}' },
    ],
  },
];

/** Templates for free-standing documents (no case). */
export interface FreeDocumentTemplate {
  registerKey: 'ks' | 'sn';
  classCode: string;
  type: DoctypeKey;
  direction: Direction;
  title: string;
  correspondent?: string | readonly string[];
}

export const FREE_DOCUMENT_TEMPLATES: readonly FreeDocumentTemplate[] = [
  {
    registerKey: 'ks',
    classCode: '1.1.3.4',
    type: 'kallelse',
    direction: 'created',
    title: 'Kallelse med föredragningslista, kommunstyrelsen {date}',
  },
  { registerKey: 'ks', classCode: '1.1.3.4', type: 'protokoll', direction: 'created', title: 'Protokoll kommunstyrelsen {date}' },
  {
    registerKey: 'ks',
    classCode: '1.1.3.4',
    type: 'protokoll',
    direction: 'created',
    title: 'Protokoll kommunstyrelsens arbetsutskott {date}',
  },
  {
    registerKey: 'ks',
    classCode: '1.1.6.2',
    type: 'skrivelse',
    direction: 'incoming',
    title: 'Inbjudan till regional konferens om {investigation}',
    correspondent: ['Region Exempel', 'Länsstyrelsen i Exempellän'],
  },
  {
    registerKey: 'ks',
    classCode: '1.1.6.2',
    type: 'skrivelse',
    direction: 'incoming',
    title: 'Information om {remissInfo}',
    correspondent: ['Region Exempel', 'Länsstyrelsen i Exempellän', 'Grannkommunen Norrvik'],
  },
  {
    registerKey: 'ks',
    classCode: '1.1.4',
    type: 'minnesanteckningar',
    direction: 'created',
    title: 'Minnesanteckningar från kommunledningsgruppens möte {date}',
  },
  {
    registerKey: 'ks',
    classCode: '2.4.1.1',
    type: 'fakturaunderlag',
    direction: 'incoming',
    title: 'Faktura-underlag – {purchase}',
    correspondent: SUPPLIERS,
  },
  {
    registerKey: 'ks',
    classCode: '2.3.1.1',
    type: 'protokoll-mbl',
    direction: 'created',
    title: 'Protokoll från central samverkansgrupp {date}',
  },
  {
    registerKey: 'ks',
    classCode: '1.4.2.1',
    type: 'epost',
    direction: 'incoming',
    title: 'Fråga om {complaint}',
    correspondent: ['Ingrid Johansson', 'Mats Karlsson', 'Elin Lundqvist', 'Jonas Pettersson'],
  },
  { registerKey: 'ks', classCode: '1.1.3.5', type: 'delegationsbeslut', direction: 'created', title: 'Delegationsbeslut – {delegation}' },
  {
    registerKey: 'sn',
    classCode: '1.1.3.4',
    type: 'kallelse',
    direction: 'created',
    title: 'Kallelse med föredragningslista, socialnämnden {date}',
  },
  { registerKey: 'sn', classCode: '1.1.3.4', type: 'protokoll', direction: 'created', title: 'Protokoll socialnämnden {date}' },
  {
    registerKey: 'sn',
    classCode: '1.1.6.2',
    type: 'skrivelse',
    direction: 'incoming',
    title: 'Information om {remissInfo}',
    correspondent: ['Region Exempel', 'Inspektionen för vård och omsorg (IVO), avdelning Exempel'],
  },
];

const FREE_SLOTS: Readonly<Record<string, readonly string[]>> = {
  remissInfo: [
    'ändrade öppettider för vårdcentralerna',
    'kommande samråd om vattenförvaltning',
    'nya regler för färdtjänst',
    'länets krisberedskapsvecka',
  ],
  purchase: ['städtjänster, kommunhuset', 'kontorsmaterial', 'snöröjning', 'företagshälsovård', 'elleverans'],
};

const PLACEHOLDER = /\{([A-Za-z0-9]+)\}/g;

export interface FillContext {
  year: number;
  counterpart?: string;
  /** Case title, for document titles. */
  caseTitle?: string;
  topic?: string;
  /** Swedish date, for titles that name a meeting day. */
  date?: string;
}

function lowerFirst(text: string): string {
  // Keep names (Region Exempels …) and abbreviations capitalised.
  if (/^(Region|Länsstyrelsen|Grannkommunen|[A-ZÅÄÖ]{2})/.test(text)) return text;
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** Fills a template's placeholders; picks each `{slot}` anew. */
export function fillTemplate(pattern: string, rng: Rng, ctx: FillContext): string {
  let text = pattern;
  for (let depth = 0; depth < 4 && text.includes('{'); depth++) {
    text = text.replace(PLACEHOLDER, (whole, name: string) => {
      switch (name) {
        case 'year':
          return String(ctx.year);
        case 'prev':
          return String(ctx.year - 1);
        case 'next':
          return String(ctx.year + 1);
        case 'next3':
          return String(ctx.year + 3);
        case 'next4':
          return String(ctx.year + 4);
        case 'next5':
          return String(ctx.year + 5);
        case 'c':
          return ctx.counterpart ?? '';
        case 'S':
          return ctx.caseTitle ?? '';
        case 's':
          return lowerFirst(ctx.caseTitle ?? '');
        case 't':
          return ctx.topic ?? '';
        case 'date':
          return ctx.date ?? '';
        default: {
          const values = SLOTS[name] ?? FREE_SLOTS[name];
          return values ? rng.pick(values) : whole;
        }
      }
    });
  }
  return text;
}

/** Every slot name a template may use, for tests. */
export const SLOT_NAMES: readonly string[] = [...Object.keys(SLOTS), ...Object.keys(FREE_SLOTS)];

export function templatesFor(registerKey: 'ks' | 'sn'): readonly CaseTemplate[] {
  return CASE_TEMPLATES.filter((t) => t.registerKey === registerKey);
}
