/**
 * The fonts of the meeting documents (shared/src/meetings-pdf): Liberation Sans regular and bold
 * (SIL OFL), as pdf.js ships them. The build copies them beside the app under
 * `pdfjs/standard_fonts/` (renderer/vite.config.ts, `pdfjsAssets`), the web mode's service worker
 * keeps them for offline use, and Electron serves them from app://; so they load from the app's own
 * origin, also offline, and are read once per session.
 */
import type { MeetingPdfFonts } from '../../../../shared/src/meetings-pdf';
import { t } from '../i18n/sv';

const FONT_DIR = 'pdfjs/standard_fonts/';
const FILES = { regular: 'LiberationSans-Regular.ttf', bold: 'LiberationSans-Bold.ttf' } as const;

/** A TrueType file starts with version 1.0 (0x00010000) or `true`; anything else (an HTML fallback page) is not a font. */
function isTrueType(bytes: Uint8Array): boolean {
  const tag = (bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!;
  return bytes.length > 12 && (tag === 0x00010000 || tag === 0x74727565);
}

/** The fonts could not be loaded; the message is the Swedish text for the user, `detail` says why in English. */
export class MeetingPdfFontsError extends Error {
  constructor(readonly detail: string) {
    super(t('meetings.pdf.fontsUnavailable'));
    this.name = 'MeetingPdfFontsError';
  }
}

async function fetchFont(url: URL): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (e) {
    throw new MeetingPdfFontsError(`${url.href}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!response.ok) throw new MeetingPdfFontsError(`${url.href}: HTTP ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (!isTrueType(bytes)) throw new MeetingPdfFontsError(`${url.href}: not a TrueType font`);
  return bytes;
}

/** Where the two faces are, beside the page at `base`: the server's address in web mode, app://diarium/ in Electron. */
export function meetingPdfFontUrls(base: string): { regular: URL; bold: URL } {
  const dir = new URL(FONT_DIR, base);
  return { regular: new URL(FILES.regular, dir), bold: new URL(FILES.bold, dir) };
}

let loading: Promise<MeetingPdfFonts> | undefined;

/**
 * Both faces' bytes, fetched once relative to `base` (the page's address; a test passes a
 * server's). A failure is not kept, so the next attempt (e.g. once online) tries again.
 */
export function loadMeetingPdfFonts(base: string = document.baseURI): Promise<MeetingPdfFonts> {
  loading ??= (async () => {
    const urls = meetingPdfFontUrls(base);
    const [regular, bold] = await Promise.all([fetchFont(urls.regular), fetchFont(urls.bold)]);
    return { regular, bold };
  })().catch((e: unknown) => {
    loading = undefined;
    throw e;
  });
  return loading;
}
