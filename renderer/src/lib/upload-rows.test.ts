import { describe, expect, it } from 'vitest';
import type { PendingUpload, RejectionNotice } from './replica/types';
import { uploadRows } from './upload-rows';

const up = (key: string, documentId: string, state: PendingUpload['state'], extra: Partial<PendingUpload> = {}): PendingUpload => ({
  key,
  documentId,
  name: `${key}.pdf`,
  size: 100,
  state,
  progress: null,
  ...extra,
});

const refused = (id: string, documentId: string): RejectionNotice => ({
  collection: 'files',
  id,
  code: 'file_unreadable',
  fields: [],
  attempted: { name: `${id}.pdf`, documentId },
  at: '2026-12-07T03:00:00.000Z',
});

describe('uploadRows', () => {
  it("shows each of this document's uploads once, in its true state", () => {
    const rows = uploadRows(
      'd1',
      [up('a', 'd1', 'queued'), up('b', 'd1', 'uploading', { progress: 0.42 }), up('c', 'd1', 'uploaded', { fileId: 'f-c' })],
      [refused('e', 'd1')],
      new Set(),
    );
    expect(rows).toEqual([
      { key: 'a', name: 'a.pdf', size: 100, state: 'queued' },
      { key: 'b', name: 'b.pdf', size: 100, state: 'uploading', progress: 0.42 },
      { key: 'c', name: 'c.pdf', size: 100, state: 'uploaded' },
      { key: 'e', name: 'e.pdf', size: null, state: 'refused', code: 'file_unreadable' },
    ]);
  });

  it('never shows an upload as uploaded and refused at once: the refusal wins', () => {
    expect(uploadRows('d1', [up('a', 'd1', 'uploaded', { fileId: 'f-a' })], [refused('a', 'd1')], new Set()).map((r) => r.state)).toEqual([
      'refused',
    ]);
  });

  it("leaves out other documents' uploads and refusals, other collections' rejections, and uploads whose file is listed", () => {
    const other: RejectionNotice = { ...refused('x', 'd1'), collection: 'documents' };
    expect(
      uploadRows(
        'd1',
        [up('a', 'd2', 'queued'), up('c', 'd1', 'uploaded', { fileId: 'f-c' })],
        [refused('b', 'd2'), other],
        new Set(['f-c']),
      ),
    ).toEqual([]);
  });
});
