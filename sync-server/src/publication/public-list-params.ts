import { isValidIsoDate } from '../../../shared/src';
import { normaliseCaseNumberQuery } from '../../../shared/src/search';
import type { PublicListPosition, PublicListQuery } from '../storage/public-list-sql';

/** What a reader of /postlista asked for, checked; `form` echoes the fields as typed, for the search form. */
export interface PublicListRequest {
  query: PublicListQuery;
  after: PublicListPosition | null;
  pageSize: number;
  /** Only published documents (posted minutes, documents published on the web): "Publicerade handlingar". */
  publishedOnly: boolean;
  form: PublicListForm;
}

/** The search form's fields, as typed (query parameter names are Swedish: they show in the address bar). */
export interface PublicListForm {
  datum: string;
  fran: string;
  till: string;
  nummer: string;
  ord: string;
  antal: string;
  /** '1': only published documents. */
  publicerade: string;
}

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;
const MAX_FIELD = 200;

/** A position in the list: `date~newestKey~id`, carried in links base64url-encoded (opaque; no long digit runs on the page). */
const POSITION = /^(\d{4}-\d{2}-\d{2})~(\d{1,20})~([A-Za-z0-9_-]{1,64})$/;

export function formatPosition(p: PublicListPosition): string {
  return Buffer.from(`${p.registeredDate}~${p.newestKey}~${p.id}`).toString('base64url');
}

function readPosition(link: string): PublicListPosition | null {
  const m = /^[A-Za-z0-9_-]{1,200}$/.test(link) ? POSITION.exec(Buffer.from(link, 'base64url').toString('latin1')) : null;
  return m ? { registeredDate: m[1]!, newestKey: m[2]!, id: m[3]! } : null;
}

/** Every parameter a list page is made from (parsePublicListParams reads no other). */
const PAGE_PARAMS = ['datum', 'fran', 'till', 'nummer', 'ord', 'antal', 'publicerade', 'efter'] as const;

/**
 * What a list page is made from, as one string: the parameters it reads, trimmed, in one order.
 * Addresses that differ only in others (a tracking tag, a cache-busting one), their order or
 * spaces around values give the same page, HTML and JSON alike, so they share one kept page.
 */
export function publicListKey(params: URLSearchParams): string {
  return PAGE_PARAMS.map((name) => (params.get(name) ?? '').trim()).join('\n');
}

export type ParsedRequest = { ok: true; request: PublicListRequest } | { ok: false; form: PublicListForm; message: string };

/**
 * The reader's parameters, checked: a date (`datum`) or a range (`fran`, `till`), a case or
 * document number (`nummer`, forgiving of case, spaces, a missing prefix and leading zeros),
 * words (`ord`), page size (`antal`, 1–100), only published documents (`publicerade=1`) and
 * where the page starts (`efter`, from a link).
 * Anything wrong gives one Swedish message saying what, and nothing is read.
 */
export function parsePublicListParams(params: URLSearchParams): ParsedRequest {
  const field = (name: string) => (params.get(name) ?? '').trim();
  const form: PublicListForm = {
    datum: field('datum'),
    fran: field('fran'),
    till: field('till'),
    nummer: field('nummer'),
    ord: field('ord'),
    antal: field('antal'),
    publicerade: field('publicerade'),
  };
  const fail = (message: string): ParsedRequest => ({ ok: false, form, message });
  for (const [name, value] of Object.entries(form))
    if (value.length > MAX_FIELD) return fail(`Fältet ”${name}” är för långt (högst ${MAX_FIELD} tecken).`);
  const badDate = (label: string, value: string) =>
    value !== '' && !isValidIsoDate(value) && `${label} måste vara ett datum som ÅÅÅÅ-MM-DD, till exempel 2026-12-07.`;
  const dateError = badDate('Datum', form.datum) || badDate('Från och med', form.fran) || badDate('Till och med', form.till);
  if (dateError) return fail(dateError);
  if (form.datum !== '' && (form.fran !== '' || form.till !== ''))
    return fail('Ange antingen ett datum eller ett datumintervall, inte båda.');
  const from = form.datum || form.fran || '0000-01-01';
  const to = form.datum || form.till || '9999-12-31';
  if (from > to) return fail('Från och med-datumet ligger efter till och med-datumet.');
  const number = form.nummer === '' ? null : normaliseCaseNumberQuery(form.nummer);
  if (form.nummer !== '' && !number) return fail('Diarienumret känns inte igen. Skriv till exempel KS 2026-42 eller 2026-00042.');
  let pageSize = DEFAULT_PAGE_SIZE;
  if (form.antal !== '') {
    pageSize = /^\d{1,3}$/.test(form.antal) ? Number(form.antal) : 0;
    if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) return fail(`Antal per sida måste vara ett heltal från 1 till ${MAX_PAGE_SIZE}.`);
  }
  if (form.publicerade !== '' && form.publicerade !== '1') return fail('Filtret för publicerade handlingar känns inte igen.');
  const efter = field('efter');
  const after = efter === '' ? null : readPosition(efter);
  if (efter !== '' && !after) return fail('Sidlänken är ogiltig. Börja om från första sidan.');
  return {
    ok: true,
    request: {
      query: { from, to, number, words: form.ord, registerIds: null, includeRestricted: false },
      after,
      pageSize,
      publishedOnly: form.publicerade === '1',
      form,
    },
  };
}
