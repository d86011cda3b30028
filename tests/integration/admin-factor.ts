/**
 * The demo administrator's own second factor, which issuing enrolment codes and resetting factors
 * require. Kept apart from the harness (light imports) so the end-to-end fixtures use it too.
 */
import { API, type LoginResponse } from '../../shared/src';
import {
  ENROLMENT_CODE_TTL_MS,
  SECOND_FACTOR_API,
  type EnrolmentCodeIssued,
  type SecondFactorEnrolStart,
  type SecondFactorStatus,
} from '../../shared/src/protocol/second-factor';
import { enrolmentCodeHash, newEnrolmentCode } from '../../sync-server/src/auth/second-factor.service';
import { base32Decode, totp } from '../../sync-server/src/auth/totp';
import { userId as demoUserId } from '../../sync-server/src/demo/people';
import type { Storage } from '../../sync-server/src/storage/storage';

const ADMIN = 'admin';
const PASSWORD = 'demo1234';
const STEP_MS = 30_000;

/** What the admin helpers need of a server: its address, its storage and (if injected) its clock. */
export interface AdminServer {
  url: string;
  storage: Storage;
  now?: () => number;
}

interface AdminFactor {
  secret: string;
  token: string;
  /** The last time step whose code was used (a replayed step is refused). */
  lastStep: number;
}

/** Per server: the demo administrator enrols once. */
const factors = new WeakMap<object, AdminFactor>();

async function signIn(url: string): Promise<LoginResponse> {
  const res = await fetch(`${url}${API.login}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: ADMIN, password: PASSWORD }),
  });
  if (!res.ok) throw new Error(`administrator sign-in failed ${res.status}`);
  return (await res.json()) as LoginResponse;
}

function postJson(url: string, token: string, body: unknown): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/**
 * The first time, the administrator enrols with an enrolment code written to the storage: the
 * out-of-band route `npm run admin -- create-admin` gives a first administrator (nobody could
 * issue theirs), here for the demo administrator.
 */
async function enrolled(server: AdminServer): Promise<AdminFactor> {
  const known = factors.get(server);
  if (known) return known;
  const now = (server.now ?? Date.now)();
  const { token, user } = await signIn(server.url);
  const enrolmentCode = newEnrolmentCode();
  await server.storage.transaction((tx) =>
    tx.putEnrolmentCode({
      userId: user.id,
      codeHash: enrolmentCodeHash(enrolmentCode),
      expiresAt: now + ENROLMENT_CODE_TTL_MS,
      issuedBy: 'test-harness',
      issuedAt: now,
    }),
  );
  const start = await postJson(`${server.url}${SECOND_FACTOR_API.enrolStart}`, token, { enrolmentCode });
  if (start.status !== 200) throw new Error(`administrator enrolment refused: ${start.status} ${await start.text()}`);
  const factor: AdminFactor = { secret: ((await start.json()) as SecondFactorEnrolStart).secret, token, lastStep: -1 };
  const confirm = await postJson(`${server.url}${SECOND_FACTOR_API.enrolConfirm}`, token, { code: await nextCode(server, factor) });
  if (confirm.status !== 200) throw new Error(`administrator enrolment not confirmed: ${confirm.status} ${await confirm.text()}`);
  factors.set(server, factor);
  return factor;
}

/** A code of the administrator's app for a step not used yet (the server accepts its own step and the next). */
async function nextCode(server: AdminServer, factor: AdminFactor): Promise<string> {
  let current = Math.floor((server.now ?? Date.now)() / STEP_MS);
  if (factor.lastStep > current && !server.now) {
    // Both codes of this window used, on the wall clock: wait for the next step.
    await new Promise((r) => setTimeout(r, (current + 1) * STEP_MS - Date.now() + 50));
    current = Math.floor(Date.now() / STEP_MS);
  }
  const step = Math.max(current, factor.lastStep + 1);
  if (step > current + 1) throw new Error('administrator second factor: both codes of this window are used; move the clock on');
  factor.lastStep = step;
  return totp(base32Decode(factor.secret), step * STEP_MS);
}

/** A code from the demo administrator's app, for a session of their own (e.g. in the browser). */
export async function nextAdminCode(server: AdminServer): Promise<string> {
  return nextCode(server, await enrolled(server));
}

/** A session of the demo administrator that has freshly passed their own second factor. */
export async function freshAdminToken(server: AdminServer): Promise<string> {
  const factor = await enrolled(server);
  const status = await fetch(`${server.url}${SECOND_FACTOR_API.status}`, { headers: { authorization: `Bearer ${factor.token}` } });
  if (status.status === 401) factor.token = (await signIn(server.url)).token;
  else if (((await status.json()) as SecondFactorStatus).fresh) return factor.token;
  const verify = await postJson(`${server.url}${SECOND_FACTOR_API.verify}`, factor.token, { code: await nextCode(server, factor) });
  if (verify.status !== 200) throw new Error(`administrator second factor refused: ${verify.status} ${await verify.text()}`);
  return factor.token;
}

/**
 * A one-time enrolment code for a demo user's second factor, issued by the demo administrator
 * (their own factor fresh) over the real API, as the administration view does.
 */
export async function issueEnrolmentCode(server: AdminServer, username: string): Promise<string> {
  const res = await postJson(`${server.url}${SECOND_FACTOR_API.issueEnrolmentCode}`, await freshAdminToken(server), {
    userId: demoUserId(username),
  });
  if (res.status !== 200) throw new Error(`enrolment code for ${username} refused: ${res.status} ${await res.text()}`);
  return ((await res.json()) as EnrolmentCodeIssued).code;
}

/**
 * Enrols a demo user's second factor on their session, with a code the administrator issues, and
 * confirms it: the session then has a fresh second factor (restricted content reaches it).
 */
export async function enrolSecondFactor(server: AdminServer, username: string, token: string): Promise<void> {
  const enrolmentCode = await issueEnrolmentCode(server, username);
  const start = await postJson(`${server.url}${SECOND_FACTOR_API.enrolStart}`, token, { enrolmentCode });
  if (start.status !== 200) throw new Error(`enrolment of ${username} refused: ${start.status} ${await start.text()}`);
  const { secret } = (await start.json()) as SecondFactorEnrolStart;
  const code = totp(base32Decode(secret), (server.now ?? Date.now)());
  const confirm = await postJson(`${server.url}${SECOND_FACTOR_API.enrolConfirm}`, token, { code });
  if (confirm.status !== 200) throw new Error(`enrolment of ${username} not confirmed: ${confirm.status} ${await confirm.text()}`);
}
