import type { ServerResponse } from 'node:http';
import { addYears, postingState, swedishDate } from '../../../shared/src';
import type { MeetingRecord } from '../../../shared/src/model/meeting';
import type { Storage } from '../storage/storage';
import { sendJson } from './http-util';

export const NOTICE_BOARD_PATH = '/anslagstavla';
export const NOTICE_BOARD_JSON_PATH = '/anslagstavla.json';

export interface NoticeBoardDeps {
  storage: Storage;
  now: () => number;
}

/** One notice as the public board shows it: the posting's own public fields, its body's name, where the minutes are kept. */
export interface BoardNotice {
  id: string;
  kind: MeetingRecord['postingKind'];
  body: string;
  title: string;
  meetingDate: string;
  postedOn: string;
  lastAppealDay: string;
  takeDownOn: string;
  minutesKeptAt: string;
  text: string;
  takenDown: boolean;
}

const KIND_LABEL: Record<string, string> = {
  minutes_adjusted: 'Tillkännagivande om justerat protokoll',
  meeting_announcement: 'Kungörelse om sammanträde',
  public_notice: 'Kungörelse',
};

/**
 * The notices on the board today (Europe/Stockholm, server clock), newest first: those up now,
 * then those taken down within the last year. Only postings are read, and of them only what is
 * published; of their body only its name and of their meeting only where the minutes are kept.
 */
export async function boardNotices(deps: NoticeBoardDeps): Promise<BoardNotice[]> {
  const today = swedishDate(deps.now());
  const postings = (await deps.storage.postingsUpFrom(addYears(today, -1))).map((r) => r.data as unknown as MeetingRecord);
  const shown = postings
    .map((p) => ({ p, state: postingState(p, today) }))
    .filter(({ state }) => state === 'current' || state === 'taken_down');
  const names = await nameOf(
    deps.storage,
    'meetings',
    shown.map(({ p }) => p.bodyId),
    'body',
    'title',
  );
  const keptAt = await nameOf(
    deps.storage,
    'meetings',
    shown.map(({ p }) => p.meetingId),
    'meeting',
    'minutesKeptAt',
  );
  return shown
    .map(({ p, state }) => ({
      id: p.id,
      kind: p.postingKind,
      body: names.get(p.bodyId) ?? '',
      title: p.title,
      meetingDate: p.date,
      postedOn: p.postedOn,
      lastAppealDay: p.lastAppealDay,
      takeDownOn: p.takeDownOn,
      minutesKeptAt: p.postingKind === 'minutes_adjusted' ? (keptAt.get(p.meetingId) ?? '') : '',
      text: p.text,
      takenDown: state === 'taken_down',
    }))
    .sort((a, b) => Number(a.takenDown) - Number(b.takenDown) || b.postedOn.localeCompare(a.postedOn) || a.id.localeCompare(b.id));
}

/** One field of live meeting records of a kind, by id. */
async function nameOf(storage: Storage, collection: 'meetings', ids: string[], kind: string, field: 'title' | 'minutesKeptAt') {
  const wanted = [...new Set(ids.filter((id) => id !== ''))];
  const rows = await storage.getRecords(collection, wanted);
  return new Map(rows.filter((r) => !r.deleted && r.data.kind === kind).map((r) => [r.id, String(r.data[field] ?? '')]));
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const APPEAL =
  'Den som vill överklaga ett beslut i protokollet genom laglighetsprövning enligt 13 kap. kommunallagen (2017:725) ' +
  'ska skriva till förvaltningsrätten. Överklagandet ska ha kommit in inom tre veckor från den dag då justeringen av ' +
  'protokollet tillkännagavs på anslagstavlan, det vill säga senast den sista dagen för överklagande som anges ovan.';

function row(label: string, value: string): string {
  return value === '' ? '' : `<tr><th scope="row">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`;
}

function noticeHtml(n: BoardNotice): string {
  const heading = `${n.takenDown ? '<p class="nedtagen"><strong>Nedtagen</strong></p>' : ''}<h2>${escapeHtml(n.title)}</h2>`;
  const facts = [
    row('Typ', KIND_LABEL[n.kind] ?? ''),
    row('Organ', n.body),
    row('Sammanträdesdatum', n.meetingDate),
    row('Anslaget sattes upp', n.postedOn),
    row('Sista dag för överklagande', n.lastAppealDay),
    row(n.takenDown ? 'Togs ned' : 'Tas ned', n.takeDownOn),
    row('Protokollet förvaras', n.minutesKeptAt),
  ].join('');
  const text = n.text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => `<p>${escapeHtml(l)}</p>`)
    .join('');
  const appeal = n.kind === 'minutes_adjusted' ? `<p class="overklagande">${escapeHtml(APPEAL)}</p>` : '';
  return `<article${n.takenDown ? ' class="nedtagen"' : ''}>${heading}<table>${facts}</table>${text}${appeal}</article>`;
}

export function noticeBoardHtml(notices: readonly BoardNotice[], today: string): string {
  const current = notices.filter((n) => !n.takenDown);
  const down = notices.filter((n) => n.takenDown);
  const section = (title: string, list: readonly BoardNotice[], none: string) =>
    `<section><h2>${escapeHtml(title)}</h2>${list.length ? list.map(noticeHtml).join('') : `<p>${escapeHtml(none)}</p>`}</section>`;
  return `<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Anslagstavla</title>
<style>body{font-family:system-ui,sans-serif;max-width:50rem;margin:0 auto;padding:1rem;line-height:1.5}article{border:1px solid #888;padding:0 1rem 1rem;margin:1rem 0}article.nedtagen{color:#444;background:#f2f2f2}th{text-align:left;padding-right:1rem}</style>
</head><body><main><h1>Anslagstavla</h1><p>Officiell anslagstavla enligt 8 kap. 9 § kommunallagen. Uppdaterad ${escapeHtml(today)}.</p>
${section('Aktuella anslag', current, 'Inga anslag är uppsatta just nu.')}
${section('Nedtagna anslag (senaste året)', down, 'Inga anslag har tagits ned det senaste året.')}
</main></body></html>`;
}

/** The public notice board, without sign-in: HTML at /anslagstavla, the same notices as JSON at /anslagstavla.json. */
export async function handleNoticeBoard(res: ServerResponse, pathname: string, deps: NoticeBoardDeps, headOnly: boolean): Promise<void> {
  const notices = await boardNotices(deps);
  if (pathname === NOTICE_BOARD_JSON_PATH) return sendJson(res, 200, { notices });
  const html = noticeBoardHtml(notices, swedishDate(deps.now()));
  res.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(html),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
  });
  res.end(headOnly ? undefined : html);
}
