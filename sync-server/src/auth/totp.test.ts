import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, matchTotp, timeStep, totp, totpUri, type TotpAlgorithm } from './totp';
import { TotpMethod } from './totp.method';

const ascii = (s: string) => new TextEncoder().encode(s);

describe('base32 (RFC 4648 section 10 test vectors)', () => {
  const vectors: [string, string][] = [
    ['', ''],
    ['f', 'MY'],
    ['fo', 'MZXQ'],
    ['foo', 'MZXW6'],
    ['foob', 'MZXW6YQ'],
    ['fooba', 'MZXW6YTB'],
    ['foobar', 'MZXW6YTBOI'],
  ];
  it.each(vectors)('%j <-> %s', (plain, encoded) => {
    expect(base32Encode(ascii(plain))).toBe(encoded);
    expect(new TextDecoder().decode(base32Decode(encoded))).toBe(plain);
  });

  it('decodes lower case, spaces and padding as typed by people, and refuses other characters', () => {
    expect(new TextDecoder().decode(base32Decode('mzxw 6ytb oi======'))).toBe('foobar');
    expect(() => base32Decode('MZXW1')).toThrow('invalid base32 character: "1"');
  });
});

describe('HOTP (RFC 4226 appendix D)', () => {
  const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
  it.each(expected.map((code, counter) => [counter, code] as const))('counter %i gives %s', (counter, code) => {
    expect(hotp(ascii('12345678901234567890'), counter)).toBe(code);
  });
});

describe('TOTP (RFC 6238 appendix B, 8 digits)', () => {
  const keys: Record<TotpAlgorithm, string> = {
    sha1: '12345678901234567890',
    sha256: '12345678901234567890123456789012',
    sha512: '1234567890123456789012345678901234567890123456789012345678901234',
  };
  const table: [number, string, TotpAlgorithm][] = [
    [59, '94287082', 'sha1'],
    [59, '46119246', 'sha256'],
    [59, '90693936', 'sha512'],
    [1111111109, '07081804', 'sha1'],
    [1111111109, '68084774', 'sha256'],
    [1111111109, '25091201', 'sha512'],
    [1111111111, '14050471', 'sha1'],
    [1111111111, '67062674', 'sha256'],
    [1111111111, '99943326', 'sha512'],
    [1234567890, '89005924', 'sha1'],
    [1234567890, '91819424', 'sha256'],
    [1234567890, '93441116', 'sha512'],
    [2000000000, '69279037', 'sha1'],
    [2000000000, '90698825', 'sha256'],
    [2000000000, '38618901', 'sha512'],
    [20000000000, '65353130', 'sha1'],
    [20000000000, '77737706', 'sha256'],
    [20000000000, '47863826', 'sha512'],
  ];
  it.each(table)('T=%i gives %s with %s', (seconds, code, algorithm) => {
    expect(totp(ascii(keys[algorithm]), seconds * 1000, 8, algorithm)).toBe(code);
  });

  it('uses 30-second steps counted from the epoch', () => {
    expect(timeStep(59_000)).toBe(1);
    expect(timeStep(60_000)).toBe(2);
    expect(timeStep(1111111109_000)).toBe(0x23523ec);
  });
});

describe('matchTotp', () => {
  const key = ascii('12345678901234567890');
  const now = 1111111111_000;
  const step = timeStep(now);

  it('accepts the current, previous and next step and says which', () => {
    expect(matchTotp(key, hotp(key, step), now)).toBe(step);
    expect(matchTotp(key, hotp(key, step - 1), now)).toBe(step - 1);
    expect(matchTotp(key, hotp(key, step + 1), now)).toBe(step + 1);
  });

  it('refuses codes two steps away, wrong codes and anything but six digits', () => {
    expect(matchTotp(key, hotp(key, step - 2), now)).toBeNull();
    expect(matchTotp(key, hotp(key, step + 2), now)).toBeNull();
    const wrong = String((Number(hotp(key, step)) + 1) % 1_000_000).padStart(6, '0');
    expect(matchTotp(key, wrong, now)).toBeNull();
    expect(matchTotp(key, '12345', now)).toBeNull();
    expect(matchTotp(key, `${hotp(key, step)}0`, now)).toBeNull();
    expect(matchTotp(key, '١٢٣٤٥٦', now)).toBeNull();
  });
});

describe('TotpMethod', () => {
  it('enrols with a 160-bit base32 secret and the otpauth URI authenticator apps read', async () => {
    const method = new TotpMethod((n) => new Uint8Array(n).fill(0xff));
    const enrolment = await method.enrol({ userId: 'u1', username: 'anna.lind' });
    expect(enrolment.secret).toBe('7'.repeat(32));
    expect(enrolment.display).toEqual({
      secret: enrolment.secret,
      uri: `otpauth://totp/Diarium:anna.lind?secret=${'7'.repeat(32)}&issuer=Diarium`,
    });
    expect(base32Decode(enrolment.secret)).toHaveLength(20);
  });

  it('accepts the code of the secret at the given time, with spaces as apps show them', async () => {
    const method = new TotpMethod();
    const { secret } = await method.enrol({ userId: 'u1', username: 'u' });
    const now = Date.UTC(2026, 10, 26, 9, 0, 0);
    const code = totp(base32Decode(secret), now);
    expect(await method.verify(secret, code, now)).toEqual({ ok: true, counter: timeStep(now) });
    expect(await method.confirm(secret, `${code.slice(0, 3)} ${code.slice(3)}`, now)).toEqual({ ok: true, counter: timeStep(now) });
    expect(await method.verify(secret, code, now + 90_000)).toEqual({ ok: false });
  });

  it('escapes user names in the URI label', () => {
    expect(totpUri('Diarium', 'anna lind@kommun.se', 'ABC')).toBe(
      'otpauth://totp/Diarium:anna%20lind%40kommun.se?secret=ABC&issuer=Diarium',
    );
  });
});
