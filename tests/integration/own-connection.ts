import { request } from 'node:http';

/**
 * A POST on a connection of its own, never a pooled one. Test servers run in the test's process,
 * so a pooled connection left idle while the event loop was held (building a large file, key
 * generation, pdftotext) can be closed by the server just as the request takes it (ECONNRESET),
 * and a POST is not retried.
 */
export function postOnOwnConnection(url: string, token: string, body: Uint8Array): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', agent: false, headers: { authorization: `Bearer ${token}`, 'content-length': body.byteLength } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(Buffer.from(body));
  });
}
