/**
 * The floor under the public list's figures: a bare node:http server in its own process that
 * answers every request at once with the same bytes (a page of the size /postlista sent, and its
 * headers), reading nothing. What 200 readers measure against it is what loopback HTTP, the
 * readers themselves and the machine's other work cost now; /postlista cannot do better.
 * Started by tests/bench/postlista.ts with the body size; reports `{ port }`.
 */
import http from 'node:http';
import { report } from './proc';

const bytes = Number(process.argv[2]);
if (!Number.isInteger(bytes) || bytes < 1) throw new RangeError(`body size in bytes expected, got ${process.argv[2]}`);
const body = Buffer.alloc(bytes, 'a');
const server = http.createServer((req, res) => {
  req.resume();
  res.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': body.length,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  });
  res.end(body);
});

report(
  () =>
    new Promise<{ port: number }>((resolve) =>
      server.listen(0, '127.0.0.1', () => resolve({ port: (server.address() as { port: number }).port })),
    ),
  { exit: false },
);
