import forge from 'node-forge';
import { describe, expect, it } from 'vitest';
import { readCertificateTime, parseCertificate } from './x509';

const UTC = 0x17;
const GEN = 0x18;

describe('certificate validity times (RFC 5280 4.1.2.5)', () => {
  it('reads the UTCTime of the bug report as 2026, not 4512', () => {
    expect(readCertificateTime(UTC, '261206204428Z')?.toISOString()).toBe('2026-12-06T20:44:28.000Z');
  });

  it('maps UTCTime YY >= 50 to 19YY and YY < 50 to 20YY, for every year 1950–2049', () => {
    for (let year = 1950; year <= 2049; year++) {
      const yy = String(year % 100).padStart(2, '0');
      expect(readCertificateTime(UTC, `${yy}0101000000Z`)?.toISOString()).toBe(`${year}-01-01T00:00:00.000Z`);
      expect(readCertificateTime(UTC, `${yy}1231235959Z`)?.toISOString()).toBe(`${year}-12-31T23:59:59.000Z`);
    }
  });

  it('reads GeneralizedTime with its four-digit year, 1950–2049 and beyond', () => {
    for (const year of [1950, 1999, 2000, 2026, 2049, 2050, 2100, 2999, 9999]) {
      expect(readCertificateTime(GEN, `${year}0101000000Z`)?.toISOString(), String(year)).toBe(
        `${String(year).padStart(4, '0')}-01-01T00:00:00.000Z`,
      );
    }
    // RFC 5280's "no expiration date" value.
    expect(readCertificateTime(GEN, '99991231235959Z')?.toISOString()).toBe('9999-12-31T23:59:59.000Z');
    // A year below 100 is that year, not 19YY.
    expect(readCertificateTime(GEN, '00500101000000Z')?.getUTCFullYear()).toBe(50);
  });

  it('refuses what RFC 5280 forbids: fractional seconds, offsets, missing seconds or Z, wrong lengths, impossible dates', () => {
    for (const [tag, text] of [
      [GEN, '20261206204428.5Z'],
      [GEN, '20261206204428.000Z'],
      [UTC, '261206204428.5Z'],
      [GEN, '20261206204428+0100'],
      [UTC, '2612062044Z'],
      [UTC, '261206204428'],
      [GEN, '261206204428Z'],
      [UTC, '20261206204428Z'],
      [UTC, '260230120000Z'],
      [GEN, '20261301000000Z'],
      [GEN, '20261206246000Z'],
      [0x04, '261206204428Z'],
    ] as const) {
      expect(readCertificateTime(tag, text), text).toBeUndefined();
    }
  });

  it('reads the validity of a real certificate made by node-forge (UTCTime before 2050, GeneralizedTime from 2050)', () => {
    const keys = forge.pki.rsa.generateKeyPair(1024);
    const cert = forge.pki.createCertificate();
    cert.publicKey = keys.publicKey;
    cert.serialNumber = '01';
    cert.validity.notBefore = new Date('2026-12-06T20:44:28Z');
    cert.validity.notAfter = new Date('2051-06-01T00:00:00Z');
    cert.setSubject([{ name: 'commonName', value: 'Tid Testsson' }]);
    cert.setIssuer([{ name: 'commonName', value: 'Tid Testsson' }]);
    cert.sign(keys.privateKey, forge.md.sha256.create());
    const der = forge.util.binary.raw.decode(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes());
    const info = parseCertificate(der);
    expect(info.notBefore?.toISOString()).toBe('2026-12-06T20:44:28.000Z');
    expect(info.notAfter?.toISOString()).toBe('2051-06-01T00:00:00.000Z');
  });
});
