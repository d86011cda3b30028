import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { PdfRenditionFailure } from '../../../shared/src/protocol/pdf-rendition';
import type { Logger } from '../logger';
import { conversionFormat, convertToArgument } from './formats';
import { imagePageDocument } from './image-page';
import { looksLikePdf, pdfaIdentification } from './pdfa-identification';
import { ensureProfile } from './profile-settings';
import { runSoffice } from './soffice-run';

/** Why no PDF/A came out (the client shows each in Swedish). */
export type ConversionFailure = PdfRenditionFailure;
export type ConversionResult = { readonly ok: true; readonly pdf: Uint8Array } | { readonly ok: false; readonly reason: ConversionFailure };

export interface ConversionOptions {
  /** Work folders (inputs, outputs, LibreOffice profiles) go here; emptied at start and at close. */
  readonly workDir: string;
  readonly log: Logger;
  /** The LibreOffice program (`SOFFICE_PATH`; default `soffice` on PATH). */
  readonly program?: string;
  /** One LibreOffice process at a time per core, by default. */
  readonly concurrency?: number;
  readonly timeoutMs?: number;
  /** Conversions waiting for a slot beyond which a new one is refused as `busy` (default 8 per slot). */
  readonly maxWaiting?: number;
}

/** A conversion not done in this time is stopped (a large spreadsheet takes seconds, not minutes). */
export const CONVERSION_TIMEOUT_MS = 120_000;

/**
 * Converts office documents and pictures to PDF/A-2b with LibreOffice, started on demand. Each
 * slot (one per core) has its own profile folder, reused between runs (a fresh profile costs about
 * a second) and thrown away after a run that was killed. Conversions beyond the slots wait in
 * order. The caller keeps the original; this only returns the rendition.
 */
export class ConversionService {
  private readonly program: string;
  private readonly timeoutMs: number;
  private readonly slotCount: number;
  private readonly maxWaiting: number;
  private readonly free: number[];
  private readonly waiting: Array<(slot: number) => void> = [];
  private closed = false;

  constructor(private readonly opts: ConversionOptions) {
    this.program = opts.program ?? 'soffice';
    this.timeoutMs = opts.timeoutMs ?? CONVERSION_TIMEOUT_MS;
    this.slotCount = Math.max(1, opts.concurrency ?? availableParallelism());
    this.free = Array.from({ length: this.slotCount }, (_, i) => i);
    this.maxWaiting = opts.maxWaiting ?? 8 * this.slotCount;
    // Left over from a server that stopped mid-conversion: content of files nobody needs any more.
    rmSync(opts.workDir, { recursive: true, force: true });
    mkdirSync(opts.workDir, { recursive: true, mode: 0o700 });
  }

  async convertToPdfA(bytes: Uint8Array, mediaType: string, name: string): Promise<ConversionResult> {
    const format = conversionFormat(mediaType);
    if (!format) return { ok: false, reason: 'unsupported' };
    let input: { data: Uint8Array | string; extension: string };
    if (format.app === 'image') {
      const page = imagePageDocument(bytes, format.mimeType);
      if (page === null) return this.failed(name, mediaType, 'the picture header cannot be read');
      input = { data: page, extension: 'fodt' };
    } else input = { data: bytes, extension: format.extension };
    if (this.closed) return this.failed(name, mediaType, 'the conversion service is closed');
    // A queue without end would let one user keep LibreOffice busy for hours.
    if (this.free.length === 0 && this.waiting.length >= this.maxWaiting) {
      this.opts.log.warn('conversion: queue full', { name, mediaType, waiting: this.waiting.length });
      return { ok: false, reason: 'busy' };
    }
    const slot = await this.take();
    const job = path.join(this.opts.workDir, randomUUID());
    try {
      await mkdir(job, { mode: 0o700 });
      // Never the user's file name on disk: LibreOffice only needs the extension.
      const inputPath = path.join(job, `input.${input.extension}`);
      await writeFile(inputPath, input.data);
      await ensureProfile(this.profileDir(slot));
      const outcome = await runSoffice({
        program: this.program,
        profileDir: this.profileDir(slot),
        inputPath,
        outDir: path.join(job, 'out'),
        convertTo: convertToArgument(format),
        timeoutMs: this.timeoutMs,
      });
      if (outcome.kind === 'not_installed') {
        this.opts.log.error('conversion: LibreOffice is not installed', { program: this.program });
        return { ok: false, reason: 'not_installed' };
      }
      if (outcome.kind === 'timeout') {
        // A killed LibreOffice may leave its profile half written: the next run starts a fresh one.
        await rm(this.profileDir(slot), { recursive: true, force: true });
        this.opts.log.warn('conversion: time limit reached, LibreOffice stopped', { name, mediaType, timeoutMs: this.timeoutMs });
        return { ok: false, reason: 'timeout' };
      }
      const pdf = await readFile(path.join(job, 'out', 'input.pdf')).catch(() => null);
      if (!pdf) return this.failed(name, mediaType, `no output (exit ${outcome.code}): ${outcome.stderr.trim()}`);
      if (!looksLikePdf(pdf)) return this.failed(name, mediaType, 'the output is not a PDF');
      const id = pdfaIdentification(pdf);
      if (id?.part !== 2)
        return this.failed(name, mediaType, `the output is not PDF/A-2 (${id ? `part ${id.part}` : 'no PDF/A identification'})`);
      return { ok: true, pdf: new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength) };
    } finally {
      await rm(job, { recursive: true, force: true });
      this.give(slot);
    }
  }

  /** Refuses new conversions; once those already started or queued end (it takes every slot), removes the work folder. */
  async close(): Promise<void> {
    this.closed = true;
    for (let i = 0; i < this.slotCount; i++) await this.take();
    await rm(this.opts.workDir, { recursive: true, force: true });
  }

  private profileDir(slot: number): string {
    return path.join(this.opts.workDir, `profile-${slot}`);
  }

  private failed(name: string, mediaType: string, why: string): ConversionResult {
    this.opts.log.warn('conversion: failed', { name, mediaType, why });
    return { ok: false, reason: 'failed' };
  }

  private take(): Promise<number> {
    const slot = this.free.pop();
    if (slot !== undefined) return Promise.resolve(slot);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private give(slot: number): void {
    const next = this.waiting.shift();
    if (next) next(slot);
    else this.free.push(slot);
  }
}
