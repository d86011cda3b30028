import { describe, expect, it } from 'vitest';
import { ARCHIVE_REFUSALS } from '../../../../shared/src/protocol/archive';
import { archiveMessage, confirmReceipt, progressText, startTransfer } from './archive';

const session = { serverUrl: 'http://127.0.0.1:1', token: 't' };

describe('archive commands', () => {
  it('has a Swedish message for every failure', () => {
    for (const code of [...ARCHIVE_REFUSALS, 'unreachable', 'session_expired'] as const) {
      const text = archiveMessage(code);
      expect(text).not.toBe(`archive.error.${code}`);
      expect(text).toMatch(/[a-zåäö]/);
    }
    expect(archiveMessage('receipt_mismatch')).toContain('annat paket');
  });

  it('refuses an empty selection and an incomplete manual receipt before asking the server', async () => {
    expect(await startTransfer(session, { registerId: 'r', kind: 'cases', ids: [] })).toEqual({ ok: false, error: 'bad_request' });
    expect(await confirmReceipt(session, 'x', { manual: { name: ' ', note: 'Kvitterat' } })).toEqual({ ok: false, error: 'bad_request' });
    expect(await confirmReceipt(session, 'x', { receiptText: '  ' })).toEqual({ ok: false, error: 'bad_receipt' });
  });

  it('says the progress as done of total with a whole percent', () => {
    expect(progressText({ done: 0, total: 0 })).toBe('Förbereder…');
    expect(progressText({ done: 12, total: 40 })).toBe('12 av 40 (30 %)');
    expect(progressText({ done: 2, total: 3 })).toBe('2 av 3 (66 %)');
  });
});
