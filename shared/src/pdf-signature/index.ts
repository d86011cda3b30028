/**
 * PDF signatures (PAdES): finding, verifying and building CMS signatures, and statistics.
 * Imported by path (`shared/src/pdf-signature`) rather than through `shared/src/index.ts`, so
 * code that never handles signatures does not pull node-forge into its bundle.
 */
export { verifyPdfSignatures, type TrustOptions } from './verify-pdf';
export { checkTrust, TrustCode, type TrustVerdict } from './trust';
export { findSignatures, type FoundSignature } from './find-signatures';
export { signatureStatistics, type SignatureRecord, type SignatureStatistics } from './statistics';
export { PdfSignatureReport, SignatureCheck, SignatureCode } from './signature-report';
export { buildCadesSignedData, type CadesSignedDataInput, type SignatureTimestamper } from './cms-build';
