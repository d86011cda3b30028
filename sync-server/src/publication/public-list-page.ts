import type { Direction, PublicListEntry } from '../../../shared/src';
import { formatPosition, type PublicListForm } from './public-list-params';
import type { PublicListPosition } from '../storage/public-list-sql';

export const POSTLISTA_PATH = '/postlista';
export const POSTLISTA_JSON_PATH = '/postlista.json';
export const POSTLISTA_FILE_PREFIX = '/postlista/fil/';

/**
 * HTML escaping with named entities only: a numeric one (`&#39;`) puts digits on the page, and
 * digits next to a reader's own ("'1218-9876" → "&#39;1218-9876") could spell a personnummer.
 */
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const SPECIAL = /[&<>"']/;
export function escapeHtml(s: string): string {
  // Most values have nothing to escape: a test is cheaper than a replace that calls back.
  return SPECIAL.test(s) ? s.replace(/[&<>"']/g, (c) => ESCAPES[c]!) : s;
}

const DIRECTION: Record<Direction, string> = { incoming: 'Inkommande', outgoing: 'Utgående', created: 'Upprättad' };
const COUNTERPART: Record<Direction, string> = { incoming: 'Avsändare: ', outgoing: 'Mottagare: ', created: '' };

/** A link to another page of the same search. */
function pageLink(form: PublicListForm, after: PublicListPosition | null): string {
  const params = new URLSearchParams(Object.entries(form).filter(([, v]) => v !== ''));
  if (after) params.set('efter', formatPosition(after));
  const q = params.toString();
  return escapeHtml(q ? `${POSTLISTA_PATH}?${q}` : POSTLISTA_PATH);
}

function sizeText(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} kB` : `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} MB`;
}

/**
 * Rows as rendered, by entry: an entry kept between pages (KeptEntries, frozen) is rendered once;
 * an entry made for one page (one with files) is rendered for it and let go with it.
 */
const rendered = new WeakMap<PublicListEntry, string>();

function entryRow(e: PublicListEntry): string {
  let row = rendered.get(e);
  if (row === undefined) {
    row = renderRow(e);
    rendered.set(e, row);
  }
  return row;
}

function renderRow(e: PublicListEntry): string {
  const title = e.title === '' ? '<em>Rubriken visas inte</em>' : escapeHtml(e.title);
  const annulled = e.annulled ? ' <strong class="makulerad">Makulerad</strong>' : '';
  const description = e.description === '' ? '' : `<p>${escapeHtml(e.description)}</p>`;
  const counterpart = e.counterpart === '' ? '' : `${escapeHtml(COUNTERPART[e.direction])}${escapeHtml(e.counterpart)}`;
  const caseCell =
    e.caseNumber === '' ? 'Fristående handling' : `${escapeHtml(e.caseNumber)}${e.caseTitle ? `<br>${escapeHtml(e.caseTitle)}` : ''}`;
  const files = e.files
    .map(
      (f) =>
        `<li><a href="${escapeHtml(POSTLISTA_FILE_PREFIX + f.id)}" download>${escapeHtml(f.name)}</a> (${escapeHtml(sizeText(f.size))})</li>`,
    )
    .join('');
  return (
    `<tr><th scope="row">${escapeHtml(e.documentNumber)}</th><td>${DIRECTION[e.direction]}</td>` +
    `<td>${title}${annulled}${description}</td><td>${counterpart}</td><td>${caseCell}</td>` +
    `<td>${files ? `<ul>${files}</ul>` : ''}</td></tr>`
  );
}

function daySection(date: string, entries: readonly PublicListEntry[]): string {
  return (
    `<section aria-labelledby="dag-${escapeHtml(date)}"><h2 id="dag-${escapeHtml(date)}">Registrerade <time datetime="${escapeHtml(date)}">${escapeHtml(date)}</time></h2>` +
    `<table><thead><tr><th scope="col">Diarienummer</th><th scope="col">Riktning</th><th scope="col">Rubrik</th>` +
    `<th scope="col">Avsändare/mottagare</th><th scope="col">Ärende</th><th scope="col">Handlingar att ladda ned</th></tr></thead>` +
    `<tbody>${entries.map(entryRow).join('')}</tbody></table></section>`
  );
}

function field(name: keyof PublicListForm, label: string, value: string, type = 'text', hint = ''): string {
  const hintId = hint ? ` aria-describedby="${name}-tips"` : '';
  return (
    `<p><label for="${name}">${escapeHtml(label)}</label> <input id="${name}" name="${name}" type="${type}" value="${escapeHtml(value)}"${hintId}>` +
    `${hint ? ` <span id="${name}-tips">${escapeHtml(hint)}</span>` : ''}</p>`
  );
}

export interface PublicListView {
  form: PublicListForm;
  entries: readonly PublicListEntry[];
  next: PublicListPosition | null;
  firstPage: boolean;
  /** A Swedish message about the reader's input; then no entries are shown. */
  error: string | null;
  today: string;
}

/** The public register list page: a search form, the entries grouped by registration day (newest first), paging links. No scripts. */
export function publicListHtml(v: PublicListView): string {
  const f = v.form;
  const form =
    `<form method="get" action="${POSTLISTA_PATH}" role="search"><fieldset><legend>Sök i postlistan</legend>` +
    field('datum', 'Registreringsdatum', f.datum, 'date') +
    field('fran', 'Från och med', f.fran, 'date') +
    field('till', 'Till och med', f.till, 'date') +
    field('nummer', 'Diarienummer', f.nummer, 'text', 'Till exempel KS 2026-42') +
    field('ord', 'Ord i rubrik eller beskrivning', f.ord, 'search') +
    field('antal', 'Antal per sida', f.antal, 'number') +
    `<p><input id="publicerade" name="publicerade" type="checkbox" value="1"${f.publicerade === '1' ? ' checked' : ''}> ` +
    '<label for="publicerade">Endast publicerade handlingar (styrdokument, protokoll) att ladda ned</label></p>' +
    `<p><button type="submit">Sök</button> <a href="${POSTLISTA_PATH}">Rensa</a></p></fieldset></form>`;
  const days = new Map<string, PublicListEntry[]>();
  for (const e of v.entries) {
    const day = days.get(e.registeredDate);
    if (day) day.push(e);
    else days.set(e.registeredDate, [e]);
  }
  const results = v.error
    ? `<p role="alert" class="fel"><strong>Sökningen kunde inte göras.</strong> ${escapeHtml(v.error)}</p>`
    : v.entries.length === 0
      ? '<p role="status">Inga registrerade handlingar motsvarar sökningen.</p>'
      : `<p role="status">${v.entries.length} handlingar visas på den här sidan.</p>` +
        [...days].map(([d, es]) => daySection(d, es)).join('');
  const nav = [
    v.firstPage ? '' : `<a href="${pageLink(f, null)}">Första sidan</a>`,
    v.next && !v.error ? `<a href="${pageLink(f, v.next)}" rel="next">Nästa sida</a>` : '',
  ].filter((l) => l !== '');
  return `<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Postlista – diariet på webben</title>
<style>body{font-family:system-ui,sans-serif;max-width:72rem;margin:0 auto;padding:1rem;line-height:1.5}table{border-collapse:collapse;width:100%;margin-bottom:1.5rem}th,td{border:1px solid #888;padding:.3rem .5rem;text-align:left;vertical-align:top}td p{margin:.3rem 0 0}fieldset{border:1px solid #888}.fel{color:#8a0000}.makulerad{color:#8a0000}ul{margin:0;padding-left:1.2rem}:focus{outline:3px solid #1a5fb4}</style>
</head><body><main><h1>Postlista – diariet på webben</h1>
<p>Handlingar som har registrerats i diariet, senaste registreringsdagen först. Uppgifter som omfattas av sekretess eller skydd, skyddade personuppgifter och personnummer visas inte här; begär ut handlingar från registraturen. Uppdaterad ${escapeHtml(v.today)}.</p>
<p><a href="${POSTLISTA_PATH}?publicerade=1">Publicerade handlingar</a>: styrdokument och justerade protokoll som kan laddas ned.</p>
${form}
${results}
${nav.length ? `<nav aria-label="Sidor"><p>${nav.join(' ')}</p></nav>` : ''}
</main></body></html>`;
}
