/*
 * The server's SQLite migrations, oldest first; migration N (1-based position here) brings the
 * database to `PRAGMA user_version` N. Never edit or reorder a migration that has shipped.
 *
 * To add one: create `00N-what-it-does.ts` next to these (a `SchemaMigration`, with its own
 * `00N-what-it-does.test.ts` on a real database) and append it to the list below. Nothing else:
 * the runner applies it in its own transaction with the version bump, after copying the database.
 */
import { initial } from './001-initial';
import { sessionColumns } from './002-session-columns';
import { recordVersions } from './003-record-versions';
import { enrolmentCodesDevices } from './004-enrolment-codes-devices';
import { partyLinks } from './005-party-links';
import { auditCheckpointsTrustedCas } from './006-audit-checkpoints-trusted-cas';
import { actorRegisterAccessIndexes } from './007-actor-register-access-indexes';
import { meetingRelationIndexes } from './008-meeting-relation-indexes';
import { searchIndex } from './009-search-index';
import { fileText } from './010-file-text';
import { searchAccess } from './011-search-access';
import { workingSet } from './012-working-set';
import { publicListIndex } from './013-public-list-index';
import { personalLists } from './014-personal-lists';
import { fileTextRecordRowid } from './015-file-text-record-rowid';
import { firstDownloadOrder } from './016-first-download-order';
import { disposal } from './017-disposal';
import { ownWorkWalk } from './018-own-work-walk';
import { publications } from './019-publications';
import { archiveTransfer } from './020-archive-transfer';
import { meetingPackageDates } from './021-meeting-package-dates';
import { publicListEntries } from './022-public-list-entries';
import { archiveDueIndexes } from './023-archive-due-indexes';
import { liveFileBlobs } from './024-live-file-blobs';
import { recordsSeqRegister } from './025-records-seq-register';
import { ownOpenWalk } from './026-own-open-walk';
import { disposalRoomCleanups } from './027-disposal-room-cleanups';
import { auditBridges } from './028-audit-bridges';
import { roomCleanups } from './029-room-cleanups';
import { publicListOrder } from './030-public-list-order';
import { searchAccessRestricted } from './031-search-access-restricted';
import type { SchemaMigration } from './migration';

export const SCHEMA_MIGRATIONS: readonly SchemaMigration[] = [
  initial,
  sessionColumns,
  recordVersions,
  enrolmentCodesDevices,
  partyLinks,
  auditCheckpointsTrustedCas,
  actorRegisterAccessIndexes,
  meetingRelationIndexes,
  searchIndex,
  fileText,
  searchAccess,
  workingSet,
  publicListIndex,
  personalLists,
  fileTextRecordRowid,
  firstDownloadOrder,
  disposal,
  ownWorkWalk,
  publications,
  archiveTransfer,
  meetingPackageDates,
  publicListEntries,
  archiveDueIndexes,
  liveFileBlobs,
  recordsSeqRegister,
  ownOpenWalk,
  disposalRoomCleanups,
  auditBridges,
  roomCleanups,
  publicListOrder,
  searchAccessRestricted,
];
