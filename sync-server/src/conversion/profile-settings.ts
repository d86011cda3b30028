import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * LibreOffice settings every conversion profile starts with. Uploaded documents are untrusted:
 * without `BlockUntrustedRefererLinks` LibreOffice fetches a linked picture while converting —
 * from any URL the server can reach (a request forgery into the municipality's network) or from
 * the server's own disk (`file:///…`, which then ends up in the PDF). Macros never run.
 */
const SETTINGS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="BlockUntrustedRefererLinks" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="DisableMacrosExecution" oor:op="fuse"><value>true</value></prop></item>
</oor:items>
`;

/** Creates the profile folder with the settings unless it exists (LibreOffice fills in the rest on its first start). */
export async function ensureProfile(profileDir: string): Promise<void> {
  if (existsSync(profileDir)) return;
  await mkdir(path.join(profileDir, 'user'), { recursive: true, mode: 0o700 });
  await writeFile(path.join(profileDir, 'user', 'registrymodifications.xcu'), SETTINGS);
}
