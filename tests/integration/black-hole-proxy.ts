import { createConnection, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy in front of a server that a test can turn into a black hole: bytes in either
 * direction are dropped without a FIN or RST, as when a network silently goes away (a pulled
 * cable upstream, a NAT forgetting the flow). Connections made meanwhile are accepted and
 * dropped alike. `resume` forwards again.
 */
export class BlackHoleProxy {
  private silent = false;
  private readonly sockets = new Set<Socket>();
  /** Connections accepted so far: a reconnect shows as one more. */
  accepted = 0;

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(targetPort: number): Promise<BlackHoleProxy> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const proxy = new BlackHoleProxy(server, `http://127.0.0.1:${port}`);
    server.on('connection', (client: Socket) => proxy.accept(client, targetPort));
    return proxy;
  }

  private accept(client: Socket, targetPort: number): void {
    this.accepted++;
    const upstream = createConnection({ host: '127.0.0.1', port: targetPort });
    for (const s of [client, upstream]) {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
      s.on('error', () => undefined);
    }
    const forward = (from: Socket, to: Socket) => {
      from.on('data', (chunk: Buffer) => {
        if (!this.silent) to.write(chunk);
      });
      from.on('end', () => {
        if (!this.silent) to.end();
      });
    };
    forward(client, upstream);
    forward(upstream, client);
  }

  blackHole(): void {
    this.silent = true;
  }

  resume(): void {
    this.silent = false;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
