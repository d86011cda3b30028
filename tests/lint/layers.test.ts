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
    expect(await errors('shared/src/rules/probe.ts', "import { readFile } from 'node:fs/promises';\nexport const r = readFile;\n")).toEqual(
      ['no-restricted-imports: node:fs/promises'],
    );
    expect(await errors('shared/src/rules/probe.ts', "import { createHash } from 'crypto';\nexport const h = createHash;\n")).toEqual([
      'no-restricted-imports: crypto',
    ]);
    expect(await errors('shared/src/rules/probe.ts', "import Database from 'better-sqlite3';\nexport const d = Database;\n")).toEqual([
      'no-restricted-imports: better-sqlite3',
    ]);
    expect(
      await errors(
        'shared/src/rules/probe.ts',
        "import { buildDocument } from '../../../renderer/src/lib/records';\nexport const b = buildDocument;\n",
      ),
    ).toEqual(['no-restricted-imports: ../../../renderer/src/lib/records']);
    expect(
      await errors(
        'shared/src/rules/probe.ts',
        "import { DevTestKeys } from '../../../sync-server/src/dev-signing/test-key';\nexport const k = DevTestKeys;\n",
      ),
    ).toEqual(['no-restricted-imports: ../../../sync-server/src/dev-signing/test-key']);
  });

  test('a DOM or Node global is undefined there', async () => {
    expect(await errors('shared/src/rules/probe.ts', "export const b = Buffer.from('x');\n")).toEqual(['no-undef: Buffer']);
    expect(await errors('shared/src/rules/probe.ts', 'export const e = process.env.HOME;\n')).toEqual(['no-undef: process']);
    expect(await errors('shared/src/rules/probe.ts', 'export const t = document.title + window.name;\n')).toEqual([
      'no-undef: document',
      'no-undef: window',
    ]);
    expect(await errors('shared/src/rules/probe.ts', 'export const d = new TextDecoder();\n')).toEqual(['no-undef: TextDecoder']);
  });

  test('plain ECMAScript and its own folder are fine', async () => {
    expect(
      await errors(
        'shared/src/rules/probe.ts',
        "import { z } from 'zod';\nimport { Case } from '../model/case';\nexport const x = [new Uint8Array(2), new Map(), Case, z, Intl.DateTimeFormat, Promise.resolve(1)];\n",
      ),
    ).toEqual([]);
  });
});

describe("no folder imports another one's internals", () => {
  test('the server: nothing of electron/ (the old signing exception is gone), nor the renderer', async () => {
    expect(
      await errors(
        'sync-server/src/http/probe.ts',
        "import { SigningSession } from '../../../electron/signing/signing-session';\nexport const s = SigningSession;\n",
      ),
    ).toEqual(['no-restricted-imports: ../../../electron/signing/signing-session']);
    expect(
      await errors(
        'sync-server/src/http/probe.ts',
        "import { viewOf } from '../../../renderer/src/lib/replica/sealed';\nexport const v = viewOf;\n",
      ),
    ).toEqual(['no-restricted-imports: ../../../renderer/src/lib/replica/sealed']);
    expect(
      await errors('sync-server/src/http/probe.ts', "import { signPdf } from '../../../shared/src/signing';\nexport const s = signPdf;\n"),
    ).toEqual([]);
  });

  test('the engines only through their index', async () => {
    expect(
      await errors(
        'sync-server/src/http/probe.ts',
        "import { signPdf } from '../../../shared/src/signing/sign-pdf';\nexport const s = signPdf;\n",
      ),
    ).toEqual(['no-restricted-imports: ../../../shared/src/signing/sign-pdf']);
    expect(
      await errors(
        'renderer/src/lib/probe.ts',
        "import { redactPdf } from '../../../shared/src/redaction/redact-pdf';\nexport const r = redactPdf;\n",
      ),
    ).toEqual(['no-restricted-imports: ../../../shared/src/redaction/redact-pdf']);
    expect(
      await errors(
        'renderer/src/lib/probe.ts',
        "import { redactPdf } from '../../../shared/src/redaction';\nexport const r = redactPdf;\n",
      ),
    ).toEqual([]);
    expect(
      await errors(
        'renderer/src/lib/probe.ts',
        "import { renderNotice } from '../../../shared/src/meetings-pdf/notice';\nexport const r = renderNotice;\n",
      ),
    ).toEqual(['no-restricted-imports: ../../../shared/src/meetings-pdf/notice']);
    expect(
      await errors(
        'renderer/src/lib/probe.ts',
        "import { createPdfA } from '../../../shared/src/pdfa/pdfa-document';\nexport const c = createPdfA;\n",
      ),
    ).toEqual(['no-restricted-imports: ../../../shared/src/pdfa/pdfa-document']);
    expect(
      await errors(
        'renderer/src/lib/probe.ts',
        "import { renderNotice } from '../../../shared/src/meetings-pdf';\nexport const r = renderNotice;\n",
      ),
    ).toEqual([]);
    expect(
      await errors(
        'renderer/src/lib/probe.ts',
        "import { parseQuery } from '../../../shared/src/search/parse';\nexport const p = parseQuery;\n",
      ),
    ).toEqual(['no-restricted-imports: ../../../shared/src/search/parse']);
    expect(
      await errors(
        'sync-server/src/http/probe.ts',
        "import { parseQuery } from '../../../shared/src/search';\nexport const p = parseQuery;\n",
      ),
    ).toEqual([]);
  });

  test('the renderer: no server, no desktop shell, no scripts, no Node', async () => {
    expect(
      await errors(
        'renderer/src/lib/probe.ts',
        "import { SqliteStorage } from '../../../sync-server/src/storage/sqlite.adapter';\nexport const s = SqliteStorage;\n",
      ),
    ).toEqual(['no-restricted-imports: ../../../sync-server/src/storage/sqlite.adapter']);
    expect(
      await errors('renderer/src/lib/probe.ts', "import { CHANNELS } from '../../../electron/common/ipc';\nexport const c = CHANNELS;\n"),
    ).toEqual(['no-restricted-imports: ../../../electron/common/ipc']);
    expect(
      await errors(
        'renderer/src/lib/probe.ts',
        "import { nodeRedactionPlatform } from '../../../scripts/lib/node-redaction-platform';\nexport const p = nodeRedactionPlatform;\n",
      ),
    ).toEqual(['no-restricted-imports: ../../../scripts/lib/node-redaction-platform']);
    expect(await errors('renderer/src/lib/probe.ts', "export const b = Buffer.from('x');\nexport const t = document.title;\n")).toEqual([
      'no-undef: Buffer',
    ]);
  });

  test('electron/ and scripts/: no renderer code; the server and Node have their own globals', async () => {
    expect(
      await errors('electron/main/probe.ts', "import { router } from '../../renderer/src/lib/router.svelte';\nexport const r = router;\n"),
    ).toEqual(['no-restricted-imports: ../../renderer/src/lib/router.svelte']);
    expect(
      await errors(
        'scripts/probe.ts',
        "import { browserRedactionPlatform } from '../renderer/src/lib/redaction/browser-platform';\nexport const p = browserRedactionPlatform;\n",
      ),
    ).toEqual(['no-restricted-imports: ../renderer/src/lib/redaction/browser-platform']);
    expect(await errors('sync-server/src/probe.ts', "export const b = Buffer.from('x');\nexport const t = document.title;\n")).toEqual([
      'no-undef: document',
    ]);
  });
});

describe('views write only through commands', () => {
  const WRITE = 'no-restricted-syntax: Views do not write to the replica: call a command from renderer/src/lib/commands.';

  test("a component that inserts, patches or uploads itself is refused, each write and the patch helper's import", async () => {
    const component = [
      '<script lang="ts">',
      "  import { getApp } from '../lib/app-state.svelte';",
      "  import { patchRecord } from '../lib/replica/sealing';",
      "  import type { Case } from '../../../shared/src';",
      '  const app = getApp();',
      '  async function save(record: Case, file: File): Promise<void> {',
      '    await app.replica.db.cases.insert(record);',
      '    const doc = await app.replica.db.cases.findOne(record.id).exec();',
      "    if (doc) await patchRecord(doc, { title: 'Ny titel' });",
      "    await doc?.incrementalPatch({ status: 'closed' });",
      '    await app.replica.uploadFile(record.id, file, file.name);',
      '  }',
      '</script>',
      '',
      '<button onclick={() => save({} as Case, new File([], "a.pdf"))}>Spara</button>',
      '',
    ].join('\n');
    expect(await errors('renderer/src/components/Probe.svelte', component)).toEqual([WRITE, WRITE, WRITE, WRITE, WRITE]);
  });

  test('so is view state in a .svelte.ts file', async () => {
    const state =
      "import type { DiariumDatabase } from './replica/database';\nexport class Probe {\n  constructor(private db: DiariumDatabase) {}\n  drop(id: string) {\n    return this.db.documents.findOne(id).remove();\n  }\n}\n";
    expect(await errors('renderer/src/lib/probe.svelte.ts', state)).toEqual([WRITE]);
  });

  test('a component calling a command, and the command itself, are fine', async () => {
    const component = [
      '<script lang="ts">',
      "  import { getApp } from '../lib/app-state.svelte';",
      "  import { setCaseStatus } from '../lib/commands';",
      '  const app = getApp();',
      "  const close = (id: string) => setCaseStatus(app.replica, id, 'closed');",
      '</script>',
      '',
      "<button onclick={() => close('k1')}>Avsluta</button>",
      '',
    ].join('\n');
    expect(await errors('renderer/src/components/Probe.svelte', component)).toEqual([]);
    const command =
      "import { patchRecord } from '../replica/sealing';\nimport type { RecordWriter } from './types';\nexport async function close(replica: RecordWriter, id: string) {\n  const doc = await replica.db.cases.findOne(id).exec();\n  if (doc) await patchRecord(doc, { status: 'closed' });\n}\n";
    expect(await errors('renderer/src/lib/commands/probe.ts', command)).toEqual([]);
  });
});
