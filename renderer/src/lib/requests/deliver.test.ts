import { describe, expect, it } from 'vitest';
import { sampleCase, sampleDocument, sampleFile, sampleRequest, sampleRequestItem } from '../../../../shared/src/testing/samples';
import { currentFiles, deliveryContents, type DeliverySource } from './deliver';

const GROUND = 'OSL 21 kap. 3 §';
const texts = { inFull: 'i sin helhet', masked: 'maskad kopia', caseEntry: 'ärendets uppgifter i diariet' };
const docA = sampleDocument({ id: 'doc-a', documentNumber: 'KS 2026-00042-1', title: 'Beslut' });
const docB = sampleDocument({ id: 'doc-b', documentNumber: 'KS 2026-00042-2', title: 'Skrivelse' });
const copyB = sampleDocument({
  id: 'copy-b',
  documentNumber: 'KS 2026-00042-3',
  title: 'Maskad kopia av Skrivelse',
  maskedCopyOf: 'doc-b',
});
const files = {
  'doc-a': [
    sampleFile({ id: 'a1', documentId: 'doc-a', fileKey: 'k1', fileVersion: 1, name: 'beslut.pdf' }),
    sampleFile({ id: 'a2', documentId: 'doc-a', fileKey: 'k1', fileVersion: 2, name: 'beslut.pdf' }),
  ],
  'doc-b': [sampleFile({ id: 'b1', documentId: 'doc-b', fileKey: 'k2', name: 'skrivelse.pdf' })],
  'copy-b': [sampleFile({ id: 'c1', documentId: 'copy-b', fileKey: 'k3', name: 'skrivelse (maskad kopia).pdf' })],
} as Record<string, ReturnType<typeof sampleFile>[]>;

const source = (docs = [docA, docB, copyB]): DeliverySource => ({
  document: (id) => docs.find((d) => d.id === id),
  case: (id) => (id === 'case-1' ? sampleCase() : undefined),
  files: (id) => files[id] ?? [],
  bytes: async (f) => new TextEncoder().encode(f.id),
});

describe('what a request hands out', () => {
  it('the newest version of each file', () => {
    expect(currentFiles(files['doc-a']!).map((f) => f.id)).toEqual(['a2']);
  });

  it('originals released in full, masked copies (never the original) for masked items, cases on the cover; refused items nothing', async () => {
    const request = sampleRequest({
      items: [
        sampleRequestItem({ id: 'i1', targetId: 'doc-a', review: 'release' }),
        sampleRequestItem({ id: 'i2', targetId: 'doc-b', review: 'release_masked', grounds: [GROUND], maskedDocumentId: 'copy-b' }),
        sampleRequestItem({ id: 'i3', targetCollection: 'cases', targetId: 'case-1', review: 'release' }),
        sampleRequestItem({ id: 'i4', targetId: 'doc-x', review: 'refuse', grounds: [GROUND] }),
      ],
    });
    const out = await deliveryContents(request, source(), texts);
    expect(out.entries.map((e) => [e.label, e.note, e.fileName, new TextDecoder().decode(e.bytes)])).toEqual([
      ['KS 2026-00042-1 Beslut', 'i sin helhet', 'beslut.pdf', 'a2'],
      ['KS 2026-00042-2 Skrivelse', 'maskad kopia', 'skrivelse (maskad kopia).pdf', 'c1'],
    ]);
    expect(out.caseLines).toEqual(['KS 2026-00042 Motion om cykelbanor – ärendets uppgifter i diariet']);
    expect(out.missing).toEqual([]);
  });

  it('reports released records whose files the user does not have', async () => {
    const request = sampleRequest({
      items: [sampleRequestItem({ id: 'i2', targetId: 'doc-b', review: 'release_masked', grounds: [GROUND], maskedDocumentId: 'copy-b' })],
    });
    const out = await deliveryContents(request, source([docA, docB]), texts);
    expect(out).toMatchObject({ entries: [], missing: ['KS 2026-00042-2 Skrivelse'] });
  });
});
