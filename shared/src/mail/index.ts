export * from './html-text';
export * from './mail';
export { renderMailPdf, type MailPdfLabels } from './mail-pdf';
export * from './thread';
