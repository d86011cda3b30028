import { describe, expect, test } from 'vitest';
import { FileRecord, MEDIA_TYPES_V0 } from '../../model/file';
import { sampleFile } from '../../testing/samples';
import { RECORD_MIGRATIONS, collectionVersion, downgradeRecord, migrateRecord, servableTo } from '../record-migrations';
import { filesMoreFormats } from './files-1-more-formats';

describe('files v1: more formats', () => {
  test('a stored file of version 0 is unchanged and valid', () => {
    const v0 = sampleFile();
    expect(FileRecord.parse(filesMoreFormats.up(v0))).toEqual(v0);
    expect(RECORD_MIGRATIONS.files[0]).toBe(filesMoreFormats);
    expect(collectionVersion('files')).toBe(1);
    expect(migrateRecord('files', 0, v0)).toEqual(v0);
  });

  test('a client of version 0 gets a file of a type it knows as it is', () => {
    expect(servableTo('files', 0)).toBe(true);
    for (const mediaType of MEDIA_TYPES_V0) {
      const wire = { ...sampleFile({ mediaType }), _deleted: false };
      expect(downgradeRecord('files', 0, wire)).toEqual(wire);
    }
  });

  test('a client of version 0 gets a file of a new type withheld: a stripped tombstone with a type it knows', () => {
    const csv = sampleFile({ id: 'f-csv', registerId: 'reg-ks', mediaType: 'text/csv', name: 'Hemlig lista.csv' });
    const down = downgradeRecord('files', 0, { ...csv, _deleted: false });
    expect(down).toEqual({
      id: 'f-csv',
      registerId: 'reg-ks',
      syncVersion: 0,
      updatedAt: '',
      documentId: '',
      caseId: '',
      fileKey: '',
      fileVersion: 0,
      name: '',
      mediaType: 'application/pdf',
      size: 0,
      sha256: '',
      uploadedBy: '',
      uploadedAt: '',
      _deleted: true,
    });
    expect(JSON.stringify(down)).not.toContain('Hemlig');
  });

  test('a client at the current version gets every file as it is', () => {
    const odt = sampleFile({ mediaType: 'application/vnd.oasis.opendocument.text' });
    expect(downgradeRecord('files', 1, odt)).toEqual(odt);
  });
});
