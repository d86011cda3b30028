/**
 * Child process: the server side of RxDB's stock websocket replication. It pulls what the user
 * may read from the real sync server (so both runs deliver the same records), fills an RxDB
 * memory database with them, then serves it with `startWebsocketServer` until it is stopped.
 * Arguments: sync server URL, username, password. Reports the websocket URL and record count.
 */
import type { AddressInfo } from 'node:net';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { startWebsocketServer } from 'rxdb/plugins/replication-websocket';
import WebSocket from 'ws';
import { COLLECTION_NAMES } from '../../shared/src';
import { login } from '../../renderer/src/lib/replica';
import type { WebSocketFactory } from '../../renderer/src/lib/replica/connection';
import { bulkInsertAll, createBenchDatabase } from './bench-db';
import { report } from './proc';
import { pullAll } from './pull-all';

export interface StockServerReady {
  url: string;
  records: number;
}

const FILL_CHUNK = 5000;

report(
  async (): Promise<StockServerReady> => {
    const [url, username, password] = process.argv.slice(2) as [string, string, string];
    const session = await login(url, username, password);
    const db = await createBenchDatabase('stock-server', getRxStorageMemory() as never);
    const records = await bulkInsertAll(
      db,
      await pullAll(session, COLLECTION_NAMES, WebSocket as unknown as WebSocketFactory, fetch),
      FILL_CHUNK,
    );
    const state = startWebsocketServer({ database: db, host: '127.0.0.1', port: 0 });
    await new Promise((resolve) => state.server.once('listening', resolve));
    return { url: `ws://127.0.0.1:${(state.server.address() as AddressInfo).port}`, records };
  },
  { exit: false },
);
