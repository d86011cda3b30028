/**
 * Finds a half-open sync socket (the network silently gone: no FIN, no RST, so the browser never
 * reports a close). A browser cannot send WebSocket pings, so the client pings in the protocol
 * and counts any message from the server as a sign of life: silence for `deadlineMs` means the
 * socket is dead. The deadline also covers the opening handshake, which a dead network leaves
 * hanging just as long.
 */
export interface HeartbeatOptions {
  /** How often to ping once the server has said it answers. */
  readonly intervalMs: number;
  /** Silence after which the socket counts as dead; more than the interval, so one pong may be late. */
  readonly deadlineMs: number;
}

/** A silent network is found within 20 s, well inside the 30 s the register's users were promised. */
export const HEARTBEAT_DEFAULTS: HeartbeatOptions = { intervalMs: 10_000, deadlineMs: 20_000 };

export interface HeartbeatHooks {
  ping(): void;
  /** Called once, when the deadline passes in silence; the heartbeat has stopped by then. */
  dead(): void;
}

export class Heartbeat {
  private deadline: ReturnType<typeof setTimeout> | null = null;
  private pinger: ReturnType<typeof setInterval> | null = null;
  private watching = false;

  constructor(
    private readonly options: HeartbeatOptions,
    private readonly hooks: HeartbeatHooks,
  ) {
    if (!(options.intervalMs > 0 && options.deadlineMs > options.intervalMs))
      throw new Error(`heartbeat: the deadline (${options.deadlineMs} ms) must exceed the interval (${options.intervalMs} ms) > 0`);
  }

  /** Starts watching for silence (when a socket starts to connect). */
  watch(): void {
    this.stop();
    this.watching = true;
    this.heard();
  }

  /** The server answers pings: send them. */
  startPinging(): void {
    if (this.pinger || !this.watching) return;
    this.pinger = setInterval(() => this.hooks.ping(), this.options.intervalMs);
  }

  /** Anything from the server (the socket opening, any message): the deadline starts again. */
  heard(): void {
    if (!this.watching) return;
    if (this.deadline) clearTimeout(this.deadline);
    this.deadline = setTimeout(() => {
      this.stop();
      this.hooks.dead();
    }, this.options.deadlineMs);
  }

  /** No more watching: the socket closed, or the server cannot be asked (an older one without pongs). */
  stop(): void {
    this.watching = false;
    if (this.deadline) clearTimeout(this.deadline);
    if (this.pinger) clearInterval(this.pinger);
    this.deadline = null;
    this.pinger = null;
  }
}
