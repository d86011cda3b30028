/**
 * One real client replica in its own worker thread. The free RxDB allows 13 open collections
 * per JavaScript realm and a client opens ten, so every simulated user gets a realm of its own,
 * as every desktop does.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { RxCollection } from 'rxdb';
import type { CollectionName } from '../../shared/src';
import { connectClient, type TestClient } from './harness';

interface Call {
  id: number;
  method: string;
  args: unknown[];
}

const { url, username } = workerData as { url: string; username: string };
let client: TestClient;

function col(name: CollectionName): RxCollection<Record<string, unknown>> {
  return client.replica.db[name] as unknown as RxCollection<Record<string, unknown>>;
}

function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value ?? null));
}

type Doc = Record<string, unknown>;

/**
 * Resolves with the time a record matching `matches` is in the replica (already, or when written).
 * Watches the collection's change stream, cheaper than a live query: with many clients on one
 * machine, the probe's own work would delay the others.
 */
function whenInReplica(
  collection: CollectionName,
  matches: (id: string, data: Doc) => boolean,
  already: { selector: Doc },
  what: string,
  timeoutMs: number,
): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const finish = () => {
      clearTimeout(timer);
      sub.unsubscribe();
      resolve(performance.timeOrigin + performance.now());
    };
    const timer = setTimeout(() => {
      sub.unsubscribe();
      reject(new Error(`timeout waiting for ${what}`));
    }, timeoutMs);
    const sub = col(collection).$.subscribe((ev) => {
      if (matches(ev.documentId, ev.documentData as Doc)) finish();
    });
    void col(collection)
      .findOne(already as never)
      .exec()
      .then((doc) => {
        if (doc && matches(doc.primary, doc.toJSON() as Doc)) finish();
      });
  });
}

const methods: Record<string, (...args: never[]) => Promise<unknown>> = {
  async session() {
    return plain(client.replica.session);
  },
  async awaitInitialSync() {
    await client.replica.awaitInitialSync();
  },
  async insert(collection: CollectionName, doc: Record<string, unknown>) {
    await col(collection).insert(doc as never);
  },
  async patch(collection: CollectionName, id: string, patch: Record<string, unknown>) {
    const doc = await col(collection).findOne(id).exec();
    if (!doc) throw new Error(`no ${collection}/${id}`);
    await doc.incrementalPatch(patch as never);
  },
  async find(collection: CollectionName, selector: Record<string, unknown> = {}) {
    const docs = await col(collection)
      .find({ selector } as never)
      .exec();
    return docs.map((d) => d.toMutableJSON());
  },
  async findOne(collection: CollectionName, id: string) {
    const doc = await col(collection).findOne(id).exec();
    return doc ? doc.toMutableJSON() : null;
  },
  async count(collection: CollectionName) {
    return col(collection).count().exec();
  },
  async status() {
    return plain(client.replica.status.value);
  },
  async rejections() {
    return plain(client.replica.rejections.value);
  },
  async conflicts() {
    return plain(client.replica.conflicts.value);
  },
  async resolveConflict(collection: string, id: string, field: string, choice: 'mine' | 'theirs') {
    await client.replica.resolveConflict(collection, id, field, choice);
  },
  async netDown() {
    client.net.down();
  },
  async netUp() {
    client.net.restore();
    client.replica.reconnect();
  },
  async uploadFile(documentId: string, bytes: Uint8Array, name: string) {
    await client.replica.uploadFile(documentId, new Blob([bytes as Uint8Array<ArrayBuffer>]), name);
  },
  async addVersion(documentId: string, fileKey: string, bytes: Uint8Array, name: string) {
    return client.replica.addVersion(documentId, fileKey, new Blob([bytes as Uint8Array<ArrayBuffer>]), name);
  },
  async openFile(fileId: string) {
    return new Uint8Array(await (await client.replica.openFile(fileId)).arrayBuffer());
  },
  /** Resolves with the time at which the record's field became set in the replica. */
  async waitFor(collection: CollectionName, id: string, field: string, timeoutMs: number) {
    const isSet = (data: Doc) => data[field] !== undefined && data[field] !== '';
    return whenInReplica(collection, (id_, data) => id_ === id && isSet(data), { selector: { id } }, `${collection}/${id}`, timeoutMs);
  },
  /** Resolves once a record with `field === value` is in the replica. */
  async waitForWhere(collection: CollectionName, field: string, value: string, timeoutMs: number) {
    await whenInReplica(
      collection,
      (_id, data) => data[field] === value,
      { selector: { [field]: value } },
      `${collection} with ${field} = ${value}`,
      timeoutMs,
    );
  },
  async close() {
    await client.close();
  },
};

connectClient({ url }, username).then(
  (c) => {
    client = c;
    parentPort!.postMessage({ ready: true });
  },
  (err: unknown) => parentPort!.postMessage({ ready: false, error: String(err) }),
);

parentPort!.on('message', (call: Call) => {
  const fn = methods[call.method];
  if (!fn) return parentPort!.postMessage({ id: call.id, error: `unknown method ${call.method}` });
  fn(...(call.args as never[])).then(
    (result) => parentPort!.postMessage({ id: call.id, result }),
    (err: unknown) => parentPort!.postMessage({ id: call.id, error: err instanceof Error ? `${err.message}\n${err.stack}` : String(err) }),
  );
});
