/**
 * The meeting-PDF bench page: the client's own code (the font loader of renderer/src/lib/meetings
 * and shared/src/meetings-pdf) making the notice and the minutes in the browser.
 */
import { loadMeetingPdfFonts } from '../../../renderer/src/lib/meetings/pdf-fonts';
import { meetingPdfRuns, type MeetingPdfRuns } from '../meeting-pdf-work';

declare global {
  interface Window {
    benchMeetingPdf(runs: number): Promise<MeetingPdfRuns & { fontsMs: number }>;
  }
}

window.benchMeetingPdf = async (runs) => {
  const t = performance.now();
  const fonts = await loadMeetingPdfFonts();
  const fontsMs = performance.now() - t;
  return { fontsMs, ...(await meetingPdfRuns(fonts, runs)) };
};
