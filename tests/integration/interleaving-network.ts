import WebSocket from 'ws';
import type { CollectionName } from '../../shared/src';
import type { WebSocketFactory, WebSocketLike } from '../../renderer/src/lib/replica/connection';

/** How long the push's answer is held after the pull that carries the server's new state was delivered. */
const ANSWER_HELD_MS = 300;

/**
 * A real socket to the real server that forces one interleaving, the one a loaded machine gives
 * now and then: a pull of `collection` is under way while the push of `id` reaches the server, so
 * the pull's answer carries the state the server made of the pushed record (its number) and
 * arrives before the push's own answer. Pulls of the collection are held back until the server
 * has answered the push; the push's answer is held until the pull carrying `id` was delivered,
 * and a little longer (so RxDB has handled that pull before it hears of the push).
 */
export function interleavingNetwork(collection: CollectionName, id: string): { WebSocketImpl: WebSocketFactory; forced: () => boolean } {
  let forced = false;
  const WebSocketImpl = function (url: string, protocols: string[]) {
    const ws = new WebSocket(url, protocols);
    const heldPulls: string[] = [];
    let pushRid: number | null = null;
    let pushAnswer: string | null = null;
    let pullRids = new Set<number>();
    const shim: WebSocketLike = {
      get readyState() {
        return ws.readyState;
      },
      send(data: string) {
        const msg = JSON.parse(data) as { t?: string; rid?: number; collection?: string; rows?: { newDocumentState: { id: string } }[] };
        if (!forced && msg.collection === collection) {
          if (msg.t === 'push' && msg.rows?.some((r) => r.newDocumentState.id === id)) pushRid = msg.rid!;
          if (msg.t === 'pull') {
            pullRids.add(msg.rid!);
            if (pushAnswer === null) return void heldPulls.push(data);
          }
        }
        ws.send(data);
      },
      close: (code?: number, reason?: string) => ws.close(code, reason),
      onopen: null,
      onclose: null,
      onerror: null,
      onmessage: null,
    };
    const deliver = (data: string) => shim.onmessage?.({ data });
    ws.on('open', (ev: unknown) => shim.onopen?.(ev));
    ws.on('close', (code: number) => shim.onclose?.({ code }));
    ws.on('error', (ev: unknown) => shim.onerror?.(ev));
    ws.on('message', (raw: WebSocket.RawData) => {
      const data = String(raw);
      if (forced) return deliver(data);
      const msg = JSON.parse(data) as { t?: string; rid?: number; documents?: { id: string }[] };
      if (msg.t === 'push' && msg.rid === pushRid) {
        // The server took the push: now the held pulls go, and its answer waits for theirs.
        pushAnswer = data;
        for (const pull of heldPulls.splice(0)) ws.send(pull);
        return;
      }
      deliver(data);
      if (msg.t === 'pull' && pullRids.has(msg.rid!) && pushAnswer !== null && msg.documents?.some((d) => d.id === id)) {
        forced = true;
        pullRids = new Set();
        const answer = pushAnswer;
        setTimeout(() => deliver(answer), ANSWER_HELD_MS);
      }
    });
    return shim;
  } as unknown as WebSocketFactory;
  return { WebSocketImpl, forced: () => forced };
}
