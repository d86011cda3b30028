import { describe, expect, it } from 'vitest';
import { NoticeGate } from './notice-gate';

describe('NoticeGate', () => {
  it('resyncs at once on a notice while no pull is under way', () => {
    const gate = new NoticeGate();
    expect(gate.notice()).toBe(true);
    gate.pulling();
    gate.sent();
    expect(gate.handedOver(true)).toBe(false);
    expect(gate.notice()).toBe(true);
  });

  it('lets a notice during paging wait for a later request, which answers it', () => {
    const gate = new NoticeGate();
    gate.pulling();
    gate.sent();
    expect(gate.notice()).toBe(false);
    expect(gate.handedOver(false)).toBe(false);
    // RxDB pulls on: this request comes after the notice.
    gate.pulling();
    gate.sent();
    expect(gate.handedOver(true)).toBe(false);
  });

  it('resyncs once the paging ends when a notice came after the last request was sent', () => {
    const gate = new NoticeGate();
    gate.pulling();
    gate.sent();
    expect(gate.handedOver(false)).toBe(false);
    gate.pulling();
    gate.sent();
    // The notice arrives while the last request is on its way: its answer may predate the change.
    expect(gate.notice()).toBe(false);
    expect(gate.handedOver(true)).toBe(true);
    // Paging over: the next notice resyncs at once again.
    expect(gate.notice()).toBe(true);
  });

  it('counts a notice before the request as answered even when the handler waited to send it', () => {
    const gate = new NoticeGate();
    gate.pulling();
    expect(gate.notice()).toBe(false);
    gate.sent();
    expect(gate.handedOver(true)).toBe(false);
  });

  it('resyncs after a last batch handed from what the server pushed, with no request after the notice', () => {
    const gate = new NoticeGate();
    gate.pulling();
    expect(gate.notice()).toBe(false);
    expect(gate.handedOver(true)).toBe(true);
  });
});
