import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_MESSAGE_BYTES, User, type AuditEntry, type Case, type Document, type PushResponse } from '../../../shared/src';
import { auditEntryHash } from '../../../sync-server/src/audit/audit-hash';
import { accessFingerprint } from '../../../sync-server/src/sync/pull.service';
import { eventually, startTestServer, type TestServer } from '../harness';
import {
  Attacker,
  countAll,
  edit,
  expectHonestServed,
  expectNoSecret,
  GROUND,
  newCase,
  newDocument,
  plantSecrets,
  SECRETS,
  snapshot,
  type Planted,
} from './attacks';

let server: TestServer;
let planted: Planted;
/** registrator2: a registrar of the same register, not named on any planted record. */
let attacker: Attacker;
let honest: Attacker;

beforeAll(async () => {
  server = await startTestServer();
  planted = await plantSecrets(server);
  attacker = await Attacker.as(server.url, 'registrator2');
  honest = await Attacker.as(server.url, 'registrator');
});

afterAll(async () => {
  attacker.close();
  honest.close();
  await server.stop();
});

const honestServed = () => expectHonestServed(server, honest, planted.process, planted.ids.registrar);

describe('pulls', () => {
  it('does not leak restricted, shielded or other-register content to any user without a second factor', async () => {
    // The officer himself has no fresh second factor: he too gets the existence only.
    for (const username of [
      'registrator',
      'registrator2',
      'handlaggare',
      'kvalitet',
      'arkivarie',
      'admin',
      'lasare',
      'mote',
      'politiker',
      'sn.registrator',
    ]) {
      const user = await Attacker.as(server.url, username);
      const all = await user.pullEverything();
      // sn.registrator registered the other register's case himself.
      expectNoSecret(
        user.frames,
        Object.values(SECRETS).filter((s) => username !== 'sn.registrator' || s !== SECRETS.otherRegisterTitle),
      );
      if (username !== 'sn.registrator') {
        const rc = all.find((r) => r.id === planted.restrictedCase.id)!;
        expect(rc, `${username} sees that the restricted case exists`).toMatchObject({
          caseNumber: planted.restrictedCase.caseNumber,
          title: '',
          restrictionKind: 'secrecy',
          legalGround: GROUND,
        });
        expect(rc.withheld).toEqual(expect.arrayContaining(['title', 'description']));
      }
      user.close();
    }
    await honestServed();
  });

  it('refuses to pull another register', async () => {
    const all = await attacker.pullEverything();
    expect(all.filter((r) => r.registerId === 'reg-sn' && r.id !== 'usr-sn-registrator')).toEqual([]);
    expect(all.some((r) => r.id === planted.otherRegisterCase.id)).toBe(false);
    expectNoSecret(attacker.frames);
  });

  it('does not leak with a forged fingerprint or a forged rescan in the checkpoint', async () => {
    const forged = [
      { seq: 0, fp: 'f'.repeat(32) },
      { seq: 1_000_000, fp: 'forged' },
      { seq: 1_000_000, fp: '*', rescan: { olds: ['*'], pos: 0 } },
      { seq: 1_000_000, fp: 'x', rescan: { olds: ['a', 'b', 'c', 'd'], pos: 0 } },
    ];
    for (const checkpoint of forged) {
      for (const collection of ['cases', 'documents', 'files', 'audit'] as const) {
        const docs = await attacker.pullAll(collection, checkpoint);
        expect(docs.filter((d) => d.registerId !== 'reg-ks')).toEqual([]);
      }
    }
    expectNoSecret(attacker.frames);
    await honestServed();
  });

  it("does not reveal another register's records through a rescan naming that register's user's fingerprint", async () => {
    // The fingerprint algorithm is public and the other user's roles and registers are easily
    // guessed: the attacker claims it once held that user's access.
    const snUser = User.parse((await server.storage.getRecord('users', planted.ids.snRegistrar))!.data);
    const mine = User.parse((await server.storage.getRecord('users', planted.ids.registrar2))!.data);
    const theirs = accessFingerprint({ ...snUser, secondFactorFresh: false });
    const own = accessFingerprint({ ...mine, secondFactorFresh: false });
    const leaked: Record<string, unknown>[] = [];
    for (const collection of ['cases', 'documents', 'audit'] as const) {
      leaked.push(
        ...(await attacker.pullAll(collection, { seq: 1_000_000, fp: own, rescan: { olds: [theirs], pos: 0 } })).filter(
          (d) => d.registerId !== 'reg-ks',
        ),
      );
    }
    expectNoSecret(attacker.frames);
    expect(
      leaked.map((d) => `${String(d.registerId)}/${String(d.id)}`),
      'ids of records in a register the attacker is not a member of',
    ).toEqual([]);
  });

  it('answers a future checkpoint with nothing and refuses malformed checkpoints', async () => {
    const me = User.parse((await server.storage.getRecord('users', planted.ids.registrar2))!.data);
    const fp = accessFingerprint({ ...me, secondFactorFresh: false });
    // At the head of the user's window log (protocol 3): without `w` the server would sweep, as for an older replica.
    const { w } = (await attacker.send<{ checkpoint: { w?: number } }>({ t: 'pull', collection: 'cases', checkpoint: null, limit: 1 }))
      .checkpoint;
    const future = await attacker.send<{ t: string; documents: unknown[] }>({
      t: 'pull',
      collection: 'cases',
      checkpoint: { seq: Number.MAX_SAFE_INTEGER, fp, w },
      limit: 100,
    });
    expect(future).toMatchObject({ t: 'pull', documents: [] });
    // Without a fingerprint the server re-sends all the user may read, and nothing more.
    const unknown = await attacker.pullAll('cases', { seq: Number.MAX_SAFE_INTEGER });
    expect(unknown.filter((d) => d.registerId !== 'reg-ks')).toEqual([]);
    for (const checkpoint of [
      { seq: -1 },
      { seq: 1.5 },
      { seq: '0' },
      { seq: 0, fp: 'x'.repeat(65) },
      { seq: 0, extra: true },
      { seq: 0, rescan: { olds: ['a', 'b', 'c', 'd', 'e'], pos: 0 } },
    ]) {
      const res = await attacker.send<{ t: string; code?: string }>({ t: 'pull', collection: 'cases', checkpoint, limit: 100 });
      expect(res).toMatchObject({ t: 'error', code: 'bad_message' });
    }
    for (const bad of [
      { collection: 'secrets' },
      { collection: 'cases', limit: 5001 },
      { collection: 'cases', limit: 0 },
      { collection: '__proto__' },
    ]) {
      const res = await attacker.send<{ t: string; code?: string }>({ t: 'pull', checkpoint: null, limit: 10, ...bad });
      expect(res).toMatchObject({ t: 'error', code: 'bad_message' });
    }
    expectNoSecret(attacker.frames);
    await honestServed();
  });

  it('does not leak restricted content in change notices while the register changes', async () => {
    const listener = await Attacker.as(server.url, 'lasare');
    // The registrar adds a document with a secret title to the restricted case.
    const title = 'SECRET-LATE-DOC-TITLE-p3Vs8';
    const doc = newDocument(planted.process, planted.ids.registrar, planted.restrictedCase.id, {
      title,
      responsibleUserId: planted.ids.officer,
    });
    const res = await honest.push('documents', doc);
    expect(res.rejected).toEqual([]);
    expect(JSON.stringify(res)).not.toContain(title);
    await listener.pullEverything();
    expect(listener.frames.some((f) => f.includes('"t":"change"'))).toBe(true);
    expectNoSecret(listener.frames, [...Object.values(SECRETS), title]);
    expectNoSecret(honest.frames, [...Object.values(SECRETS), title]);
    listener.close();
  });
});

describe('pushes', () => {
  it('refuses an edit of a record in another register and sends nothing of it back', async () => {
    const before = await snapshot(server, 'cases', planted.otherRegisterCase.id);
    const forged = { ...planted.otherRegisterCase, title: 'Övertaget' };
    const res = await attacker.push('cases', forged, planted.otherRegisterCase as unknown as Record<string, unknown>);
    expect(res.rejected[0]).toMatchObject({ code: 'not_found' });
    expect(res.conflicts).toEqual([]);
    // Blind, it is answered as a new record with that id would be (existence.attacks.test.ts).
    const blind = await attacker.push('cases', forged);
    expect(blind.rejected[0]?.code).toBe('server_owned_field');
    expect(blind.conflicts).toEqual([]);
    expect(await snapshot(server, 'cases', planted.otherRegisterCase.id)).toBe(before);
    expectNoSecret(attacker.frames);
  });

  it('refuses an edit of a restricted record and answers with its existence only', async () => {
    const before = await snapshot(server, 'cases', planted.restrictedCase.id);
    const res = await edit(server, attacker, 'cases', planted.restrictedCase.id, { unit: 'Annan enhet' });
    expect(res.rejected[0]).toMatchObject({ code: 'restricted' });
    expect(res.conflicts[0]).toMatchObject({ id: planted.restrictedCase.id, title: '', restrictionKind: 'secrecy' });
    const doc = await edit(server, attacker, 'documents', planted.restrictedDoc.id, { recipient: 'Någon' });
    expect(doc.rejected[0]).toMatchObject({ code: 'restricted' });
    expect(await snapshot(server, 'cases', planted.restrictedCase.id)).toBe(before);
    expectNoSecret(attacker.frames);
  });

  it('answers a stale push on a restricted record with the projection, never the content', async () => {
    const current = (await server.storage.getRecord('cases', planted.restrictedCase.id))!.data;
    const res = await attacker.push('cases', { ...current, title: 'x' }, { ...current, syncVersion: 1 });
    expect(res.conflicts).toHaveLength(1);
    expect(res.conflicts[0]).toMatchObject({ title: '', description: '', restrictionNote: '' });
    expectNoSecret(attacker.frames);
  });

  it('does not let a stripped projection pushed back wipe the content', async () => {
    const attackerView = (await attacker.pullAll('cases')).find((c) => c.id === planted.restrictedCase.id)!;
    const shieldedView = (await attacker.pullAll('documents')).find((d) => d.id === planted.shieldedDoc.id)!;
    expect(shieldedView).toMatchObject({ sender: '', withheld: ['redactionDrafts', 'sender'] });
    const caseBefore = await snapshot(server, 'cases', planted.restrictedCase.id);
    const docBefore = await snapshot(server, 'documents', planted.shieldedDoc.id);
    const r1 = await attacker.push('cases', { ...attackerView, withheld: [], _deleted: undefined }, attackerView);
    const r2 = await attacker.push('documents', { ...shieldedView, title: 'Ny titel', withheld: [], _deleted: undefined }, shieldedView);
    // Access first: nothing of a record with withheld content can be changed.
    expect(r1.rejected[0]?.code).toBe('restricted');
    expect(r2.rejected[0]?.code).toBe('restricted');
    expect(await snapshot(server, 'cases', planted.restrictedCase.id)).toBe(caseBefore);
    expect(await snapshot(server, 'documents', planted.shieldedDoc.id)).toBe(docBefore);
    expect((await server.storage.getRecord('documents', planted.shieldedDoc.id))!.data.sender).toBe(SECRETS.shieldedSender);
    expectNoSecret(attacker.frames);
  });

  it('refuses to remove a restriction, a shield or a file restriction without the right', async () => {
    const before = await countAll(server);
    const lift = await edit(server, attacker, 'cases', planted.restrictedCase.id, {
      restrictionKind: 'none',
      legalGround: '',
      restrictionNote: '',
    });
    expect(lift.rejected[0]?.code).toBe('restricted');
    const unshield = await edit(server, attacker, 'documents', planted.shieldedDoc.id, { shields: [] });
    expect(unshield.rejected[0]?.code).toBe('restricted');
    // A restricted file's restriction is not something the attacker can see, so not change either.
    const unfile = await edit(server, attacker, 'documents', planted.fileRestrictedDoc.id, { fileRestrictions: [] });
    expect(unfile.rejected[0]).toMatchObject({ code: 'restricted' });
    const rekeyed = await edit(server, attacker, 'documents', planted.fileRestrictedDoc.id, {
      fileRestrictions: [{ fileKey: 'other', kind: 'secrecy', legalGround: GROUND }],
    });
    expect(rekeyed.rejected[0]).toMatchObject({ code: 'restricted' });
    expect((await server.storage.getRecord('documents', planted.fileRestrictedDoc.id))!.data.fileRestrictions).toEqual(
      planted.fileRestrictedDoc.fileRestrictions,
    );
    expect(await countAll(server)).toEqual(before);
    expectNoSecret(attacker.frames);
    await honestServed();
  });

  it('refuses a push that grants the attacker access to a record', async () => {
    const before = await countAll(server);
    const self = planted.ids.registrar2;
    // Guarded records refuse any change from someone who does not see all of them; an open one
    // refuses the change of access itself.
    const targets = [
      ['cases', planted.restrictedCase.id, 'restricted'],
      ['cases', planted.openCase.id, 'forbidden'],
      ['documents', planted.shieldedDoc.id, 'restricted'],
      ['documents', planted.fileRestrictedDoc.id, 'restricted'],
    ] as const;
    for (const [collection, id, code] of targets) {
      const res = await edit(server, attacker, collection, id, { accessUserIds: [self] });
      expect(res.rejected[0]?.code, `${collection}/${id}`).toBe(code);
      const group = await edit(server, attacker, collection, id, { accessGroupIds: ['grp-kansli'] });
      expect(group.rejected[0]?.code, `${collection}/${id}`).toBe(code);
    }
    // Restricting an open record and naming oneself in the same push is a change of access too.
    const both = await edit(server, attacker, 'cases', planted.openCase.id, {
      restrictionKind: 'secrecy',
      legalGround: GROUND,
      accessUserIds: [self],
    });
    expect(both.rejected[0]).toMatchObject({ code: 'forbidden' });
    expect(await countAll(server)).toEqual(before);
  });

  it('does not let an editor make itself the responsible officer and then lift a file restriction', async () => {
    const attackerToken = attacker.token;
    await edit(server, attacker, 'cases', planted.openCase.id, { responsibleUserId: planted.ids.registrar2 });
    await edit(server, attacker, 'documents', planted.fileRestrictedDoc.id, { responsibleUserId: planted.ids.registrar2 });
    await edit(server, attacker, 'documents', planted.fileRestrictedDoc.id, { fileRestrictions: [] });
    const res = await fetch(`${server.url}/api/files/${planted.restrictedFile.id}`, {
      headers: { authorization: `Bearer ${attackerToken}` },
    });
    const body = Buffer.from(await res.arrayBuffer()).toString('latin1');
    expectNoSecret([body, ...attacker.frames]);
    expect(res.status).toBe(404);
    expect((await server.storage.getRecord('documents', planted.fileRestrictedDoc.id))!.data.fileRestrictions).toEqual(
      planted.fileRestrictedDoc.fileRestrictions,
    );
  });

  it('refuses a responsible officer whose role does not handle cases, on a new or an edited case or document', async () => {
    for (const nobody of ['usr-arkivarie', 'usr-lasare', 'usr-admin', 'usr-politiker']) {
      const c = newCase(planted.process, planted.ids.registrar2, { responsibleUserId: nobody });
      expect(
        (await attacker.push('cases', c)).rejected.map((r) => r.code),
        nobody,
      ).toEqual(['not_case_handler']);
      expect(await server.storage.getRecord('cases', c.id), nobody).toBeNull();
      const d = newDocument(planted.process, planted.ids.registrar2, '', { responsibleUserId: nobody });
      expect(
        (await attacker.push('documents', d)).rejected.map((r) => r.code),
        nobody,
      ).toEqual(['not_case_handler']);
      const before = (await server.storage.getRecord('cases', planted.openCase.id))!.data.responsibleUserId;
      const res = await edit(server, attacker, 'cases', planted.openCase.id, { responsibleUserId: nobody });
      expect(
        res.rejected.map((r) => r.code),
        nobody,
      ).toEqual(['not_case_handler']);
      expect((await server.storage.getRecord('cases', planted.openCase.id))!.data.responsibleUserId).toBe(before);
    }
    // A case officer, a registrar, a quality assurer and a meeting coordinator handle cases.
    for (const officer of ['usr-handlaggare', 'usr-registrator', 'usr-kvalitet', 'usr-mote'])
      expect(
        (await attacker.push('cases', newCase(planted.process, planted.ids.registrar2, { responsibleUserId: officer }))).rejected,
      ).toEqual([]);
    await honestServed();
  });

  it('keeps accepting an honest edit, from the pulled state, of a document re-sent after its case changed', async () => {
    const c = newCase(planted.process, planted.ids.registrar);
    expect((await honest.push('cases', c)).rejected).toEqual([]);
    const d = newDocument(planted.process, planted.ids.registrar, c.id);
    expect((await honest.push('documents', d)).rejected).toEqual([]);
    // A new officer re-sends the case's documents (new sequence numbers); the state a client
    // then pulls must still be a valid base for its next edit, or it conflicts for ever.
    expect((await edit(server, honest, 'cases', c.id, { responsibleUserId: planted.ids.officer })).rejected).toEqual([]);
    const pulled = (await honest.pullAll('documents')).find((x) => x.id === d.id)!;
    const { _deleted: _, ...state } = pulled;
    const res = await honest.push('documents', { ...state, description: 'Kompletterad' }, state);
    expect(res.rejected).toEqual([]);
    expect(res.conflicts.map((x) => `conflict: pulled syncVersion ${String(state.syncVersion)}, server ${String(x.syncVersion)}`)).toEqual(
      [],
    );
    expect((await server.storage.getRecord('documents', d.id))!.data.description).toBe('Kompletterad');
  });

  it('refuses a push that changes its own role, or writes users, registers, groups or the actor register', async () => {
    const before = await countAll(server);
    const me = (await server.storage.getRecord('users', planted.ids.registrar2))!.data;
    const role = await attacker.push(
      'users',
      { ...me, roles: ['administrator', 'quality_assurer'], registerIds: ['reg-ks', 'reg-sn'] },
      me,
    );
    expect(role.rejected[0]).toMatchObject({ code: 'read_only_collection' });
    const register = (await server.storage.getRecord('registers', 'reg-ks'))!.data;
    expect(
      (await attacker.push('registers', { ...register, legalGrounds: [{ code: 'Påhittad', text: 'x' }] }, register)).rejected[0],
    ).toMatchObject({ code: 'read_only_collection' });
    const group = (await server.storage.getRecord('groups', 'grp-kansli'))!.data;
    expect((await attacker.push('groups', { ...group, name: 'Övertagen' }, group)).rejected[0]).toMatchObject({
      code: 'read_only_collection',
    });
    const entry = (await server.storage.pullPage('audit', 0, 1, ['reg-ks']))[0]!.data;
    expect((await attacker.push('audit', { ...entry, id: 'forged-entry', actorId: 'usr-admin' })).rejected[0]).toMatchObject({
      code: 'read_only_collection',
    });
    expect((await server.storage.getRecord('users', planted.ids.registrar2))!.data).toEqual(me);
    expect(await countAll(server)).toEqual(before);
    // Its next message is still served with its real roles.
    const users = await attacker.pullAll('users');
    expect(users.find((u) => u.id === planted.ids.registrar2)).toMatchObject({ roles: ['registrar'], registerIds: ['reg-ks'] });
  });

  it("refuses another user's id as author and never records it as the actor", async () => {
    const before = await countAll(server);
    const forged = await attacker.push('cases', newCase(planted.process, planted.ids.registrar2, { createdBy: 'usr-kvalitet' }));
    expect(forged.rejected[0]).toMatchObject({ code: 'forbidden', fields: ['createdBy'] });
    expect(await countAll(server)).toEqual(before);
    // qualityAssuredBy and uploadedBy-like fields are the server's: a claimed QA is dropped.
    const c = newCase(planted.process, planted.ids.registrar2);
    expect((await attacker.push('cases', c)).rejected).toEqual([]);
    const d = newDocument(planted.process, planted.ids.registrar2, c.id, { qualityAssuredBy: 'usr-kvalitet' });
    expect((await attacker.push('documents', d)).rejected).toEqual([]);
    const stored = (await server.storage.getRecord('documents', d.id))!.data as unknown as Document;
    expect(stored.qualityAssuredBy).toBe('');
    const again = await edit(server, attacker, 'documents', d.id, { qualityAssuredBy: 'usr-kvalitet', createdBy: 'usr-kvalitet' });
    expect(again.rejected[0]).toMatchObject({ code: 'forbidden', fields: ['createdBy'] });
    const retitled = await edit(server, attacker, 'documents', d.id, { title: 'Ändrad', qualityAssuredBy: 'usr-kvalitet' });
    expect(retitled.rejected).toEqual([]);
    expect((await server.storage.getRecord('documents', d.id))!.data.qualityAssuredBy).toBe('');
    const entries = (await server.storage.pullPage('audit', 0, 5000, null))
      .map((e) => e.data as unknown as AuditEntry)
      .filter((e) => e.recordId === d.id || e.recordId === c.id);
    expect(entries.length).toBeGreaterThanOrEqual(3);
    expect(new Set(entries.map((e) => e.actorId))).toEqual(new Set([planted.ids.registrar2]));
  });

  // Annulment has its own attacks (corrections.attacks.test.ts): it is allowed from these statuses.
  it('refuses a status jump straight to archived or disposed', async () => {
    const c = newCase(planted.process, planted.ids.registrar2);
    expect((await attacker.push('cases', c)).rejected).toEqual([]);
    const d = newDocument(planted.process, planted.ids.registrar2, c.id);
    expect((await attacker.push('documents', d)).rejected).toEqual([]);
    for (const status of ['archived', 'disposed']) {
      const res = await edit(server, attacker, 'cases', c.id, { status });
      expect(res.rejected[0], status).toMatchObject({ code: 'invalid_status_transition' });
      const resDoc = await edit(server, attacker, 'documents', d.id, { status });
      expect(resDoc.rejected[0], status).toMatchObject({ code: 'invalid_status_transition' });
    }
    expect(
      (await attacker.push('cases', newCase(planted.process, planted.ids.registrar2, { status: 'archived' }))).rejected[0],
    ).toMatchObject({ code: 'invalid_status_transition' });
    expect((await server.storage.getRecord('cases', c.id))!.data.status).toBe('registered_unchecked');
    expect((await server.storage.getRecord('documents', d.id))!.data.status).toBe('registered_unchecked');
  });

  it('refuses number tampering on cases and documents', async () => {
    const before = await countAll(server);
    const cases = [
      { caseNumber: 'KS 2026-00001' },
      { serial: 1 },
      { caseNumber: planted.restrictedCase.caseNumber, serial: planted.restrictedCase.serial },
    ];
    for (const forged of cases)
      expect((await attacker.push('cases', newCase(planted.process, planted.ids.registrar2, forged))).rejected[0]).toMatchObject({
        code: 'server_owned_field',
      });
    expect(
      (
        await attacker.push(
          'documents',
          newDocument(planted.process, planted.ids.registrar2, planted.openCase.id, {
            documentNumber: `${planted.openCase.caseNumber}-99`,
          }),
        )
      ).rejected[0],
    ).toMatchObject({ code: 'server_owned_field' });
    expect(await countAll(server)).toEqual(before);
    const open = (await server.storage.getRecord('cases', planted.openCase.id))!.data as unknown as Case;
    expect((await edit(server, attacker, 'cases', open.id, { caseNumber: 'KS 2020-00001' })).rejected[0]).toMatchObject({
      code: 'server_owned_field',
    });
    // Access first: the attacker does not see all of the shielded document, so may change nothing of it.
    expect((await edit(server, attacker, 'documents', planted.shieldedDoc.id, { serial: 42 })).rejected[0]?.code).toBe('restricted');
    // Other server-owned values are replaced: a case cannot skip its documents' serials.
    const skipped = await edit(server, attacker, 'cases', open.id, { nextDocumentSerial: 9000, year: 1999 });
    expect(skipped.rejected).toEqual([]);
    const after = (await server.storage.getRecord('cases', open.id))!.data as unknown as Case;
    expect(after).toMatchObject({ caseNumber: open.caseNumber, nextDocumentSerial: open.nextDocumentSerial, year: open.year });
  });

  it('never stores forged withheld lists or inherited restrictions', async () => {
    const c = newCase(planted.process, planted.ids.registrar2, { withheld: ['title', 'description'] });
    expect((await attacker.push('cases', c)).rejected).toEqual([]);
    expect((await server.storage.getRecord('cases', c.id))!.data.withheld).toEqual([]);
    const d = newDocument(planted.process, planted.ids.registrar2, c.id, { withheld: ['files'], inheritedRestriction: 'secrecy' });
    expect((await attacker.push('documents', d)).rejected).toEqual([]);
    expect((await server.storage.getRecord('documents', d.id))!.data).toMatchObject({ withheld: [], inheritedRestriction: 'none' });
    // A pull gives the honest projection, not the forged one.
    const pulled = (await honest.pullAll('documents')).find((x) => x.id === d.id)!;
    expect(pulled).toMatchObject({ withheld: [], inheritedRestriction: 'none' });
  });

  it('refuses shields naming unshieldable fields or grounds outside the list', async () => {
    const c = newCase(planted.process, planted.ids.registrar2);
    expect((await attacker.push('cases', c)).rejected).toEqual([]);
    for (const field of ['caseNumber', 'id', 'status', 'registerId', 'restrictionKind', '__proto__', 'title ']) {
      const res = await edit(server, attacker, 'cases', c.id, { shields: [{ field, kind: 'privacy', legalGround: GROUND }] });
      expect(res.rejected[0], field).toMatchObject({ code: 'forbidden', fields: ['shields'] });
    }
    const dup = await edit(server, attacker, 'cases', c.id, {
      shields: [
        { field: 'title', kind: 'privacy', legalGround: GROUND },
        { field: 'title', kind: 'secrecy', legalGround: GROUND },
      ],
    });
    expect(dup.rejected[0]).toMatchObject({ code: 'forbidden' });
    const ground = await edit(server, attacker, 'cases', c.id, {
      shields: [{ field: 'title', kind: 'privacy', legalGround: 'Påhittad lag 1 §' }],
    });
    expect(ground.rejected[0]).toMatchObject({ code: 'invalid_legal_ground' });
    const restrict = await edit(server, attacker, 'cases', c.id, { restrictionKind: 'secrecy', legalGround: 'OSL 99 kap. 1 §' });
    expect(restrict.rejected[0]).toMatchObject({ code: 'invalid_legal_ground' });
    expect((await server.storage.getRecord('cases', c.id))!.data).toMatchObject({ shields: [], restrictionKind: 'none' });
  });

  it('stores names with homoglyphs and right-to-left overrides exactly as given, and keeps serving', async () => {
    const tricky = 'Аnna Ѕvensson \u202Efdp.exe\u202C \u200Bnoll\u200B Ｋommun';
    const c = newCase(planted.process, planted.ids.registrar2, { title: tricky, description: `rad1\u2028rad2 ${tricky}` });
    expect((await attacker.push('cases', c)).rejected).toEqual([]);
    expect((await server.storage.getRecord('cases', c.id))!.data).toMatchObject({ title: tricky, description: `rad1\u2028rad2 ${tricky}` });
    const back = (await honest.pullAll('cases')).find((x) => x.id === c.id)!;
    expect(back.title).toBe(tricky);
    await honestServed();
  });
});

describe('the actor register', () => {
  it('gives a reader no actor-register entries at all', async () => {
    const reader = await Attacker.as(server.url, 'lasare');
    // Stripped tombstones of re-sent entries carry nothing but an id; no entry has content.
    const live = (entries: Record<string, unknown>[]) =>
      entries.filter((e) => !e._deleted || e.actorId !== '' || e.recordId !== '' || (e.changes as unknown[]).length > 0);
    expect(live(await reader.pullAll('audit'))).toEqual([]);
    const forged = await reader.pullAll('audit', { seq: 0, fp: 'x', rescan: { olds: ['*'], pos: 0 } });
    expect(live(forged)).toEqual([]);
    expectNoSecret(reader.frames);
    reader.close();
  });

  it('gives an archivist the entries of restricted records with their values blanked', async () => {
    const archivist = await Attacker.as(server.url, 'arkivarie');
    const entries = (await archivist.pullAll('audit')) as unknown as AuditEntry[];
    const aboutRestricted = entries.filter((e) => e.caseId === planted.restrictedCase.id || e.recordId === planted.shieldedDoc.id);
    expect(aboutRestricted.length).toBeGreaterThanOrEqual(4);
    const titleChange = entries.find((e) => e.recordId === planted.restrictedCase.id && e.action === 'create')!;
    expect(titleChange.changes.find((c) => c.field === 'title')).toEqual({ field: 'title', from: '', to: '' });
    expectNoSecret(archivist.frames);
    archivist.close();
  });

  it('does not give an archivist a hash that confirms a guess of a blanked value', async () => {
    const archivist = await Attacker.as(server.url, 'arkivarie');
    const entries = (await archivist.pullAll('audit')) as unknown as AuditEntry[];
    const create = entries.find((e) => e.recordId === planted.restrictedCase.id && e.action === 'create')!;
    // The archivist guesses the withheld title and description (a name, a personal number: few
    // candidates); the other blanked values of a new case are empty lists, known to anyone.
    const stored = (await server.storage.getRecord('audit', create.id))!.data as unknown as AuditEntry;
    const guesses: Record<string, string> = { title: SECRETS.caseTitle, description: SECRETS.caseDescription };
    const easy = stored.changes.filter((c, i) => !guesses[c.field] && c.to !== create.changes[i]!.to);
    expect(easy.every((c) => c.from === '' && ['', '[]'].includes(c.to))).toBe(true);
    const { _deleted: _, ...wire } = create as AuditEntry & { _deleted?: boolean };
    const guessed = { ...wire, changes: stored.changes.map((c) => (guesses[c.field] ? { ...c, to: guesses[c.field]! } : c)) } as Record<
      string,
      unknown
    >;
    expect(auditEntryHash(guessed), 'the received hash confirms the guessed secret').not.toBe(create.hash);
    archivist.close();
  });
});

describe('malformed, oversized and flooding messages', () => {
  it('answers malformed JSON and binary frames with an error and keeps serving', async () => {
    const before = attacker.frames.length;
    for (const junk of [
      '{not json',
      '',
      'null',
      '[]',
      '{"t":"pull"',
      '"\\ud800"',
      '{"t":"push","rid":900001,"collection":"cases","rows":[{"newDocumentState":null}]}',
    ])
      attacker.sendRaw(junk);
    attacker.sendRaw(Buffer.from([0xff, 0x00, 0x01]));
    const ok = await attacker.send<{ t: string }>({ t: 'pull', collection: 'registers', checkpoint: null, limit: 10 });
    expect(ok.t).toBe('pull');
    const errors = attacker.frames.slice(before).filter((f) => f.includes('"code":"bad_message"'));
    expect(errors.length).toBeGreaterThanOrEqual(8);
    expectNoSecret(attacker.frames);
    await honestServed();
  });

  it('survives 100k levels of nested JSON wherever they are put', async () => {
    const deep = `${'['.repeat(100_000)}0${']'.repeat(100_000)}`;
    const deepObj = `${'{"a":'.repeat(100_000)}0${'}'.repeat(100_000)}`;
    const c = JSON.stringify(newCase(planted.process, planted.ids.registrar2)).slice(1, -1);
    const shapes = [
      deep,
      deepObj,
      `{"t":"push","rid":900001,"collection":"cases","rows":${deep}}`,
      `{"t":"pull","rid":900002,"collection":"cases","checkpoint":${deepObj},"limit":10}`,
      `{"t":"push","rid":900003,"collection":"cases","rows":[{"assumedMasterState":null,"newDocumentState":{${c},"createdBy":${deep}}}]}`,
      `{"t":"push","rid":900004,"collection":"cases","rows":[{"assumedMasterState":null,"newDocumentState":{${c},"caseNumber":${deepObj}}}]}`,
      `{"t":"push","rid":900005,"collection":"cases","rows":[{"assumedMasterState":null,"newDocumentState":{${c},"title":${deep}}}]}`,
    ];
    const nested = await Attacker.as(server.url, 'registrator2');
    const before = await countAll(server);
    for (const s of shapes) nested.sendRaw(s);
    const ok = await nested.send<{ t: string }>({ t: 'pull', collection: 'registers', checkpoint: null, limit: 10 });
    expect(ok.t).toBe('pull');
    expect(nested.frames.filter((f) => f.includes('"t":"error"') || f.includes('"rejected":[{')).length).toBeGreaterThanOrEqual(
      shapes.length,
    );
    expect(await countAll(server)).toEqual(before);
    nested.close();
    await honestServed();
  });

  it('closes the socket on a message over MAX_MESSAGE_BYTES and keeps serving others', async () => {
    const big = await Attacker.as(server.url, 'registrator2');
    const padding = 'A'.repeat(MAX_MESSAGE_BYTES + 1);
    big.sendRaw(JSON.stringify({ t: 'pull', rid: 1, collection: 'cases', checkpoint: null, limit: 10, pad: padding }));
    const closed = await big.closed;
    expect(closed.code).toBe(1009);
    expectNoSecret(big.frames);
    await honestServed();
  });

  it('rate-limits a flood of pushes on one socket and keeps serving others', async () => {
    const flood = await Attacker.as(server.url, 'registrator2');
    const rec = (await server.storage.getRecord('cases', planted.restrictedCase.id))!;
    const current = { ...rec.data, syncVersion: rec.version };
    const row = JSON.stringify({
      t: 'push',
      rid: 0,
      collection: 'cases',
      rows: [{ assumedMasterState: current, newDocumentState: { ...current, title: 'Flod', _deleted: false } }],
    });
    const before = await snapshot(server, 'cases', planted.restrictedCase.id);
    for (let i = 0; i < 400; i++) flood.sendRaw(row);
    const limited = await eventually(
      () => flood.frames.filter((f) => f.includes('"code":"rate_limited"')).length,
      20_000,
      'rate_limited answers',
    );
    expect(limited).toBeGreaterThan(0);
    // Every flooded message is answered: handled (refused) or rate-limited, none dropped silently.
    await eventually(
      () => flood.frames.filter((f) => f.includes('"rid":0') || f.includes('"code":"rate_limited"')).length >= 400,
      20_000,
      'answers to the flood',
    );
    expect(flood.frames.filter((f) => f.includes('"t":"push"')).every((f) => f.includes('"code":"restricted"'))).toBe(true);
    expect(await snapshot(server, 'cases', planted.restrictedCase.id)).toBe(before);
    expectNoSecret(flood.frames);
    flood.close();
    await honestServed();
  });

  it('ignores a push that claims a rid it does not own and answers only its sender', async () => {
    const other = await Attacker.as(server.url, 'kvalitet');
    const res = await attacker.send<PushResponse>({
      t: 'push',
      collection: 'cases',
      rows: [{ assumedMasterState: null, newDocumentState: { id: 'x', _deleted: false } }],
    });
    expect(res.rejected[0]).toMatchObject({ code: 'invalid_schema' });
    expect(other.frames.filter((f) => f.includes('"t":"push"'))).toEqual([]);
    other.close();
  });
});
