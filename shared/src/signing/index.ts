/**
 * The signing engine (PAdES B-B by incremental update, the signature page, PKCS#12 parsing):
 * pure, behind `KeySource` (where the private key lives). Platform parts stay outside shared/:
 * the main process' key session (electron/signing), the development test key
 * (sync-server/src/dev-signing), reading and writing files (scripts/sign.ts). Imported by path
 * (`shared/src/signing`), like pdf-signature, so code that never signs does not load pdf-lib.
 */
export { certificateInfo, signingFailure } from './bridge-answers';
export type { SigningFontBytes } from './embedded-fonts';
export { KeySourceError, type KeySource, type KeySourceErrorCode } from './key-source';
export { pkcs12KeySource } from './pkcs12-key-source';
export { signPdf, type SignOptions } from './sign-pdf';
export { prepareUnsignedPdf } from './signature-page';
export { addSignaturePlaceholder, type PlaceholderOptions } from './signature-placeholder';
export { SigningError, type SigningErrorCode } from './signing-error';
