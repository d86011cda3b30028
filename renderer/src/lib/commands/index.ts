/**
 * The renderer's command layer: every write a view makes to the replica, by name. Views read
 * the replica directly (queries, observables) and call these to change it; lint refuses a
 * component that writes itself (eslint.config.js, tests/lint/layers.test.ts). Each command takes
 * the replica (what it needs of it) explicitly, checks what the form can check, and returns what
 * the view shows; the server checks everything again.
 */
export { approveCase, editCase, registerCase, setCaseStatus, type CaseEdit, type FormResult } from './cases';
export {
  annulRecord,
  approveMany,
  clearSendBack,
  correctDocument,
  sendBack,
  type DocumentCorrection,
  type Outcome,
  type QaTarget,
} from './corrections';
export { approveDocument, attachFile, registerDocument, setDocumentStatus } from './documents';
export { cancelApprovalFlow, decideFlowStep, restartApprovalFlow, startFlow, type StepDecision } from './flows';
export {
  addStandardItems,
  createBody,
  createMeeting,
  markImmediatelyAdjusted,
  moveItem,
  registerExtract,
  registerExtracts,
  registerImmediateMinutes,
  registerMinutes,
  registerNotice,
  removeItem,
  reportCase,
  saveProposal,
  setAdjusters,
  setAttendance,
  setDisqualified,
  setImmediateAdjustment,
  setItemDecision,
  setMeetingStatus,
  setReservations,
  setVotes,
  startAdjustment,
  updateBodyMembers,
  type MeetingResult,
} from './meetings';
export { registerMaskedCopy, saveRedactionDraft } from './redaction';
export {
  addRequestItems,
  decideRequest,
  deliverRequest,
  pickUpMaskedCopies,
  registerRequest,
  reviewRequestItem,
  withdrawRequest,
  type DecisionInput,
  type DeliveryResult,
  type RegisterRequestInput,
  type RegisterRequestResult,
} from './requests';
export { restrictCase, restrictDocument, type RestrictionInput, type RestrictionResult } from './restrictions';
export type { RecordAndFileWriter, RecordWriter } from './types';
export {
  loadWorkingSet,
  openRecord,
  setPinned,
  setWindowMonths,
  workingSetMessage,
  type OpenedRecords,
  type PinnableCollection,
  type WorkingSetFailure,
  type WorkingSetPin,
  type WorkingSetSession,
} from './working-set';
