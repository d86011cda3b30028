/**
 * A signer on @signpdf's Signer interface that produces a PAdES baseline B-B CMS (see
 * shared/src/pdf-signature/cms-build.ts) instead of @signpdf's default bare PKCS#7.
 */
import { Signer } from '@signpdf/utils';
import { buildCadesSignedData, type SignatureTimestamper } from '../../shared/src/pdf-signature/cms-build';
import { digest } from '../../shared/src/pdf-signature/digest';
import type { KeySource } from './key-source';

export interface CadesSignerOptions {
  /** Add the CMS signingTime attribute as well as the dictionary's /M (off for PAdES; see cms-build). */
  readonly signingTimeAttribute?: boolean;
  /** PAdES B-T: a TSA client; none is configured yet, so signatures are B-B. */
  readonly timestamp?: SignatureTimestamper;
}

export class CadesSigner extends Signer {
  constructor(private readonly keySource: KeySource, private readonly options: CadesSignerOptions = {}) {
    super();
  }

  /** `signedBytes` is the file without the /Contents placeholder: exactly what /ByteRange covers. */
  override async sign(signedBytes: Buffer, signingTime?: Date): Promise<Buffer> {
    const cms = await buildCadesSignedData({
      contentDigest: digest('sha256', [signedBytes]),
      signerCertificate: this.keySource.certificate,
      extraCertificates: this.keySource.chain,
      signingTime: this.options.signingTimeAttribute ? signingTime : undefined,
      sign: (attributes) => this.keySource.sign(attributes),
      timestamp: this.options.timestamp,
    });
    return Buffer.from(cms);
  }
}
