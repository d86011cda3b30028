import { describe, expect, it } from 'vitest';
import { uploadRefusal } from './upload-refusal';

describe('uploadRefusal', () => {
  it('names why the server refused a file, a damaged PDF included', () => {
    expect(uploadRefusal(422, 'unreadable_pdf')).toBe('file_unreadable');
    expect(uploadRefusal(422, 'unreadable_office_file')).toBe('office_file_unreadable');
    expect(uploadRefusal(415, 'unsupported_type')).toBe('file_type_unsupported');
    expect(uploadRefusal(413, 'too_large')).toBe('file_too_large');
    expect(uploadRefusal(409, 'signed_file_frozen')).toBe('signed_file_frozen');
    expect(uploadRefusal(403, 'untrusted_signature')).toBe('untrusted_signature');
    expect(uploadRefusal(403, 'forbidden')).toBe('forbidden');
    expect(uploadRefusal(404, 'not_found')).toBe('not_found');
  });

  it('is no refusal when the file was taken or the server failed (the file stays queued)', () => {
    expect(uploadRefusal(201, undefined)).toBeNull();
    expect(uploadRefusal(500, 'internal')).toBeNull();
    expect(uploadRefusal(503, undefined)).toBeNull();
  });
});
