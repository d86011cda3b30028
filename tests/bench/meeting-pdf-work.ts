/**
 * The work the meeting-PDF benchmark times, the same in the browser page and in Node: the notice
 * of a meeting with 40 items listing 200 documents, and the minutes of that meeting, each from
 * the records to the PDF bytes (view model and rendering).
 */
import { minutesModel, noticeModel, renderMinutes, renderNotice, type MeetingPdfFonts } from '../../shared/src/meetings-pdf';
import { LARGE_MEETING, sampleMeetingPdfSource } from '../../shared/src/testing/meeting-pdf-sample';

export interface MeetingPdfRuns {
  /** Milliseconds per run; the first run includes warming up (JIT, font parsing caches). */
  noticeMs: number[];
  minutesMs: number[];
  noticeBytes: number;
  minutesBytes: number;
}

const NOTICE_TEXT = 'Ledamöter och ersättare kallas till sammanträde. Förhinder anmäls till nämndsekreteraren senast dagen före.';

export async function meetingPdfRuns(fonts: MeetingPdfFonts, runs: number): Promise<MeetingPdfRuns> {
  const source = sampleMeetingPdfSource(LARGE_MEETING);
  const out: MeetingPdfRuns = { noticeMs: [], minutesMs: [], noticeBytes: 0, minutesBytes: 0 };
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    out.noticeBytes = (await renderNotice(noticeModel(source, NOTICE_TEXT), fonts)).length;
    out.noticeMs.push(performance.now() - t);
    t = performance.now();
    out.minutesBytes = (await renderMinutes(minutesModel(source), fonts)).length;
    out.minutesMs.push(performance.now() - t);
  }
  return out;
}
