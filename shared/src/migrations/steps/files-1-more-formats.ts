import { MEDIA_TYPES_V0 } from '../../model/file';
import type { RecordMigration, StoredJson } from '../record-migrations';

const known: readonly unknown[] = MEDIA_TYPES_V0;

/** A field's empty value of the same kind (indexed fields need some value). */
function blank(value: unknown): unknown {
  if (typeof value === 'number') return 0;
  if (typeof value === 'boolean') return false;
  if (Array.isArray(value)) return [];
  return '';
}

/**
 * files v1: PPTX, OpenDocument (text, spreadsheet, presentation), CSV and plain text are
 * accepted (`SUPPORTED_MEDIA_TYPES` grows; nothing stored changes). An older client could not
 * store such a file (its schema does not know the type), so it gets the record withheld, as a
 * stripped tombstone like a revoked record: id and register only, the first known type, deleted.
 * Its user sees the file once they update.
 */
export const filesMoreFormats: RecordMigration = {
  description: 'files: media types PPTX, ODT/ODS/ODP, CSV, plain text (withheld from version 0)',
  up: (record) => record,
  down: (record): StoredJson => {
    if (known.includes(record.mediaType)) return record;
    const empty = Object.fromEntries(Object.entries(record).map(([k, v]) => [k, blank(v)]));
    return { ...empty, id: record.id, registerId: record.registerId, mediaType: MEDIA_TYPES_V0[0], _deleted: true };
  },
};
