import type { CaseStatus, Direction, DocumentStatus } from '../../../../shared/src';

/** The advanced search form's fields; each filled one becomes part of the same query text a user could type. */
export interface AdvancedSearch {
  words: string;
  phrase: string;
  without: string;
  number: string;
  title: string;
  description: string;
  sender: string;
  recipient: string;
  officer: string;
  process: string;
  documentType: string;
  status: CaseStatus | DocumentStatus | '';
  direction: Direction | '';
  /** YYYY-MM-DD or ''. */
  dateFrom: string;
  dateTo: string;
}

export function emptyAdvancedSearch(): AdvancedSearch {
  return {
    words: '',
    phrase: '',
    without: '',
    number: '',
    title: '',
    description: '',
    sender: '',
    recipient: '',
    officer: '',
    process: '',
    documentType: '',
    status: '',
    direction: '',
    dateFrom: '',
    dateTo: '',
  };
}

/** The Swedish field names of the grammar (shared/src/search FIELD_NAMES), as the form writes them. */
export const FIELD_WORDS = {
  number: 'nummer',
  title: 'rubrik',
  description: 'beskrivning',
  sender: 'avsändare',
  recipient: 'mottagare',
  officer: 'handläggare',
  process: 'process',
  documentType: 'handlingstyp',
  status: 'status',
  direction: 'riktning',
  date: 'datum',
} as const;

/** Status and direction as the Swedish words the grammar reads (one stored value each). */
const STATUS_WORDS: Record<CaseStatus | DocumentStatus, string> = {
  draft: 'utkast',
  registered_unchecked: 'okontrollerad',
  registered: 'registrerad',
  closed: 'avslutad',
  annulled: 'makulerad',
  disposed: 'gallrad',
  archived: 'arkiverad',
};
const DIRECTION_WORDS: Record<Direction, string> = { incoming: 'inkommen', outgoing: 'utgående', created: 'upprättad' };

/** A value as one term: quoted when it holds a space (the grammar has no escape for `"`, so quotes go). */
function value(v: string): string {
  const clean = v.replace(/"/g, ' ').replace(/\s+/g, ' ').trim();
  return /\s/.test(clean) ? `"${clean}"` : clean;
}

function words(v: string): string[] {
  return v.replace(/"/g, ' ').split(/\s+/).filter(Boolean);
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The query text of the form: words, a phrase, exclusions, then field:value terms. */
export function buildQueryText(a: AdvancedSearch): string {
  const parts: string[] = [...words(a.words)];
  const phrase = value(a.phrase);
  if (phrase) parts.push(phrase.startsWith('"') ? phrase : `"${phrase}"`);
  for (const w of words(a.without)) parts.push(`-${w.replace(/^-+/, '')}`);
  const fielded = [
    ['number', a.number],
    ['title', a.title],
    ['description', a.description],
    ['sender', a.sender],
    ['recipient', a.recipient],
    ['officer', a.officer],
    ['process', a.process],
    ['documentType', a.documentType],
  ] as const;
  for (const [field, v] of fielded) {
    const val = value(v);
    if (val) parts.push(`${FIELD_WORDS[field]}:${val}`);
  }
  if (a.status) parts.push(`${FIELD_WORDS.status}:${STATUS_WORDS[a.status]}`);
  if (a.direction) parts.push(`${FIELD_WORDS.direction}:${DIRECTION_WORDS[a.direction]}`);
  const from = DATE.test(a.dateFrom) ? a.dateFrom : '';
  const to = DATE.test(a.dateTo) ? a.dateTo : '';
  if (from && to) parts.push(`${FIELD_WORDS.date}:${from}..${to}`);
  else if (from) parts.push(`${FIELD_WORDS.date}:>=${from}`);
  else if (to) parts.push(`${FIELD_WORDS.date}:<=${to}`);
  return parts.join(' ');
}
