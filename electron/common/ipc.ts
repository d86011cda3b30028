/**
 * The bridge's IPC contract, shared by preload and main: channel names and argument validation.
 * Pure (no Electron, no Node APIs), so the sandboxed preload can bundle it and tests can run it.
 */
import type { BridgeArgs, BridgeChannel, BridgeMethod, SignPdfRequest } from '../../shared/src/protocol/bridge';
import { MAX_FILE_BYTES } from '../../shared/src/protocol/messages';

export const CHANNEL_PREFIX = 'diarium:';

/** One channel per bridge method; the preload invokes nothing else, main handles nothing else. */
export const CHANNELS = {
  getSecret: 'diarium:getSecret',
  setSecret: 'diarium:setSecret',
  showNotification: 'diarium:showNotification',
  saveRescuedChanges: 'diarium:saveRescuedChanges',
  signingKeyStatus: 'diarium:signingKeyStatus',
  chooseSigningKey: 'diarium:chooseSigningKey',
  unlockSigningKey: 'diarium:unlockSigningKey',
  forgetSigningKey: 'diarium:forgetSigningKey',
  signPdf: 'diarium:signPdf',
} as const satisfies { [M in BridgeMethod]: `diarium:${M}` };

export const BRIDGE_METHODS = Object.keys(CHANNELS) as BridgeMethod[];

export const LIMITS = {
  /** Secret keys are short identifiers such as `session.token` or `replica.key.<user>`. */
  secretKeyMaxLength: 128,
  /** A secret is a token or a key, not a document. */
  secretValueMaxLength: 16 * 1024,
  notificationTitleMaxLength: 200,
  notificationBodyMaxLength: 2000,
  /** PKCS#12 passwords; generous, but not a payload. */
  passwordMaxLength: 1024,
  /** The sync server's file limit: a PDF the server would refuse is not worth signing. */
  pdfMaxBytes: MAX_FILE_BYTES,
  signatureTextMaxLength: 200,
  /** Offline changes rescued from a replica: records as JSON, far below this. */
  rescueMaxLength: 50 * 1024 * 1024,
} as const;

const SECRET_KEY = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

export class BridgeArgumentError extends Error {
  override readonly name = 'BridgeArgumentError';
}

/** The method a channel belongs to, or null for anything outside the fixed set. */
export function methodOfChannel(channel: unknown): BridgeMethod | null {
  if (typeof channel !== 'string') return null;
  for (const method of BRIDGE_METHODS) if (CHANNELS[method] === channel) return method;
  return null;
}

export function isBridgeChannel(channel: unknown): channel is BridgeChannel {
  return methodOfChannel(channel) !== null;
}

function text(value: unknown, what: string, max: number, { allowEmpty }: { allowEmpty: boolean }): string {
  if (typeof value !== 'string') throw new BridgeArgumentError(`${what} must be a string`);
  if (!allowEmpty && value.length === 0) throw new BridgeArgumentError(`${what} must not be empty`);
  if (value.length > max) throw new BridgeArgumentError(`${what} is longer than ${max} characters`);
  return value;
}

function secretKey(value: unknown): string {
  const key = text(value, 'key', LIMITS.secretKeyMaxLength, { allowEmpty: false });
  if (!SECRET_KEY.test(key)) throw new BridgeArgumentError('key may contain only letters, digits and . _ : -');
  return key;
}

function arity(args: readonly unknown[], n: number, method: BridgeMethod): void {
  if (args.length !== n) throw new BridgeArgumentError(`${method} takes ${n} argument(s), got ${args.length}`);
}

function signRequest(value: unknown): SignPdfRequest {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new BridgeArgumentError('options must be an object');
  const allowed = ['name', 'role', 'reason', 'location'] as const;
  const extra = Object.keys(value).filter((k) => !(allowed as readonly string[]).includes(k));
  if (extra.length) throw new BridgeArgumentError(`options has unknown field(s) ${extra.join(', ')}`);
  const out: { -readonly [K in keyof SignPdfRequest]: SignPdfRequest[K] } = {};
  for (const k of allowed) {
    const v = (value as Record<string, unknown>)[k];
    if (v !== undefined) out[k] = text(v, k, LIMITS.signatureTextMaxLength, { allowEmpty: true });
  }
  return out;
}

function pdfBytes(value: unknown): Uint8Array {
  if (!(value instanceof Uint8Array)) throw new BridgeArgumentError('pdf must be bytes (Uint8Array)');
  if (value.byteLength === 0) throw new BridgeArgumentError('pdf must not be empty');
  if (value.byteLength > LIMITS.pdfMaxBytes) throw new BridgeArgumentError(`pdf is larger than ${LIMITS.pdfMaxBytes} bytes`);
  return value;
}

/** Validates untrusted arguments for a method; throws BridgeArgumentError when they do not fit. */
export function parseBridgeArgs<M extends BridgeMethod>(method: M, args: readonly unknown[]): BridgeArgs<M>;
export function parseBridgeArgs(method: BridgeMethod, args: readonly unknown[]): BridgeArgs<BridgeMethod> {
  switch (method) {
    case 'getSecret':
      arity(args, 1, method);
      return [secretKey(args[0])];
    case 'setSecret':
      arity(args, 2, method);
      return [secretKey(args[0]), text(args[1], 'value', LIMITS.secretValueMaxLength, { allowEmpty: true })];
    case 'showNotification':
      arity(args, 2, method);
      return [
        text(args[0], 'title', LIMITS.notificationTitleMaxLength, { allowEmpty: false }),
        text(args[1], 'body', LIMITS.notificationBodyMaxLength, { allowEmpty: true }),
      ];
    case 'saveRescuedChanges':
      arity(args, 1, method);
      return [text(args[0], 'json', LIMITS.rescueMaxLength, { allowEmpty: false })];
    case 'signingKeyStatus':
    case 'chooseSigningKey':
    case 'forgetSigningKey':
      arity(args, 0, method);
      return [];
    case 'unlockSigningKey':
      arity(args, 1, method);
      return [text(args[0], 'password', LIMITS.passwordMaxLength, { allowEmpty: true })];
    case 'signPdf':
      arity(args, 2, method);
      return [pdfBytes(args[0]), signRequest(args[1])];
    default: {
      const unknownMethod: never = method;
      throw new BridgeArgumentError(`unknown bridge method ${String(unknownMethod)}`);
    }
  }
}

/** Command-line switches main passes to the preload (webPreferences.additionalArguments). */
export const PRELOAD_SWITCHES = {
  serverUrl: '--diarium-server-url=',
  version: '--diarium-version=',
} as const;

/** Reads `--name=value` from an argv list; null when absent. */
export function readSwitch(argv: readonly string[], prefix: string): string | null {
  const found = argv.find((arg) => arg.startsWith(prefix));
  return found === undefined ? null : found.slice(prefix.length);
}
