import { createHash } from 'node:crypto';
import { DerError } from '../../../shared/src/pdf-signature/der';
import type { FileRecord } from '../../../shared/src';
import type { SigningWindow } from '../../../shared/src/pdf-signature/trust';
import { parseCertificate, type CertificateInfo } from '../../../shared/src/pdf-signature/x509';
import type { Storage } from '../storage/storage';

/**
 * The authority's trust list for approval signatures: CA certificates an administrator added,
 * plus the development test CA while the server runs with the development switch (never stored,
 * so it is off the list as soon as the switch is).
 */
export class TrustList {
  constructor(
    private readonly storage: Storage,
    private readonly devCa: (() => Uint8Array) | null,
  ) {}

  async anchors(): Promise<CertificateInfo[]> {
    const stored = (await this.storage.listTrustedCas()).map((ca) =>
      parseCertificate(new Uint8Array(Buffer.from(ca.certificate, 'base64'))),
    );
    return this.devCa ? [...stored, parseCertificate(this.devCa())] : stored;
  }
}

/** A CA certificate as an administrator pastes it (PEM, or base64 DER), or why it is not one. */
export function readCaCertificate(
  text: string,
): { der: Uint8Array; info: CertificateInfo; id: string } | { problem: 'not_a_certificate' | 'not_a_ca' } {
  const pem = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/.exec(text);
  const base64 = (pem ? pem[1]! : text).replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) return { problem: 'not_a_certificate' };
  const der = new Uint8Array(Buffer.from(base64, 'base64'));
  let info: CertificateInfo;
  try {
    info = parseCertificate(der);
  } catch (e) {
    if (e instanceof DerError || e instanceof RangeError || e instanceof TypeError) return { problem: 'not_a_certificate' };
    throw e;
  }
  if (!info.isCa) return { problem: 'not_a_ca' };
  return { der, info, id: createHash('sha256').update(der).digest('hex') };
}

/** Clock difference tolerated between a signer's computer and the server. */
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * The window a signature on a file of `documentId` / `fileKey` must claim a time in: from when
 * the server first received that file until `handedInAt` (the signed version's upload, or now).
 */
export async function signingWindow(storage: Storage, documentId: string, fileKey: string, handedInAt: number): Promise<SigningWindow> {
  const uploads = (await storage.listWhere('files', 'documentId', documentId))
    .map((r) => r.data as FileRecord)
    .filter((f) => f.fileKey === fileKey)
    .map((f) => Date.parse(f.uploadedAt));
  const first = uploads.length ? Math.min(...uploads) : handedInAt;
  return { notBefore: new Date(first - CLOCK_SKEW_MS), notAfter: new Date(handedInAt + CLOCK_SKEW_MS) };
}
