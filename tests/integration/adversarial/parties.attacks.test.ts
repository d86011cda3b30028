import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  currentSchemaVersions,
  schemaSubprotocol,
  syncSubprotocol,
  type Document,
  type Party,
  type PushResponse,
} from '../../../shared/src';
import { openProcess, type Process } from '../fixtures';
import { startTestServer, type TestServer } from '../harness';
import { Attacker, accepted, edit, expectNoSecret, newCase, newDocument, rawLister } from './attacks';

/*
 * Parties (the address book) as a lying or merely curious client sees them: a party named as a
 * shielded sender, or in a restricted case, inherits that protection; a party with protected
 * personal data keeps its identity from everyone without content access to a record naming it.
 */

const RUN = randomUUID().slice(0, 6);
const SECRET = {
  name: `SECRET-PARTY-NAME-${RUN}`,
  idNumber: `19800101-${RUN.slice(0, 4)}`,
  address: `SECRET-ADDRESS-${RUN}`,
  phone: `SECRET-PHONE-${RUN}`,
  email: `secret-${RUN}@example.se`,
};
const PROTECTED = {
  idNumber: `19900202-${RUN.slice(0, 4)}`,
  address: `PROTECTED-ADDRESS-${RUN}`,
  phone: `PROTECTED-PHONE-${RUN}`,
  email: `protected-${RUN}@example.se`,
};
const OFFICER = 'usr-handlaggare';
const REGISTRAR = 'usr-registrator';

let server: TestServer;
let registrar: Attacker;
let process_: Process;
let shieldedParty: Party;
let protectedParty: Party;
let doc: Document;

function party(id: string, o: Partial<Party>): Party {
  return {
    id,
    registerId: 'reg-ks',
    syncVersion: 0,
    updatedAt: '',
    kind: 'person',
    name: 'Namn',
    idNumber: '',
    email: '',
    phone: '',
    postalAddress: '',
    postalCode: '',
    city: '',
    protectedIdentity: false,
    withheld: [],
    ...o,
  };
}

beforeAll(async () => {
  server = await startTestServer();
  registrar = await Attacker.as(server.url, 'registrator');
  process_ = await openProcess(rawLister(registrar));
  shieldedParty = await accepted<Party>(
    server,
    registrar,
    'parties',
    party(`p-s-${RUN}`, {
      name: SECRET.name,
      idNumber: SECRET.idNumber,
      postalAddress: SECRET.address,
      phone: SECRET.phone,
      email: SECRET.email,
    }),
  );
  protectedParty = await accepted<Party>(
    server,
    registrar,
    'parties',
    party(`p-p-${RUN}`, {
      name: 'Eva Skyddad',
      idNumber: PROTECTED.idNumber,
      postalAddress: PROTECTED.address,
      phone: PROTECTED.phone,
      email: PROTECTED.email,
      protectedIdentity: true,
    }),
  );
  const c = newCase(process_, REGISTRAR, { responsibleUserId: OFFICER, title: 'Ärende med parter' });
  await accepted(server, registrar, 'cases', c);
  doc = await accepted<Document>(
    server,
    registrar,
    'documents',
    newDocument(process_, REGISTRAR, c.id, { responsibleUserId: OFFICER, sender: 'Avsändaren', senderPartyId: shieldedParty.id }),
  );
  await accepted(
    server,
    registrar,
    'documents',
    newDocument(process_, REGISTRAR, c.id, { responsibleUserId: OFFICER, sender: 'Eva Skyddad', senderPartyId: protectedParty.id }),
  );
});

afterAll(async () => {
  registrar?.close();
  await server?.stop();
});

const partyIn = (records: Record<string, unknown>[], id: string) => records.find((r) => r.id === id) as Party | undefined;

describe('a party behind a shielded sender', () => {
  it('reaches a reader whole while the sender is open, then only as its kind once shielded (re-sent from the checkpoint)', async () => {
    const reader = await Attacker.as(server.url, 'lasare');
    try {
      const first = await reader.pullToEnd('parties');
      expect(partyIn(first.records, shieldedParty.id)?.name).toBe(SECRET.name);
      const res = await edit(server, registrar, 'documents', doc.id, {
        shields: [
          { field: 'sender', kind: 'privacy', legalGround: 'OSL 26 kap. 1 §' },
          { field: 'senderPartyId', kind: 'privacy', legalGround: 'OSL 26 kap. 1 §' },
        ],
      });
      expect(res.rejected).toEqual([]);
      const frames = reader.frames.length;
      const next = await reader.pullAll('parties', first.checkpoint);
      const again = partyIn(next, shieldedParty.id)!;
      expect(again).toMatchObject({
        kind: 'person',
        name: '',
        idNumber: '',
        withheld: ['city', 'email', 'idNumber', 'name', 'phone', 'postalAddress', 'postalCode'],
      });
      expectNoSecret(reader.frames.slice(frames), Object.values(SECRET));
    } finally {
      reader.close();
    }
  });

  it('is withheld from every user without a second factor, from the first pull on', async () => {
    for (const username of ['lasare', 'registrator2', 'kvalitet', 'arkivarie', 'admin', 'politiker', 'mote']) {
      const user = await Attacker.as(server.url, username);
      try {
        await user.pullEverything();
        expectNoSecret(user.frames, Object.values(SECRET));
      } finally {
        user.close();
      }
    }
  });

  it('cannot be rewritten by someone who cannot read it', async () => {
    const registrar2 = await Attacker.as(server.url, 'registrator2');
    try {
      const res = await edit(server, registrar2, 'parties', shieldedParty.id, { name: 'Övertagen' });
      expect(res.rejected[0]?.code).toBe('restricted');
      expect((await server.storage.getRecord('parties', shieldedParty.id))!.data.name).toBe(SECRET.name);
    } finally {
      registrar2.close();
    }
  });
});

describe('a changed link re-sends only the parties whose projection it changes', () => {
  it('a party newly named behind a shielded sender is re-sent withheld; one named in an open letter is not re-sent', async () => {
    const reader = await Attacker.as(server.url, 'lasare');
    try {
      const newcomer = await accepted<Party>(server, registrar, 'parties', party(`p-n-${RUN}`, { name: `NEWCOMER-${RUN}` }));
      const common = await accepted<Party>(
        server,
        registrar,
        'parties',
        party(`p-c-${RUN}`, { name: 'Skatteverket', kind: 'organisation' }),
      );
      const first = await reader.pullToEnd('parties');
      expect(partyIn(first.records, newcomer.id)?.name).toBe(`NEWCOMER-${RUN}`);
      // A letter registered with its sender shielded names the newcomer: the link can be hidden.
      const shields = [
        { field: 'sender', kind: 'privacy' as const, legalGround: 'OSL 26 kap. 1 §' },
        { field: 'senderPartyId', kind: 'privacy' as const, legalGround: 'OSL 26 kap. 1 §' },
      ];
      await accepted(
        server,
        registrar,
        'documents',
        newDocument(process_, REGISTRAR, doc.caseId, { senderPartyId: newcomer.id, sender: 'X', shields }),
      );
      // An ordinary letter from a common sender changes nobody's view of the sender.
      const c = newCase(process_, REGISTRAR, { responsibleUserId: OFFICER, title: 'Öppet ärende' });
      await accepted(server, registrar, 'cases', c);
      await accepted(
        server,
        registrar,
        'documents',
        newDocument(process_, REGISTRAR, c.id, { senderPartyId: common.id, sender: 'Skatteverket' }),
      );
      const next = await reader.pullAll('parties', first.checkpoint);
      expect(partyIn(next, newcomer.id)).toMatchObject({ name: '', withheld: expect.arrayContaining(['name']) });
      expect(partyIn(next, common.id)).toBeUndefined();
    } finally {
      reader.close();
    }
  });
});

describe('a party with protected personal data', () => {
  it('keeps its name but not its identity for everyone without content access', async () => {
    for (const username of ['lasare', 'registrator', 'kvalitet', 'arkivarie']) {
      const user = await Attacker.as(server.url, username);
      try {
        const p = partyIn(await user.pullAll('parties'), protectedParty.id)!;
        expect(p).toMatchObject({
          name: 'Eva Skyddad',
          protectedIdentity: true,
          withheld: ['city', 'email', 'idNumber', 'phone', 'postalAddress', 'postalCode'],
        });
        expectNoSecret(user.frames, Object.values(PROTECTED));
      } finally {
        user.close();
      }
    }
  });

  it('cannot be lifted by a quality assurer without access to the person', async () => {
    const qa = await Attacker.as(server.url, 'kvalitet');
    try {
      const res: PushResponse = await edit(server, qa, 'parties', protectedParty.id, { protectedIdentity: false });
      expect(res.rejected[0]?.code).toBe('restricted');
      expect((await server.storage.getRecord('parties', protectedParty.id))!.data.protectedIdentity).toBe(true);
      expectNoSecret(qa.frames, Object.values(PROTECTED));
    } finally {
      qa.close();
    }
  });
});

describe('an older client during the transition period', () => {
  it('receives parties in its own shape and its pushes are brought to the current one', async () => {
    // Protocol 2 with every record shape at its first version: the oldest client still served.
    const shapes = Object.fromEntries(Object.keys(currentSchemaVersions()).map((c) => [c, 0]));
    const old = await Attacker.as(server.url, 'registrator', [syncSubprotocol(2), schemaSubprotocol(shapes)]);
    try {
      const p = partyIn(await old.pullAll('parties'), protectedParty.id)!;
      expect(p).not.toHaveProperty('protectedIdentity');
      expect(p).not.toHaveProperty('withheld');
      // Even in the old shape the identity stays withheld.
      expectNoSecret(old.frames, Object.values(PROTECTED));
      const {
        protectedIdentity: _p,
        withheld: _w,
        ...oldShape
      } = party(`p-old-${RUN}`, { name: 'Gammal klient AB', kind: 'organisation' });
      const res = await old.push('parties', oldShape);
      expect(res.rejected).toEqual([]);
      expect((await server.storage.getRecord('parties', `p-old-${RUN}`))!.data).toMatchObject({
        name: 'Gammal klient AB',
        protectedIdentity: false,
        withheld: [],
      });
    } finally {
      old.close();
    }
  });
});
