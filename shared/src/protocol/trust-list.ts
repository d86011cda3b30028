/** A CA on the authority's trust list for approval signatures, as the admin routes show it. */
export interface TrustedCaView {
  /** Hex SHA-256 of the certificate; 'development' for the development test CA. */
  id: string;
  subject: string;
  issuer: string;
  notBefore: string;
  notAfter: string;
  /** User id of the administrator who added it ('' for the development test CA). */
  addedBy: string;
  addedAt: string;
  /** The development test CA: listed only while the server runs with DIARIUM_DEV_TEST_KEY=1. */
  development: boolean;
}
