/**
 * A 16-byte document ID (hex) for the PDF trailer, derived from the given text: four FNV-1a
 * passes with different offsets. Not a security hash: it only has to tell documents apart.
 */
export function documentId(text: string): string {
  const seeds = [0x811c9dc5, 0x01000193, 0x9e3779b9, 0x85ebca6b];
  return seeds
    .map((seed) => {
      let h = seed >>> 0;
      for (let i = 0; i < text.length; i++) {
        h = (h ^ text.charCodeAt(i)) >>> 0;
        h = Math.imul(h, 0x01000193) >>> 0;
      }
      h = (h ^ (h >>> 15)) >>> 0;
      h = Math.imul(h, 0x2c1b3c6d) >>> 0;
      h = (h ^ (h >>> 12)) >>> 0;
      return h.toString(16).padStart(8, '0');
    })
    .join('')
    .toUpperCase();
}
