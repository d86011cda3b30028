import type { DecisionText } from '../../../../shared/src/rules/decision-text';
import { PdfTextWriter } from './pdf-text';

/**
 * The decision document (beslut) as a PDF: the structured text from shared's decisionText laid
 * out on A4. Registered as a created document in the request's case with this PDF as its file.
 */
export async function renderDecisionPdf(text: DecisionText, o: { creationDate: Date }): Promise<Uint8Array> {
  const w = await PdfTextWriter.create();
  w.doc.setTitle(w.encodable(text.title), { showInWindowTitleBar: true });
  w.doc.setLanguage('sv-SE');
  w.doc.setProducer('Diarium');
  w.doc.setCreator('Diarium');
  w.doc.setCreationDate(o.creationDate);
  w.doc.setModificationDate(o.creationDate);
  for (const line of text.meta) w.write(line, { size: 10, spaceAfter: 1 });
  w.space(18);
  w.write(text.title, { size: 16, bold: true, spaceAfter: 12 });
  for (const block of text.blocks) {
    switch (block.kind) {
      case 'heading':
        w.space(6);
        w.write(block.text, { size: 12, bold: true, spaceAfter: 4 });
        break;
      case 'paragraph':
        w.write(block.text);
        break;
      case 'list':
        for (const item of block.items) w.write(item, { indent: 16, bullet: '•', spaceAfter: 2 });
        w.space(4);
        break;
    }
  }
  return w.doc.save();
}
