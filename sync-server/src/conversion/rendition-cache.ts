import type { ConversionResult } from './conversion.service';

export interface RenditionCacheOptions {
  /** Bytes of renditions kept at most; the least recently used go first. */
  readonly maxBytes: number;
  /** How long a rendition is kept after it was made (a masking session, not a day). */
  readonly ttlMs: number;
  readonly now: () => number;
}

interface Entry {
  readonly pdf: Uint8Array;
  readonly madeAt: number;
}

/**
 * PDF/A renditions kept in memory by the original's checksum and type, so opening a Word file
 * again for masking does not start LibreOffice again (1–7 s), and two openings at once share one
 * conversion. Memory only and briefly: a rendition is content of the file, and nothing of it may
 * outlive on disk the blob that disposal removes. Access is checked before the cache is asked, so
 * a disposed or withdrawn file (no longer readable) is never served from here; the key is the
 * content, so whoever may read the file may have its rendition. Failures are not kept:
 * LibreOffice may be installed or free the next time.
 */
export class RenditionCache {
  private readonly kept = new Map<string, Entry>();
  private readonly making = new Map<string, Promise<ConversionResult>>();
  private bytes = 0;

  constructor(private readonly opts: RenditionCacheOptions) {}

  async get(sha256: string, mediaType: string, convert: () => Promise<ConversionResult>): Promise<ConversionResult> {
    const key = `${sha256} ${mediaType}`;
    const hit = this.kept.get(key);
    if (hit && this.opts.now() - hit.madeAt < this.opts.ttlMs) {
      // Most recently used last: Map keeps insertion order.
      this.kept.delete(key);
      this.kept.set(key, hit);
      return { ok: true, pdf: hit.pdf };
    }
    if (hit) this.drop(key);
    const pending = this.making.get(key);
    if (pending) return pending;
    const made = convert().then((result) => {
      if (result.ok) this.keep(key, result.pdf);
      return result;
    });
    this.making.set(key, made);
    try {
      return await made;
    } finally {
      this.making.delete(key);
    }
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.kept.size, bytes: this.bytes };
  }

  private keep(key: string, pdf: Uint8Array): void {
    if (pdf.byteLength > this.opts.maxBytes) return;
    this.drop(key);
    this.kept.set(key, { pdf, madeAt: this.opts.now() });
    this.bytes += pdf.byteLength;
    for (const oldest of this.kept.keys()) {
      if (this.bytes <= this.opts.maxBytes) break;
      this.drop(oldest);
    }
  }

  private drop(key: string): void {
    const entry = this.kept.get(key);
    if (!entry) return;
    this.kept.delete(key);
    this.bytes -= entry.pdf.byteLength;
  }
}
