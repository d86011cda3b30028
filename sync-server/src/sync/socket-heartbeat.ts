import type { WebSocket } from 'ws';
import type { Logger } from '../logger';

/** Pongs a socket may miss in a row; at the next round it is dropped. */
export const MISSED_PONGS_LIMIT = 2;

/** How often the server pings its sync and room sockets: a dead client is dropped within about 30 s. */
export const SYNC_HEARTBEAT_MS = 10_000;

/**
 * Drops sync and room (Yjs) sockets whose client has gone silently (the network gone without a FIN or RST):
 * WebSocket pings every `intervalMs`, which every client answers by itself (browsers too), and a
 * socket that missed MISSED_PONGS_LIMIT pongs in a row is terminated, so its close handlers give
 * up what it holds (change-feed subscriptions, the user's socket places, window evaluation).
 * Any message from the client also counts as an answer.
 */
export class SocketHeartbeat {
  /** Each watched socket's user (for the log) and the pongs it has missed in a row. */
  private readonly watched = new Map<WebSocket, { userId: string; missed: number }>();
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(
    intervalMs: number,
    private readonly log: Logger,
  ) {
    this.timer = setInterval(() => this.round(), intervalMs);
    this.timer.unref();
  }

  watch(ws: WebSocket, userId: string): void {
    const state = { userId, missed: 0 };
    this.watched.set(ws, state);
    const answered = () => {
      state.missed = 0;
    };
    ws.on('pong', answered);
    ws.on('message', answered);
    ws.on('close', () => this.watched.delete(ws));
  }

  private round(): void {
    for (const [ws, state] of this.watched) {
      if (state.missed >= MISSED_PONGS_LIMIT) {
        this.log.info('heartbeat: dropped a socket that stopped answering pings', { user: state.userId, missed: state.missed });
        this.watched.delete(ws);
        ws.terminate();
        continue;
      }
      state.missed++;
      ws.ping();
    }
  }

  stop(): void {
    clearInterval(this.timer);
    this.watched.clear();
  }
}
