import { mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { writeFileAtomic } from './write-atomic';

describe('writeFileAtomic', () => {
  test('writes the whole file and leaves no temp file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atomic-'));
    await writeFileAtomic(join(dir, 'ut.pdf'), Uint8Array.of(1, 2, 3));
    expect([...readFileSync(join(dir, 'ut.pdf'))]).toEqual([1, 2, 3]);
    expect(readdirSync(dir)).toEqual(['ut.pdf']);
  });

  test('when the rename fails, the error surfaces and the temp file is removed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atomic-'));
    // A non-empty directory in the way makes rename fail after the temp file was written.
    mkdirSync(join(dir, 'ut.pdf', 'inne'), { recursive: true });
    await expect(writeFileAtomic(join(dir, 'ut.pdf'), Uint8Array.of(1))).rejects.toMatchObject({
      code: expect.stringMatching(/EISDIR|ENOTEMPTY|EEXIST/),
    });
    expect(readdirSync(dir)).toEqual(['ut.pdf']);
  });
});
