import { randomBytes } from 'node:crypto';
import type { SecondFactorAccount, SecondFactorCheck, SecondFactorEnrolment, SecondFactorMethod } from './second-factor-method';
import { base32Decode, base32Encode, matchTotp, totpUri } from './totp';

export const TOTP_ISSUER = 'Diarium';
/** 160-bit secrets, the HMAC-SHA1 key size RFC 4226 recommends. */
const SECRET_BYTES = 20;

/** TOTP (RFC 6238) with an authenticator app: SHA-1, 30 s steps, 6 digits, ±1 step. */
export class TotpMethod implements SecondFactorMethod {
  readonly id = 'totp';

  constructor(private readonly random: (n: number) => Uint8Array = (n) => randomBytes(n)) {}

  async enrol(account: SecondFactorAccount): Promise<SecondFactorEnrolment> {
    const secret = base32Encode(this.random(SECRET_BYTES));
    return { secret, display: { secret, uri: totpUri(TOTP_ISSUER, account.username, secret) } };
  }

  async confirm(secret: string, response: string, now: number): Promise<SecondFactorCheck> {
    return this.check(secret, response, now);
  }

  async verify(secret: string, response: string, now: number): Promise<SecondFactorCheck> {
    return this.check(secret, response, now);
  }

  private check(secret: string, response: string, now: number): SecondFactorCheck {
    // Authenticator apps show codes as "123 456"; people type them that way too.
    const step = matchTotp(base32Decode(secret), response.replace(/\s/g, ''), now);
    return step === null ? { ok: false } : { ok: true, counter: step };
  }
}
