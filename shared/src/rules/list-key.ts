import type { Document } from '../model/document';

type Dated = Pick<Document, 'direction' | 'receivedDate' | 'dispatchedDate' | 'createdDate' | 'registeredDate'>;

/**
 * The date a document list shows for a document: its own date by direction (received,
 * dispatched, drawn up), else the date it was registered ('' for a draft without either).
 */
export function documentDate(d: Dated): string {
  const own = d.direction === 'incoming' ? d.receivedDate : d.direction === 'outgoing' ? d.dispatchedDate : d.createdDate;
  return own || d.registeredDate;
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
/** The inverted day of a document without a date: after every dated one. */
const NO_DAY = '99999999';

/**
 * The sort key of a documents list's "Nyast först" (documents v2): the shown date, newest first,
 * then the later registration first (`newestKey`). RxDB reads indexes ascending only, so the day
 * is inverted like `newestKey` inverts time: 8 digits of 99999999 − YYYYMMDD, then `newestKey`.
 * The server derives it on every write and the replica on create and edit, from this function
 * alone; a client's value is never trusted.
 */
export function documentListKey(d: Dated & Pick<Document, 'newestKey'>): string {
  const m = ISO_DAY.exec(documentDate(d));
  const day = m ? String(99_999_999 - Number(`${m[1]}${m[2]}${m[3]}`)).padStart(8, '0') : NO_DAY;
  return `${day}${d.newestKey}`;
}
