import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API } from '../../shared/src';
import { SECOND_FACTOR_API, SECOND_FACTOR_IDLE_MS } from '../../shared/src/protocol/second-factor';
import {
  confirmEnrolment,
  enrolmentQrDataUrl,
  SecondFactorError,
  resetSecondFactor,
  secondFactorStatus,
  startEnrolment,
  verifySecondFactor,
  type SecondFactorSession,
} from '../../renderer/src/lib/second-factor';
import { base32Decode, totp } from '../../sync-server/src/auth/totp';
import { freshAdminToken, issueEnrolmentCode, RawClient, startTestServer, type TestServer } from './harness';

const MIN = 60_000;
let server: TestServer;
// The server's injected clock: codes are computed for it, and idle time is simulated by moving it.
// It starts at the wall clock, since creating a session purges expired ones by wall-clock time.
let clock = Math.floor(Date.now() / 30_000) * 30_000 + 1_000;

async function signIn(username: string): Promise<SecondFactorSession> {
  return { serverUrl: server.url, token: (await RawClient.token(server.url, username)).token };
}

/** The error code a refused call carries. */
async function refusal(call: Promise<unknown>): Promise<string> {
  try {
    await call;
  } catch (err) {
    if (err instanceof SecondFactorError) return err.code;
    throw err;
  }
  throw new Error('call was not refused');
}

/** A code that is not the right one for any step in the window. */
function wrongCode(secret: string): string {
  const key = base32Decode(secret);
  const taken = new Set([-30_000, 0, 30_000].map((d) => totp(key, clock + d)));
  for (let n = 0; ; n++) {
    const code = String(n).padStart(6, '0');
    if (!taken.has(code)) return code;
  }
}

beforeAll(async () => {
  server = await startTestServer({ now: () => clock });
});

afterAll(async () => {
  await server.stop();
});

describe('second factor over HTTP', () => {
  it('enrols with a QR code, confirms with the first code, and marks the session verified', async () => {
    const session = await signIn('registrator');
    expect(await secondFactorStatus(session)).toEqual({ method: 'totp', enrolled: false, pending: false, fresh: false });
    const start = await startEnrolment(session, await issueEnrolmentCode(server, 'registrator'));
    expect(start.uri).toBe(`otpauth://totp/Diarium:registrator?secret=${start.secret}&issuer=Diarium`);
    expect(await enrolmentQrDataUrl(start.uri)).toMatch(/^data:image\/png;base64,[A-Za-z0-9+/]+=*$/);
    expect(await secondFactorStatus(session)).toMatchObject({ enrolled: false, pending: true });
    expect(await refusal(confirmEnrolment(session, wrongCode(start.secret)))).toBe('invalid_code');
    const code = totp(base32Decode(start.secret), clock);
    const confirmed = await confirmEnrolment(session, `${code.slice(0, 3)} ${code.slice(3)}`);
    expect(confirmed).toEqual({ fresh: true, verifiedAt: new Date(clock).toISOString() });
    expect(await secondFactorStatus(session)).toEqual({ method: 'totp', enrolled: true, pending: false, fresh: true });
    expect(await refusal(startEnrolment(session, await issueEnrolmentCode(server, 'registrator')))).toBe('already_enrolled');
    // The enrolment code is spent: it cannot verify anything again.
    expect(await refusal(verifySecondFactor(session, code))).toBe('replayed_code');

    // Verification belongs to a session: a new sign-in must pass the second factor itself.
    const other = await signIn('registrator');
    expect(await secondFactorStatus(other)).toMatchObject({ enrolled: true, fresh: false });
    clock += 30_000;
    const next = totp(base32Decode(start.secret), clock);
    expect(await verifySecondFactor(other, next)).toEqual({ fresh: true, verifiedAt: new Date(clock).toISOString() });
    expect(await secondFactorStatus(other)).toMatchObject({ fresh: true });
    // Replayed within its window, from the same or another session: refused.
    expect(await refusal(verifySecondFactor(other, next))).toBe('replayed_code');
    expect(await refusal(verifySecondFactor(session, next))).toBe('replayed_code');
  });

  it('refuses a code from a user who has not enrolled', async () => {
    const session = await signIn('handlaggare');
    expect(await refusal(verifySecondFactor(session, '123456'))).toBe('not_enrolled');
    expect(await refusal(confirmEnrolment(session, '123456'))).toBe('not_enrolled');
  });

  it('rate-limits wrong codes: after five, even the right code is refused', async () => {
    const session = await signIn('arkivarie');
    const { secret } = await startEnrolment(session, await issueEnrolmentCode(server, 'arkivarie'));
    expect((await confirmEnrolment(session, totp(base32Decode(secret), clock))).fresh).toBe(true);
    clock += 30_000;
    for (let i = 0; i < 5; i++) expect(await refusal(verifySecondFactor(session, wrongCode(secret)))).toBe('invalid_code');
    expect(await refusal(verifySecondFactor(session, totp(base32Decode(secret), clock)))).toBe('rate_limited');
    const res = await fetch(`${server.url}${SECOND_FACTOR_API.verify}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${session.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ code: '000000' }),
    });
    expect(res.status).toBe(429);
    expect(await res.json()).toEqual({ error: 'rate_limited' });
    clock += 15 * MIN;
    expect((await verifySecondFactor(session, totp(base32Decode(secret), clock))).fresh).toBe(true);
  });

  it('keeps the second factor fresh while the session is used, and asks again after 15 minutes idle', async () => {
    const session = await signIn('kvalitet');
    const { secret } = await startEnrolment(session, await issueEnrolmentCode(server, 'kvalitet'));
    await confirmEnrolment(session, totp(base32Decode(secret), clock));
    const me = () =>
      fetch(`${server.url}${API.me}`, { headers: { authorization: `Bearer ${session.token}` } }).then((r) => expect(r.status).toBe(200));
    // Forty minutes of work, a request every ten: still fresh.
    for (let i = 0; i < 4; i++) {
      clock += 10 * MIN;
      await me();
    }
    expect(await secondFactorStatus(session)).toMatchObject({ fresh: true });
    clock += SECOND_FACTOR_IDLE_MS;
    expect(await secondFactorStatus(session)).toMatchObject({ enrolled: true, fresh: false });
    // Working on does not bring it back; a new code does.
    await me();
    expect(await secondFactorStatus(session)).toMatchObject({ fresh: false });
    clock += 30_000;
    await verifySecondFactor(session, totp(base32Decode(secret), clock));
    expect(await secondFactorStatus(session)).toMatchObject({ fresh: true });
  });

  it('answers without a valid session, or with a malformed body, with a clear error and no state', async () => {
    expect(await refusal(secondFactorStatus({ serverUrl: server.url, token: 'not-a-token' }))).toBe('unauthorized');
    expect(await refusal(startEnrolment({ serverUrl: server.url, token: '' }, 'ABCD-EFGH-JKMN'))).toBe('unauthorized');
    const session = await signIn('registrator');
    for (const body of ['not json', JSON.stringify({ code: '123456', extra: 1 }), JSON.stringify({ code: 'x'.repeat(40) })]) {
      const res = await fetch(`${server.url}${SECOND_FACTOR_API.verify}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${session.token}`, 'content-type': 'application/json' },
        body,
      });
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: 'bad_request' });
    }
    expect(
      (await fetch(`${server.url}${SECOND_FACTOR_API.status}/nothing`, { headers: { authorization: `Bearer ${session.token}` } })).status,
    ).toBe(404);
  });

  it('reports a network failure as such', async () => {
    expect(await refusal(secondFactorStatus({ serverUrl: 'http://127.0.0.1:1', token: 'x' }))).toBe('network');
  });

  it("lets an administrator reset a user's second factor, recorded in the actor register; enrolling again needs a new code", async () => {
    const session = await signIn('mote');
    const { secret } = await startEnrolment(session, await issueEnrolmentCode(server, 'mote'));
    await confirmEnrolment(session, totp(base32Decode(secret), clock));
    // The administrator has passed their own second factor (a reset needs it fresh).
    const admin = async () => ({ serverUrl: server.url, token: await freshAdminToken(server) });
    const userId = (await RawClient.token(server.url, 'mote')).user.id;
    await resetSecondFactor(await admin(), userId);
    expect(await secondFactorStatus(session)).toEqual({ method: 'totp', enrolled: false, pending: false, fresh: false });
    expect(await refusal(resetSecondFactor(await admin(), userId))).toBe('not_enrolled');
    const entries = (await server.storage.pullPage('audit', 0, 10_000, null)).map((e) => e.data).filter((e) => e.recordId === userId);
    expect(entries).toMatchObject([
      { action: 'update', recordCollection: 'users', actorName: 'Maria Nord', changes: [{ field: 'secondFactorEnrolmentCode', from: '' }] },
      {
        action: 'update',
        recordCollection: 'users',
        actorName: 'Maria Nord',
        changes: [{ field: 'secondFactor', from: 'enrolled', to: 'reset' }],
      },
    ]);
    expect(await refusal(startEnrolment(session, 'ABCD-EFGH-JKMN'))).toBe('invalid_enrolment_code');
    const again = await startEnrolment(session, await issueEnrolmentCode(server, 'mote'));
    expect(again.secret).not.toBe(secret);
  });
});
