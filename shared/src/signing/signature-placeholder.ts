/**
 * Adds an empty signature to a PDF as an incremental update: the signature dictionary with a
 * /ByteRange and /Contents placeholder (filled by `fillCadesSignature`), a signature field widget
 * (visible in the next free box of the signature page, or invisible), its appearance, the page's
 * /Annots and the AcroForm's /Fields. Written here rather than with @signpdf/placeholder-plain,
 * which always uses the first page, draws no appearance and edits the AcroForm by string search.
 */
import {
  encodeTextString,
  formatPdfDate,
  asArray,
  asBool,
  asDict,
  asName,
  asRef,
  dictGet,
  name,
  ref,
  serializePdfValue,
  withEntries,
  type PdfDict,
  type PdfRef,
  type PdfValue,
} from '../pdf-signature/pdf-objects';
import { ascii } from '../pdf-signature/bytes';
import type { Appearance } from './appearance';
import { appendIncrementalUpdate, type UpdatedObject } from './incremental-update';
import { catalogRef, readRevision, resolveDict, resolveObject, type Revision } from './pdf-revision';
import { PAGE_MARKER, SLOTS, slotRect } from './signature-layout';
import { SigningError } from './signing-error';

export const BYTE_RANGE_PLACEHOLDER = '/ByteRange [0 /********** /********** /**********]';

export interface PlaceholderOptions {
  readonly subFilter: string;
  readonly signingTime: Date;
  readonly name?: string;
  readonly reason?: string;
  readonly location?: string;
  readonly contactInfo?: string;
  /** Bytes reserved for the CMS (hex doubles it in the file). */
  readonly signatureLength: number;
  /**
   * Makes the appearance of a visible signature (undefined: an invisible one); the objects it
   * refers to (embedded fonts) are numbered from `firstFree`.
   */
  readonly appearance?: (firstFree: number) => Promise<Appearance>;
}

/** Leaf pages in document order. */
function pages(rev: Revision, node: PdfRef, seen = new Set<number>()): { ref: PdfRef; dict: PdfDict }[] {
  if (seen.has(node.num)) throw new SigningError('unsupported-pdf', 'page tree has a cycle');
  seen.add(node.num);
  const { dict } = resolveDict(rev, node, 'page tree node');
  if (asName(dictGet(dict, 'Type')) === 'Page') return [{ ref: node, dict }];
  return (asArray(dictGet(dict, 'Kids')) ?? []).flatMap((kid) => {
    const r = asRef(kid);
    return r ? pages(rev, r, seen) : [];
  });
}

/** The current /Annots of a page as a list, whether inline or an indirect array. */
function annotations(rev: Revision, page: PdfDict): { list: PdfValue[]; arrayRef?: PdfRef } {
  const annots = dictGet(page, 'Annots');
  const r = asRef(annots);
  if (r) return { list: asArray(resolveObject(rev, r).value) ?? [], arrayRef: r };
  return { list: asArray(annots) ?? [] };
}

function isSignatureWidget(rev: Revision, v: PdfValue): boolean {
  const r = asRef(v);
  const dict = r ? asDict(resolveObject(rev, r).value) : asDict(v);
  return !!dict && asName(dictGet(dict, 'FT')) === 'Sig';
}

export async function addSignaturePlaceholder(pdf: Uint8Array, options: PlaceholderOptions): Promise<Uint8Array> {
  const rev = readRevision(pdf);
  const catalog = resolveDict(rev, catalogRef(rev), 'document catalog');
  const allPages = pages(rev, asRef(dictGet(catalog.dict, 'Pages')) ?? ref(-1));
  if (!allPages.length) throw new SigningError('unsupported-pdf', 'the PDF has no pages');

  const visible = options.appearance !== undefined;
  const page = visible ? allPages.find((p) => asBool(dictGet(p.dict, PAGE_MARKER))) : allPages[0]!;
  if (!page) throw new SigningError('no-signature-page', 'the signed PDF has no signature page; only an invisible signature can be added');
  const annots = annotations(rev, page.dict);
  const slot = annots.list.filter((a) => isSignatureWidget(rev, a)).length;
  if (visible && slot >= SLOTS) throw new SigningError('signature-page-full', `the signature page already has ${SLOTS} signatures`);

  // The AcroForm may be absent, inline in the catalog, or its own object.
  const formValue = dictGet(catalog.dict, 'AcroForm');
  const formRef = asRef(formValue);
  const form = formRef ? resolveDict(rev, formRef, 'AcroForm').dict : asDict(formValue);
  const fields = asArray(form && dictGet(form, 'Fields')) ?? [];

  const appearance = visible ? await options.appearance!(rev.size) : undefined;
  let next = Math.max(rev.size, ...(appearance?.objects ?? []).map((o) => o.num + 1));
  const sigNum = next++;
  const widgetNum = next++;
  const apNum = visible ? next++ : undefined;
  const newFormNum = formRef ? undefined : next++;

  const sigDict = [
    '<< /Type /Sig /Filter /Adobe.PPKLite',
    `/SubFilter ${serializePdfValue(name(options.subFilter))}`,
    // `fillCadesSignature` finds this placeholder and expects /Contents right after it.
    `${BYTE_RANGE_PLACEHOLDER} /Contents <${'0'.repeat(options.signatureLength * 2)}>`,
    `/M ${encodeTextString(formatPdfDate(options.signingTime))}`,
    ...(options.name ? [`/Name ${encodeTextString(options.name)}`] : []),
    ...(options.reason ? [`/Reason ${encodeTextString(options.reason)}`] : []),
    ...(options.location ? [`/Location ${encodeTextString(options.location)}`] : []),
    ...(options.contactInfo ? [`/ContactInfo ${encodeTextString(options.contactInfo)}`] : []),
    '/Prop_Build << /App << /Name /Diarium >> >> >>',
  ].join('\n');
  const rect = visible ? slotRect(slot) : [0, 0, 0, 0];
  const widget = `<< /Type /Annot /Subtype /Widget /FT /Sig /T ${encodeTextString(`Underskrift ${fields.length + 1}`)} /V ${sigNum} 0 R /F 132 /P ${serializePdfValue(page.ref)} /Rect [${rect.join(' ')}]${apNum ? ` /AP << /N ${apNum} 0 R >>` : ''} >>`;

  const objects: UpdatedObject[] = [
    { num: sigNum, body: ascii(sigDict) },
    { num: widgetNum, body: ascii(widget) },
    ...(appearance ? [...appearance.objects, { num: apNum!, body: appearance.stream }] : []),
  ];
  const newAnnots = [...annots.list, ref(widgetNum)];
  if (annots.arrayRef) objects.push({ num: annots.arrayRef.num, gen: annots.arrayRef.gen, body: ascii(serializePdfValue(newAnnots)) });
  else
    objects.push({ num: page.ref.num, gen: page.ref.gen, body: ascii(serializePdfValue(withEntries(page.dict, { Annots: newAnnots }))) });

  // SigFlags 3: signatures exist, and the file must only be appended to.
  const formEntries = { Fields: [...fields, ref(widgetNum)], SigFlags: 3 };
  const newForm = form
    ? withEntries(form, formEntries)
    : { type: 'dict' as const, entries: new Map<string, PdfValue>(Object.entries(formEntries)), start: 0, end: 0 };
  if (formRef) objects.push({ num: formRef.num, gen: formRef.gen, body: ascii(serializePdfValue(newForm)) });
  else {
    objects.push({ num: newFormNum!, body: ascii(serializePdfValue(newForm)) });
    objects.push({
      num: catalog.ref.num,
      gen: catalog.ref.gen,
      body: ascii(serializePdfValue(withEntries(catalog.dict, { AcroForm: ref(newFormNum!) }))),
    });
  }
  return appendIncrementalUpdate(rev, objects, next);
}
