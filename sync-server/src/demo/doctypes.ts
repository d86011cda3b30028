import { documentTypeAllows, type DocumentType, type RetentionRule } from '../../../shared/src';
import { INVENTED_RETENTION, SOURCED_RETENTION, type RetentionRow } from './data/retention.data';

/** Keys of the demo's document types; record ids are `dt-<register>-<key>`. */
export const DOCTYPE_KEYS = [
  'beslut',
  'tjansteskrivelse',
  'tjansteutlatande',
  'protokoll',
  'protokollsutdrag',
  'kallelse',
  'motion',
  'medborgarforslag',
  'synpunkt',
  'avtal',
  'delegationsbeslut',
  'yttrande',
  'remiss',
  'skrivelse',
  'fakturaunderlag',
  'ansokan',
  'anmalan',
  'overklagande',
  'minnesanteckningar',
  'epost',
  'protokoll-mbl',
  'arvodesunderlag',
] as const;
export type DoctypeKey = (typeof DOCTYPE_KEYS)[number];

export interface DoctypeSpec {
  key: DoctypeKey;
  name: string;
  /** Where the type may be used; a code covers its sub-processes ('1.1' covers 1.1.3.2). */
  classCodes: readonly string[];
}

const ALL = ['1', '2', '3'];

export const DOCTYPE_SPECS: readonly DoctypeSpec[] = [
  { key: 'beslut', name: 'Beslut', classCodes: ALL },
  { key: 'tjansteskrivelse', name: 'Tjänsteskrivelse', classCodes: ALL },
  { key: 'tjansteutlatande', name: 'Tjänsteutlåtande', classCodes: ['1.1', '1.2', '3'] },
  { key: 'protokoll', name: 'Protokoll', classCodes: ['1.1.1', '1.1.2', '1.1.3.4'] },
  { key: 'protokollsutdrag', name: 'Protokollsutdrag', classCodes: ALL },
  { key: 'kallelse', name: 'Kallelse med föredragningslista', classCodes: ['1.1.1', '1.1.2', '1.1.3.4', '2.3.1'] },
  { key: 'motion', name: 'Motion', classCodes: ['1.1.1', '1.1.3.2'] },
  { key: 'medborgarforslag', name: 'Medborgarförslag', classCodes: ['1.1.3.3'] },
  { key: 'synpunkt', name: 'Synpunkt', classCodes: ['1.4.2'] },
  { key: 'avtal', name: 'Avtal', classCodes: ['2.3.6', '2.5', '2.6', '3'] },
  { key: 'delegationsbeslut', name: 'Delegationsbeslut', classCodes: ALL },
  { key: 'yttrande', name: 'Yttrande', classCodes: ['1.1.3', '1.1.6', '1.2.2', '3'] },
  { key: 'remiss', name: 'Remiss', classCodes: ['1.1.3', '1.1.6', '1.2.2', '3'] },
  { key: 'skrivelse', name: 'Skrivelse', classCodes: ALL },
  { key: 'fakturaunderlag', name: 'Faktura-underlag', classCodes: ['2.4', '2.5', '2.6'] },
  { key: 'ansokan', name: 'Ansökan', classCodes: ['1.4.1', '2.3.6', '2.4.3', '3'] },
  { key: 'anmalan', name: 'Anmälan', classCodes: ['1.1.3.5', '2.3.4', '3'] },
  { key: 'overklagande', name: 'Överklagande', classCodes: ['1', '2.5.1', '3'] },
  { key: 'minnesanteckningar', name: 'Minnesanteckningar', classCodes: ALL },
  { key: 'epost', name: 'E-post', classCodes: ALL },
  { key: 'protokoll-mbl', name: 'Protokoll MBL', classCodes: ['2.3.1'] },
  { key: 'arvodesunderlag', name: 'Underlag för utbetalning av sammanträdesarvoden', classCodes: ['1.1.1', '1.1.3.4'] },
];

export function doctypeId(registerKey: string, key: DoctypeKey): string {
  return `dt-${registerKey}-${key}`;
}

/** True when `classCode` is one of the type's codes or lies below one of them. */
export const doctypeAllowsClass = documentTypeAllows;

const RETENTION_BY_KEY = new Map<string, RetentionRow>([...SOURCED_RETENTION, ...INVENTED_RETENTION].map((r) => [r.doctypeKey, r]));

export function retentionRow(key: DoctypeKey): RetentionRow {
  const row = RETENTION_BY_KEY.get(key);
  if (!row) throw new Error(`no retention row for document type ${key}`);
  return row;
}

/** Turns a retention row into shared's rule, with an explanation that says where it comes from. */
export function retentionRule(row: RetentionRow): RetentionRule {
  const origin = row.invented
    ? `Demoregel, påhittad för demon (ingen källa). ${row.explanation}`
    : `Regel hämtad från en verklig dokumenthanteringsplan: ${row.documentType}. ${row.explanation} Källa: ${row.source}`;
  const reading =
    !row.invented && row.action === 'gallras' && row.triggerAsInSource === ''
      ? ' Utlösande händelse anges inte i källan; här räknas fristen från registreringsårets utgång (vår tolkning).'
      : '';
  const explanation = `${origin}${reading}`.slice(0, 1000);
  if (row.action === 'bevaras') return { action: 'preserve', explanation };
  if (!row.trigger) throw new Error(`disposal row without trigger: ${row.documentType}`);
  return { action: 'dispose', periodYears: row.periodYears ?? 0, trigger: row.trigger, explanation };
}

export function buildDocumentTypes(registerId: string, registerKey: string, updatedAt: string): DocumentType[] {
  return DOCTYPE_SPECS.map((s) => {
    const row = retentionRow(s.key);
    return {
      id: doctypeId(registerKey, s.key),
      registerId,
      syncVersion: 1,
      updatedAt,
      name: s.name,
      classCodes: [...s.classCodes],
      retention: retentionRule(row),
      demoRule: row.invented,
    };
  });
}
