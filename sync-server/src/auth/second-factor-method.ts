/** The account a second factor is set up for. */
export interface SecondFactorAccount {
  userId: string;
  username: string;
}

/** A started enrolment: `secret` stays on the server; `display` is what the user is shown. */
export interface SecondFactorEnrolment {
  secret: string;
  display: { secret: string; uri: string };
}

/**
 * Outcome of checking a response. `counter` rises with every new valid response (a TOTP time
 * step); the service refuses one not higher than the last accepted, so nothing is accepted twice.
 */
export type SecondFactorCheck = { ok: true; counter: number } | { ok: false };

/**
 * A second factor the server can ask for. TOTP stands in for the municipality's BankID step; a
 * BankID method would implement the same contract (its "code" being the order reference it collects).
 */
export interface SecondFactorMethod {
  readonly id: string;
  enrol(account: SecondFactorAccount): Promise<SecondFactorEnrolment>;
  /** Checks the first response of a pending enrolment. */
  confirm(secret: string, response: string, now: number): Promise<SecondFactorCheck>;
  /** Checks a response at sign-in time against a confirmed enrolment. */
  verify(secret: string, response: string, now: number): Promise<SecondFactorCheck>;
}
