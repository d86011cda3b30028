import type { RetentionTrigger } from '../../../../shared/src';

/**
 * The retention rows the demo's document types use (provenance in ./README.md).
 *
 * - `invented: false`: copied from retention.csv of the project's reference data, i.e. read from a
 *   real municipal document management plan. The source text gives the action and period; where
 *   it names no event to count from, `trigger` is OUR reading and `triggerAsInSource` is ''.
 * - `invented: true`: made up for the demo (from retention_gapfill.INVENTED.csv, or invented here
 *   where that file has no row). The product must label these as demo rules (`demoRule: true`).
 */
export interface RetentionRow {
  /** Key of the demo document type (../doctypes.ts) that uses the row. */
  doctypeKey: string;
  /** The document type as the source names it. */
  documentType: string;
  action: 'bevaras' | 'gallras';
  periodYears: number | null;
  /** The event the period counts from, in the source's words; '' where it names none. */
  triggerAsInSource: string;
  /** Our mapping onto shared's RetentionTrigger; null for `bevaras`. */
  trigger: RetentionTrigger | null;
  explanation: string;
  source: string;
  invented: boolean;
}

const DANDERYD =
  'Danderyds kommun, Dokumenthanteringsplan, Myndighet: Produktionsstyrelsen (avsnitt "Allmän nämnds- och förvaltningsadministration"), via http://docplayer.se/8966863-Rutin-handling-media-original-kopia-forvaringsplats-sorteringsform-gallring-tidsfrist-for-anmarkning-leverans-till-kommunarkivet.html';
const GAPFILL = 'INVENTED – no source; for demo only (retention_gapfill.INVENTED.csv)';
const INVENTED_HERE = 'INVENTED – no source; for demo only (made up for the demo register)';

/** Real rows, verbatim from retention.csv (columns document_type, action, period_years, trigger, explanation, source). */
export const SOURCED_RETENTION: readonly RetentionRow[] = [
  {
    doctypeKey: 'protokoll',
    documentType: 'Produktionsstyrelsens protokoll (nämndens sammanträdesprotokoll)',
    action: 'bevaras',
    periodYears: null,
    triggerAsInSource: '',
    trigger: null,
    explanation:
      'Media: papper/IT; original; förvaring: expedition, pärm; kronologisk ordning; levereras till kommunarkivet efter 5 år; anm: "Inbindning sker årsvis"',
    source: DANDERYD,
    invented: false,
  },
  {
    doctypeKey: 'protokoll-mbl',
    documentType: 'Protokoll MBL',
    action: 'bevaras',
    periodYears: null,
    triggerAsInSource: '',
    trigger: null,
    explanation: 'Media: papper/IT; original; expedition, pärm; kronologisk ordning; levereras till kommunarkivet efter 5 år',
    source: DANDERYD,
    invented: false,
  },
  {
    doctypeKey: 'kallelse',
    documentType: 'Kallelser',
    action: 'gallras',
    periodYears: 2,
    triggerAsInSource: '',
    trigger: 'end_of_registration_year',
    explanation:
      'Media: papper/IT; original; expedition, pärm; kronologisk ordning. Värdet "2 år" står i gallringskolumnen (vår tolkning av tabelltexten); utlösande händelse anges inte.',
    source: DANDERYD,
    invented: false,
  },
  {
    doctypeKey: 'arvodesunderlag',
    documentType: 'Underlag för utbetalning av sammanträdesarvoden',
    action: 'gallras',
    periodYears: 2,
    triggerAsInSource: '',
    trigger: 'end_of_registration_year',
    explanation: 'Media: papper/IT; kopia; expedition, pärm; kronologisk ordning; anm: "Original förvaras på lönekontoret"',
    source: DANDERYD,
    invented: false,
  },
  {
    doctypeKey: 'delegationsbeslut',
    documentType: 'Delegationsbeslut',
    action: 'bevaras',
    periodYears: null,
    triggerAsInSource: '',
    trigger: null,
    explanation:
      'Media: papper/IT; original; expedition; kronologisk ordning; levereras till kommunarkivet efter 5 år; anm: "Diarieförs i gemensamt …" (texten är avklippt i källan)',
    source: DANDERYD,
    invented: false,
  },
];

/** Demo rules: no municipality has decided these. */
export const INVENTED_RETENTION: readonly RetentionRow[] = [
  {
    doctypeKey: 'tjansteskrivelse',
    documentType: 'Tjänsteskrivelse / tjänsteutlåtande',
    action: 'bevaras',
    periodYears: null,
    triggerAsInSource: '',
    trigger: null,
    explanation: 'INVENTED demo rule',
    source: GAPFILL,
    invented: true,
  },
  {
    doctypeKey: 'tjansteutlatande',
    documentType: 'Tjänsteskrivelse / tjänsteutlåtande',
    action: 'bevaras',
    periodYears: null,
    triggerAsInSource: '',
    trigger: null,
    explanation: 'INVENTED demo rule',
    source: GAPFILL,
    invented: true,
  },
  {
    doctypeKey: 'protokollsutdrag',
    documentType: 'Protokollsutdrag',
    action: 'gallras',
    periodYears: 0,
    triggerAsInSource: 'vid inaktualitet',
    trigger: 'on_obsolescence',
    explanation: 'INVENTED demo rule (protokollet i original bevaras; utdraget är en kopia)',
    source: GAPFILL,
    invented: true,
  },
  {
    doctypeKey: 'motion',
    documentType: 'Motion',
    action: 'bevaras',
    periodYears: null,
    triggerAsInSource: '',
    trigger: null,
    explanation: 'INVENTED demo rule',
    source: GAPFILL,
    invented: true,
  },
  {
    doctypeKey: 'medborgarforslag',
    documentType: 'Medborgarförslag',
    action: 'bevaras',
    periodYears: null,
    triggerAsInSource: '',
    trigger: null,
    explanation: 'INVENTED demo rule',
    source: GAPFILL,
    invented: true,
  },
  {
    doctypeKey: 'remiss',
    documentType: 'Remiss (inkommen) med eget yttrande',
    action: 'bevaras',
    periodYears: null,
    triggerAsInSource: '',
    trigger: null,
    explanation: 'INVENTED demo rule',
    source: GAPFILL,
    invented: true,
  },
  {
    doctypeKey: 'avtal',
    documentType: 'Avtal (upphandlat)',
    action: 'gallras',
    periodYears: 10,
    triggerAsInSource: 'efter avtalstidens slut',
    trigger: 'case_closed',
    explanation: 'INVENTED demo rule (avtalsärendet avslutas när avtalstiden löpt ut; shared har ingen egen händelse för avtalets slut)',
    source: GAPFILL,
    invented: true,
  },
  {
    doctypeKey: 'synpunkt',
    documentType: 'Synpunkt/klagomål (ej myndighetsutövning)',
    action: 'gallras',
    periodYears: 2,
    triggerAsInSource: 'efter ärendets avslut',
    trigger: 'case_closed',
    explanation: 'INVENTED demo rule',
    source: GAPFILL,
    invented: true,
  },
  {
    doctypeKey: 'anmalan',
    documentType: 'Anmälan av delegationsbeslut (lista)',
    action: 'gallras',
    periodYears: 0,
    triggerAsInSource: 'vid inaktualitet',
    trigger: 'on_obsolescence',
    explanation: 'INVENTED demo rule (själva delegationsbeslutet bevaras, jfr Danderyd)',
    source: GAPFILL,
    invented: true,
  },
  {
    doctypeKey: 'beslut',
    documentType: 'Beslut',
    action: 'bevaras',
    periodYears: null,
    triggerAsInSource: '',
    trigger: null,
    explanation: 'INVENTED demo rule',
    source: INVENTED_HERE,
    invented: true,
  },
  {
    doctypeKey: 'yttrande',
    documentType: 'Yttrande',
    action: 'bevaras',
    periodYears: null,
    triggerAsInSource: '',
    trigger: null,
    explanation: 'INVENTED demo rule (jfr remiss med eget yttrande)',
    source: INVENTED_HERE,
    invented: true,
  },
  {
    doctypeKey: 'skrivelse',
    documentType: 'Skrivelse',
    action: 'bevaras',
    periodYears: null,
    triggerAsInSource: '',
    trigger: null,
    explanation: 'INVENTED demo rule',
    source: INVENTED_HERE,
    invented: true,
  },
  {
    doctypeKey: 'overklagande',
    documentType: 'Överklagande',
    action: 'bevaras',
    periodYears: null,
    triggerAsInSource: '',
    trigger: null,
    explanation: 'INVENTED demo rule',
    source: INVENTED_HERE,
    invented: true,
  },
  {
    doctypeKey: 'fakturaunderlag',
    documentType: 'Faktura-underlag',
    action: 'gallras',
    periodYears: 7,
    triggerAsInSource: 'efter registreringsårets utgång',
    trigger: 'end_of_registration_year',
    explanation: 'INVENTED demo rule (jfr bokföringslagens arkiveringstid om sju år)',
    source: INVENTED_HERE,
    invented: true,
  },
  {
    doctypeKey: 'ansokan',
    documentType: 'Ansökan',
    action: 'gallras',
    periodYears: 5,
    triggerAsInSource: 'efter utgången av det år ärendet avslutades',
    trigger: 'end_of_case_closed_year',
    explanation: 'INVENTED demo rule',
    source: INVENTED_HERE,
    invented: true,
  },
  {
    doctypeKey: 'minnesanteckningar',
    documentType: 'Minnesanteckningar',
    action: 'gallras',
    periodYears: 2,
    triggerAsInSource: 'efter utgången av det år ärendet avslutades',
    trigger: 'end_of_case_closed_year',
    explanation: 'INVENTED demo rule',
    source: INVENTED_HERE,
    invented: true,
  },
  {
    doctypeKey: 'epost',
    documentType: 'E-post',
    action: 'gallras',
    periodYears: 2,
    triggerAsInSource: 'efter registrering',
    trigger: 'registration',
    explanation: 'INVENTED demo rule (e-post av tillfällig betydelse som ändå registrerats)',
    source: INVENTED_HERE,
    invented: true,
  },
];
