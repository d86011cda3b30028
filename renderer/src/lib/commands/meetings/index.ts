/**
 * Meeting administration's writes: bodies, meetings, agenda items, what happens at the meeting,
 * and the documents a meeting produces (notice, minutes, extracts) registered in their cases.
 * Each checks what the shared rules can check before it writes and answers in Swedish; the server
 * (sync/meeting.apply.ts) checks everything again.
 */
export { agendaOf, moveItem, removeItem, reportCase, saveProposal, type ReportCaseCommandInput } from './agenda';
export { createBody, updateBodyMembers, type CreateBodyInput } from './bodies';
export { setDisqualified, setImmediateAdjustment, setItemDecision, setReservations, setVotes } from './decisions';
export {
  markImmediatelyAdjusted,
  registerExtract,
  registerExtracts,
  registerImmediateMinutes,
  registerMinutes,
  registerNotice,
  startAdjustment,
  type MeetingDocumentInput,
} from './documents';
export {
  addStandardItems,
  createMeeting,
  setAdjusters,
  setAttendance,
  setMeetingStatus,
  type CreateMeetingInput,
  type MeetingCaseContext,
} from './meetings';
export type { MeetingResult } from './write';
