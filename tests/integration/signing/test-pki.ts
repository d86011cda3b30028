/** A throwaway CA and signer certificates made with openssl, as a municipality's CA would issue them. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openssl } from './tools';

export interface TestSigner {
  readonly p12: Uint8Array;
  readonly p12Path: string;
  readonly password: string;
  readonly certPem: string;
  readonly keyPem: string;
}

export interface TestPki {
  readonly dir: string;
  readonly caPem: string;
  signer(commonName: string, password: string): TestSigner;
  /** An RFC 3161 time-stamping authority run with `openssl ts`: data in, DER TimeStampToken out. */
  timestampAuthority(): { certPem: string; stamp(data: Uint8Array): Uint8Array };
}

export function createTestPki(): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'diarium-pki-'));
  const ca = { key: join(dir, 'ca.key'), pem: join(dir, 'ca.pem') };
  openssl([
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    ca.key,
    '-out',
    ca.pem,
    '-days',
    '30',
    '-utf8',
    '-subj',
    '/C=SE/O=Testkommunen/CN=Testkommunens CA',
  ]);
  const ext = join(dir, 'signer.ext');
  writeFileSync(ext, 'keyUsage=critical,digitalSignature,nonRepudiation\nbasicConstraints=CA:FALSE\n');
  let n = 0;
  return {
    dir,
    caPem: ca.pem,
    signer(commonName, password) {
      const base = join(dir, `signer${++n}`);
      openssl([
        'req',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        `${base}.key`,
        '-out',
        `${base}.csr`,
        '-utf8',
        '-subj',
        `/C=SE/O=Testkommunen/CN=${commonName}`,
      ]);
      openssl([
        'x509',
        '-req',
        '-in',
        `${base}.csr`,
        '-CA',
        ca.pem,
        '-CAkey',
        ca.key,
        '-set_serial',
        String(1000 + n),
        '-days',
        '30',
        '-extfile',
        ext,
        '-out',
        `${base}.pem`,
      ]);
      openssl([
        'pkcs12',
        '-export',
        '-inkey',
        `${base}.key`,
        '-in',
        `${base}.pem`,
        '-certfile',
        ca.pem,
        '-out',
        `${base}.p12`,
        '-passout',
        `pass:${password}`,
      ]);
      return { p12: readFileSync(`${base}.p12`), p12Path: `${base}.p12`, password, certPem: `${base}.pem`, keyPem: `${base}.key` };
    },
    timestampAuthority() {
      const tsa = join(dir, 'tsa');
      writeFileSync(`${tsa}.ext`, 'extendedKeyUsage=critical,timeStamping\nbasicConstraints=CA:FALSE\n');
      openssl([
        'req',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        `${tsa}.key`,
        '-out',
        `${tsa}.csr`,
        '-subj',
        '/C=SE/O=Testkommunen/CN=Testkommunens TSA',
      ]);
      openssl([
        'x509',
        '-req',
        '-in',
        `${tsa}.csr`,
        '-CA',
        ca.pem,
        '-CAkey',
        ca.key,
        '-set_serial',
        '99',
        '-days',
        '30',
        '-extfile',
        `${tsa}.ext`,
        '-out',
        `${tsa}.pem`,
      ]);
      writeFileSync(`${tsa}.serial`, '01\n');
      writeFileSync(
        `${tsa}.cnf`,
        [
          '[ tsa ]',
          'default_tsa = diarium_test',
          '[ diarium_test ]',
          `serial = ${tsa}.serial`,
          'crypto_device = builtin',
          'signer_digest = sha256',
          'default_policy = 1.2.752.999.1',
          'digests = sha256',
          'accuracy = secs:1',
          'ess_cert_id_alg = sha256',
          '',
        ].join('\n'),
      );
      let n = 0;
      return {
        certPem: `${tsa}.pem`,
        stamp(data) {
          const base = join(dir, `stamp${++n}`);
          writeFileSync(`${base}.bin`, data);
          openssl(['ts', '-query', '-data', `${base}.bin`, '-sha256', '-cert', '-out', `${base}.tsq`]);
          openssl([
            'ts',
            '-reply',
            '-config',
            `${tsa}.cnf`,
            '-queryfile',
            `${base}.tsq`,
            '-signer',
            `${tsa}.pem`,
            '-inkey',
            `${tsa}.key`,
            '-token_out',
            '-out',
            `${base}.tst`,
          ]);
          return readFileSync(`${base}.tst`);
        },
      };
    },
  };
}
