// The layer rules of eslint.config.js, shown failing: each snippet is linted as if it were a file
// in that folder (the files need not exist), and must give exactly the expected rule errors.
import { ESLint } from 'eslint';
import { describe, expect, test } from 'vitest';

const eslint = new ESLint();

/** The rule ids of the errors a snippet gets at that path, each with the name or module it is about. */
async function errors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => `${m.ruleId ?? 'parse'}: ${/'([^']+)'/.exec(m.message)?.[1] ?? m.message}`);
}

describe('shared/ is pure', () => {
  test('a Node built-in, an I/O package or another top-level folder cannot be imported', async () => {
    expect(await errors('shared/src/rules/probe.ts', "import { readFile } from 'node:fs/promises';\nexport const r = readFile;\n")).toEqual(['no-restricted-imports: node:fs/promises']);
    expect(await errors('shared/src/rules/probe.ts', "import { createHash } from 'crypto';\nexport const h = createHash;\n")).toEqual(['no-restricted-imports: crypto']);
    expect(await errors('shared/src/rules/probe.ts', "import Database from 'better-sqlite3';\nexport const d = Database;\n")).toEqual(['no-restricted-imports: better-sqlite3']);
    expect(await errors('shared/src/rules/probe.ts', "import { buildDocument } from '../../../renderer/src/lib/records';\nexport const b = buildDocument;\n")).toEqual(['no-restricted-imports: ../../../renderer/src/lib/records']);
    expect(await errors('shared/src/rules/probe.ts', "import { DevTestKeys } from '../../../sync-server/src/dev-signing/test-key';\nexport const k = DevTestKeys;\n")).toEqual(['no-restricted-imports: ../../../sync-server/src/dev-signing/test-key']);
  });

  test('a DOM or Node global is undefined there', async () => {
    expect(await errors('shared/src/rules/probe.ts', "export const b = Buffer.from('x');\n")).toEqual(['no-undef: Buffer']);
    expect(await errors('shared/src/rules/probe.ts', 'export const e = process.env.HOME;\n')).toEqual(['no-undef: process']);
    expect(await errors('shared/src/rules/probe.ts', 'export const t = document.title + window.name;\n')).toEqual(['no-undef: document', 'no-undef: window']);
    expect(await errors('shared/src/rules/probe.ts', 'export const d = new TextDecoder();\n')).toEqual(['no-undef: TextDecoder']);
  });

  test('plain ECMAScript and its own folder are fine', async () => {
    expect(await errors('shared/src/rules/probe.ts', "import { z } from 'zod';\nimport { Case } from '../model/case';\nexport const x = [new Uint8Array(2), new Map(), Case, z, Intl.DateTimeFormat, Promise.resolve(1)];\n")).toEqual([]);
  });
});

describe('no folder imports another one\'s internals', () => {
  test('the server: nothing of electron/ (the old signing exception is gone), nor the renderer', async () => {
    expect(await errors('sync-server/src/http/probe.ts', "import { SigningSession } from '../../../electron/signing/signing-session';\nexport const s = SigningSession;\n")).toEqual(['no-restricted-imports: ../../../electron/signing/signing-session']);
    expect(await errors('sync-server/src/http/probe.ts', "import { viewOf } from '../../../renderer/src/lib/replica/sealed';\nexport const v = viewOf;\n")).toEqual(['no-restricted-imports: ../../../renderer/src/lib/replica/sealed']);
    expect(await errors('sync-server/src/http/probe.ts', "import { signPdf } from '../../../shared/src/signing';\nexport const s = signPdf;\n")).toEqual([]);
  });

  test('the engines only through their index', async () => {
    expect(await errors('sync-server/src/http/probe.ts', "import { signPdf } from '../../../shared/src/signing/sign-pdf';\nexport const s = signPdf;\n")).toEqual(['no-restricted-imports: ../../../shared/src/signing/sign-pdf']);
    expect(await errors('renderer/src/lib/probe.ts', "import { redactPdf } from '../../../shared/src/redaction/redact-pdf';\nexport const r = redactPdf;\n")).toEqual(['no-restricted-imports: ../../../shared/src/redaction/redact-pdf']);
    expect(await errors('renderer/src/lib/probe.ts', "import { redactPdf } from '../../../shared/src/redaction';\nexport const r = redactPdf;\n")).toEqual([]);
  });

  test('the renderer: no server, no desktop shell, no scripts, no Node', async () => {
    expect(await errors('renderer/src/lib/probe.ts', "import { SqliteStorage } from '../../../sync-server/src/storage/sqlite.adapter';\nexport const s = SqliteStorage;\n")).toEqual(['no-restricted-imports: ../../../sync-server/src/storage/sqlite.adapter']);
    expect(await errors('renderer/src/lib/probe.ts', "import { CHANNELS } from '../../../electron/common/ipc';\nexport const c = CHANNELS;\n")).toEqual(['no-restricted-imports: ../../../electron/common/ipc']);
    expect(await errors('renderer/src/lib/probe.ts', "import { nodeRedactionPlatform } from '../../../scripts/lib/node-redaction-platform';\nexport const p = nodeRedactionPlatform;\n")).toEqual(['no-restricted-imports: ../../../scripts/lib/node-redaction-platform']);
    expect(await errors('renderer/src/lib/probe.ts', "export const b = Buffer.from('x');\nexport const t = document.title;\n")).toEqual(['no-undef: Buffer']);
  });

  test('electron/ and scripts/: no renderer code; the server and Node have their own globals', async () => {
    expect(await errors('electron/main/probe.ts', "import { router } from '../../renderer/src/lib/router.svelte';\nexport const r = router;\n")).toEqual(['no-restricted-imports: ../../renderer/src/lib/router.svelte']);
    expect(await errors('scripts/probe.ts', "import { browserRedactionPlatform } from '../renderer/src/lib/redaction/browser-platform';\nexport const p = browserRedactionPlatform;\n")).toEqual(['no-restricted-imports: ../renderer/src/lib/redaction/browser-platform']);
    expect(await errors('sync-server/src/probe.ts', "export const b = Buffer.from('x');\nexport const t = document.title;\n")).toEqual(['no-undef: document']);
  });
});
