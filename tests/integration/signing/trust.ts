import { readFileSync } from 'node:fs';
import { API } from '../../../shared/src';
import { RawClient } from '../harness';

/** Puts a CA certificate (PEM file) on the server's trust list, as an administrator does. */
export async function trustCa(server: { url: string }, caPemPath: string): Promise<void> {
  const admin = await RawClient.token(server.url, 'admin');
  const res = await fetch(`${server.url}${API.trustedCas}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ certificate: readFileSync(caPemPath, 'utf8') }),
  });
  if (res.status !== 201 && res.status !== 409) throw new Error(`could not trust ${caPemPath}: ${res.status} ${await res.text()}`);
}
