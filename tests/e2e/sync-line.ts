import type { BrowserContext, WebSocketRoute } from '@playwright/test';

const PONG = JSON.stringify({ t: 'pong' });

/**
 * A context's sync socket routed through the test, so the test can cut it. The browser's offline
 * mode stops new connections but leaves an open WebSocket alone, unlike a real network loss;
 * cutting closes the open sockets and refuses new ones, while pages still load unless the
 * browser is put offline too.
 */
export class SyncLine {
  private blocked = false;
  /** Nothing passes either way and nothing closes (`blackHole`). */
  private silent = false;
  private readonly sockets: WebSocketRoute[] = [];
  /** Server messages held back while `hold` is on (the connection stays up), in order. */
  private held: { ws: WebSocketRoute; message: string | Buffer }[] | null = null;

  private constructor(private readonly context: BrowserContext) {}

  static async route(context: BrowserContext): Promise<SyncLine> {
    const line = new SyncLine(context);
    await context.routeWebSocket(/\/sync$/, (ws) => {
      if (line.blocked) {
        ws.close({ code: 1011, reason: 'test: sync unreachable' });
        return;
      }
      const server = ws.connectToServer();
      ws.onMessage((message) => {
        if (!line.silent) server.send(message);
      });
      server.onMessage((message) => {
        if (line.silent) return;
        // Heartbeat answers pass: the line is slow for replication, not dead.
        if (line.held && message !== PONG) line.held.push({ ws, message });
        else ws.send(message);
      });
      line.sockets.push(ws);
    });
    return line;
  }

  /** The connection is lost; with `offline` the browser goes offline too (no page or file loads). */
  async cut(opts: { offline?: boolean } = {}): Promise<void> {
    this.blocked = true;
    if (opts.offline) await this.context.setOffline(true);
    for (const ws of this.sockets.splice(0)) await ws.close({ code: 1011, reason: 'test: network lost' });
  }

  /**
   * The connection stays up but the server's messages wait (a slow line), all but the heartbeat's
   * pongs: the client stays online while replication brings nothing, until `release`.
   */
  hold(): void {
    this.held ??= [];
  }

  release(): void {
    const held = this.held ?? [];
    this.held = null;
    for (const { ws, message } of held) ws.send(message);
  }

  /**
   * The network goes silently (a cable pulled further up the line): open and new sync sockets
   * stay open, but nothing passes either way and no close is ever reported.
   */
  blackHole(): void {
    this.silent = true;
  }

  /** The connection returns; the browser's "online" event makes the client retry at once. */
  async restore(): Promise<void> {
    this.blocked = false;
    this.silent = false;
    await this.context.setOffline(true);
    await this.context.setOffline(false);
  }
}
