import type { BrowserContext, WebSocketRoute } from '@playwright/test';

/**
 * A context's sync socket routed through the test, so the test can cut it. The browser's offline
 * mode stops new connections but leaves an open WebSocket alone, unlike a real network loss;
 * cutting closes the open sockets and refuses new ones, while pages still load unless the
 * browser is put offline too.
 */
export class SyncLine {
  private blocked = false;
  private readonly sockets: WebSocketRoute[] = [];

  private constructor(private readonly context: BrowserContext) {}

  static async route(context: BrowserContext): Promise<SyncLine> {
    const line = new SyncLine(context);
    await context.routeWebSocket(/\/sync$/, (ws) => {
      if (line.blocked) {
        ws.close({ code: 1011, reason: 'test: sync unreachable' });
        return;
      }
      ws.connectToServer();
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

  /** The connection returns; the browser's "online" event makes the client retry at once. */
  async restore(): Promise<void> {
    this.blocked = false;
    await this.context.setOffline(true);
    await this.context.setOffline(false);
  }
}
