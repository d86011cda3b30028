import { describe, expect, it } from 'vitest';
import { ARCHIVE_REFUSALS } from '../../../../shared/src/protocol/archive';
import { DISPOSAL_REFUSALS } from '../../../../shared/src/protocol/disposal';
import { callFailureOf, workspaceCall } from './workspace-call';

describe('callFailureOf', () => {
  it.each([
    ['disposal', DISPOSAL_REFUSALS],
    ['archive', ARCHIVE_REFUSALS],
  ] as const)('reads each %s refusal as its code', (_name, refusals) => {
    for (const code of refusals) expect(callFailureOf(refusals, 409, { error: code })).toBe(code);
  });

  it('reads the rest by status: a server error is unreachable, 401 an expired session', () => {
    expect(callFailureOf(DISPOSAL_REFUSALS, 500, { error: 'forbidden' })).toBe('unreachable');
    expect(callFailureOf(DISPOSAL_REFUSALS, 502, null)).toBe('unreachable');
    expect(callFailureOf(DISPOSAL_REFUSALS, 401, { error: 'unauthorized' })).toBe('session_expired');
    expect(callFailureOf(ARCHIVE_REFUSALS, 403, { error: 'nonsense' })).toBe('forbidden');
    expect(callFailureOf(ARCHIVE_REFUSALS, 404, null)).toBe('not_found');
    expect(callFailureOf(DISPOSAL_REFUSALS, 404, { error: 'nope' })).toBe('not_found');
    expect(callFailureOf(DISPOSAL_REFUSALS, 400, 'not json')).toBe('bad_request');
    // Another route's code is not taken for this one's.
    expect(callFailureOf(DISPOSAL_REFUSALS, 409, { error: 'item_in_transfer' })).toBe('bad_request');
  });
});

describe('workspaceCall', () => {
  it('says unreachable when nothing answers', async () => {
    expect(await workspaceCall(ARCHIVE_REFUSALS, { serverUrl: 'http://127.0.0.1:1', token: 't' }, 'GET', '/api/archive/settings')).toEqual({
      ok: false,
      error: 'unreachable',
    });
  });
});
