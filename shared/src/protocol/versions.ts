import { COLLECTION_NAMES, type CollectionName } from '../collections';
import { collectionVersion, servableTo } from '../migrations/record-migrations';

/**
 * Versions stated when the sync socket opens. The client offers its protocol as the subprotocol
 * `diarium-sync.v<N>` (the server answers with it) and its record shapes per collection as a
 * second one, `schema.<collection>-<version>.…`, next to `auth.<token>`: the server knows both
 * at the upgrade, before it sends a byte, with no message ordering to get wrong, and a client
 * of protocol 1 (which offered `diarium-sync.v1` and nothing else) is recognised as such.
 *
 * Policy: the server speaks PROTOCOL_VERSION and serves the one before it for a transition
 * period; records go out in the current shape only, so a client whose stated shape of any
 * collection is older (or newer) than the server's is refused with a close code, never served.
 * Protocol 1 clients state no shapes: they hold the shapes of version 0 throughout.
 */
export const PROTOCOL_VERSION = 3;
/** The oldest protocol still served (the transition period): the previous one. */
export const MIN_PROTOCOL_VERSION = PROTOCOL_VERSION - 1;
/** From this protocol on a replica holds its user's working set (issue 15); older ones get the full replica. */
export const WINDOWED_PROTOCOL = 3;

const SUBPROTOCOL_PREFIX = 'diarium-sync.v';
const SCHEMA_PREFIX = 'schema.';

/** The WebSocket subprotocol of a protocol version. */
export const syncSubprotocol = (version: number): string => `${SUBPROTOCOL_PREFIX}${version}`;

/** Protocol 1: clients that state no versions. */
export const SYNC_SUBPROTOCOL = syncSubprotocol(1);

/** The record shape (schema version) of each collection a client holds. */
export type SchemaVersions = Partial<Record<CollectionName, number>>;

/** This code's shapes: the number of record migration steps per collection. */
export function currentSchemaVersions(): Record<CollectionName, number> {
  return Object.fromEntries(COLLECTION_NAMES.map((c) => [c, collectionVersion(c)])) as Record<CollectionName, number>;
}

/** `schema.registers-0.classes-0.…`: characters allowed in a subprotocol token. */
export function schemaSubprotocol(versions: Record<string, number>): string {
  return (
    SCHEMA_PREFIX +
    Object.entries(versions)
      .map(([c, v]) => `${c}-${v}`)
      .join('.')
  );
}

export interface ClientVersions {
  protocol: number;
  /** Collection name → shape; names unknown to this code are kept (a newer client). */
  schema: Record<string, number>;
}

const PROTOCOL_1_SCHEMA: Record<string, number> = Object.fromEntries(COLLECTION_NAMES.map((c) => [c, 0]));

/**
 * The versions a client offered as subprotocols, or null when it is no sync client or states
 * them wrongly (the upgrade is refused like a missing subprotocol).
 */
export function clientVersionsFrom(protocols: readonly string[]): ClientVersions | null {
  const stated = protocols.filter((p) => p.startsWith(SUBPROTOCOL_PREFIX)).map((p) => p.slice(SUBPROTOCOL_PREFIX.length));
  // Canonical numbers only: the server answers `diarium-sync.v<N>`, which must be what was offered.
  if (stated.length !== 1 || !/^(0|[1-9]\d{0,3})$/.test(stated[0]!)) return null;
  const protocol = Number(stated[0]);
  const schemas = protocols.filter((p) => p.startsWith(SCHEMA_PREFIX));
  if (protocol <= 1) return schemas.length === 0 ? { protocol, schema: PROTOCOL_1_SCHEMA } : null;
  if (schemas.length !== 1) return null;
  const schema: Record<string, number> = {};
  for (const pair of schemas[0]!.slice(SCHEMA_PREFIX.length).split('.')) {
    const m = /^([a-z]{1,32})-(0|[1-9]\d{0,3})$/.exec(pair);
    if (!m || Object.hasOwn(schema, m[1]!)) return null;
    schema[m[1]!] = Number(m[2]);
  }
  return { protocol, schema };
}

export type VersionVerdict = 'ok' | 'client_too_old' | 'client_too_new';

/** Close codes of the sync socket for a client the server does not serve. */
export const VERSION_CLOSE_CODES = { client_too_old: 4426, client_too_new: 4427 } as const;

/**
 * Whether a server with `server` shapes serves this client. A collection the client does not
 * name is one it does not replicate (it predates it): no records of it reach the client.
 */
const currentShapes = currentSchemaVersions();

export function versionVerdict(client: ClientVersions, server: Record<string, number> = currentShapes): VersionVerdict {
  if (client.protocol < MIN_PROTOCOL_VERSION) return 'client_too_old';
  if (client.protocol > PROTOCOL_VERSION) return 'client_too_new';
  for (const [collection, version] of Object.entries(client.schema)) {
    const current = server[collection];
    if (current === undefined || version > current) return 'client_too_new';
    // An older shape is served while every step since has an inverse (the transition period).
    if (version < current && (server !== currentShapes || !servableTo(collection as CollectionName, version))) return 'client_too_old';
  }
  return 'ok';
}
