import type { MeetingPdfFonts } from '../../../../shared/src/meetings-pdf';

/**
 * The fonts of the meeting documents: Liberation Sans (SIL OFL), shipped with the app under
 * pdf.js' standard fonts and precached by the service worker, so a notice can be made offline.
 * Loaded once per session. (Stand-in until the meeting-pdf branch's loader is merged.)
 */
let loading: Promise<MeetingPdfFonts> | null = null;

async function bytes(name: string): Promise<Uint8Array> {
  const res = await fetch(new URL(`pdfjs/standard_fonts/${name}`, document.baseURI));
  if (!res.ok) throw new Error(`font ${name}: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

export function loadMeetingPdfFonts(): Promise<MeetingPdfFonts> {
  loading ??= Promise.all([bytes('LiberationSans-Regular.ttf'), bytes('LiberationSans-Bold.ttf')]).then(([regular, bold]) => ({
    regular,
    bold,
  }));
  loading.catch(() => (loading = null));
  return loading;
}
