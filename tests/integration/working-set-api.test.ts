import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentSchemaVersions } from '../../shared/src';
import { WORKING_SET_API, type OpenResponse, type WorkingSetResponse } from '../../shared/src/protocol/working-set';
import { sampleCase, sampleDocument, sampleFile } from '../../shared/src/testing/samples';
import { RawClient, startTestServer, type TestServer } from './harness';
import { plant } from './search-client';
import { workingSetCall } from './working-set-client';

/*
 * The working-set API on a real server with the demo register: the setting, pins and on-demand
 * opens, as the client (h25) calls them.
 */
let server: TestServer;
let token: string;
let snToken: string;

const closedCase = sampleCase({
  id: 'ws-closed',
  registerId: 'reg-ks',
  status: 'closed',
  caseNumber: 'KS 2001-00001',
  year: 2001,
  serial: 1,
  responsibleUserId: 'usr-handlaggare',
  createdBy: 'usr-handlaggare',
  createdAt: '2001-01-01T09:00:00.000Z',
  updatedAt: '2001-03-01T09:00:00.000Z',
  registeredDate: '2001-01-01',
  closedDate: '2001-03-01',
});
const closedDoc = sampleDocument({ id: 'ws-closed-doc', registerId: 'reg-ks', caseId: 'ws-closed', status: 'registered' });
const closedFile = sampleFile({ id: 'ws-closed-file', registerId: 'reg-ks', caseId: 'ws-closed', documentId: 'ws-closed-doc' });

beforeAll(async () => {
  server = await startTestServer();
  token = (await RawClient.token(server.url, 'registrator')).token;
  snToken = (await RawClient.token(server.url, 'sn.registrator')).token;
  await plant(server.storage, [
    ['cases', closedCase],
    ['documents', closedDoc],
    ['files', closedFile],
  ]);
});

afterAll(async () => {
  await server.stop();
});

describe('GET/PUT /api/working-set', () => {
  it('answers the default setting and no pins, then stores a new setting', async () => {
    const first = await workingSetCall<WorkingSetResponse>(server.url, snToken, 'GET');
    expect(first).toMatchObject({ status: 200, body: { months: 12, pins: [] } });
    const put = await workingSetCall<WorkingSetResponse>(server.url, snToken, 'PUT', WORKING_SET_API.root, { months: 24 });
    expect(put).toMatchObject({ status: 200, body: { months: 24, pins: [] } });
    expect((await workingSetCall<WorkingSetResponse>(server.url, snToken, 'GET')).body.months).toBe(24);
  });

  it('refuses a bad setting with its code and stores nothing', async () => {
    const before = await workingSetCall(server.url, snToken, 'GET');
    expect(await workingSetCall(server.url, snToken, 'PUT', WORKING_SET_API.root, { months: 'abc' })).toMatchObject({
      status: 400,
      body: { error: 'window_not_a_number' },
    });
    expect(await workingSetCall(server.url, snToken, 'PUT', WORKING_SET_API.root, { months: 121 })).toMatchObject({
      status: 400,
      body: { error: 'window_out_of_range' },
    });
    expect((await workingSetCall(server.url, snToken, 'GET')).text).toBe(before.text);
  });

  it('refuses an unauthenticated call', async () => {
    expect((await workingSetCall(server.url, 'not-a-token', 'GET')).status).toBe(401);
  });
});

describe('pins', () => {
  it('pins and unpins a case the user may read', async () => {
    const pinned = await workingSetCall<WorkingSetResponse>(server.url, token, 'PUT', WORKING_SET_API.pin('cases', closedCase.id));
    expect(pinned.status).toBe(200);
    expect(pinned.body.pins).toEqual([{ collection: 'cases', id: closedCase.id, kind: 'pin', at: expect.any(Number) }]);
    const unpinned = await workingSetCall<WorkingSetResponse>(server.url, token, 'DELETE', WORKING_SET_API.pin('cases', closedCase.id));
    expect(unpinned).toMatchObject({ status: 200, body: { pins: [] } });
  });

  it("answers 404 not_found with the same bytes for another register's record and one that does not exist", async () => {
    const other = await workingSetCall(server.url, snToken, 'PUT', WORKING_SET_API.pin('cases', closedCase.id));
    const none = await workingSetCall(server.url, snToken, 'PUT', WORKING_SET_API.pin('cases', 'no-such-case'));
    expect(other).toMatchObject({ status: 404, body: { error: 'not_found' } });
    expect(other.text).toBe(none.text);
    expect((await workingSetCall<WorkingSetResponse>(server.url, snToken, 'GET')).body.pins).toEqual([]);
  });
});

describe('POST /api/working-set/open', () => {
  it("answers a document's case with its documents and files, projected, and records the open", async () => {
    const opened = await workingSetCall<OpenResponse>(server.url, token, 'POST', WORKING_SET_API.open, {
      collection: 'documents',
      id: closedDoc.id,
    });
    expect(opened.status).toBe(200);
    expect(opened.body.records.cases.map((c) => c.id)).toEqual([closedCase.id]);
    expect(opened.body.records.documents.map((d) => d.id)).toEqual([closedDoc.id]);
    expect(opened.body.records.files.map((f) => f.id)).toEqual([closedFile.id]);
    expect(opened.body.records.cases[0]).toMatchObject({ title: closedCase.title, _deleted: false });
    const view = await workingSetCall<WorkingSetResponse>(server.url, token, 'GET');
    expect(view.body.pins).toEqual([{ collection: 'documents', id: closedDoc.id, kind: 'opened', at: expect.any(Number) }]);
  });

  it('answers in the record shapes the client states, like a pull to it; one that states none gets the shapes of its time', async () => {
    const open = (schema?: Record<string, number>) =>
      workingSetCall<OpenResponse>(server.url, token, 'POST', WORKING_SET_API.open, {
        collection: 'documents',
        id: closedDoc.id,
        ...(schema ? { schema } : {}),
      });
    const current = await open(currentSchemaVersions());
    expect(current.status).toBe(200);
    expect(current.body.records.documents[0]).toHaveProperty('listKey');
    expect(current.body.records.cases[0]).toHaveProperty('changeReason');

    // A client of documents version 1 gets no list key or mail ids, as its pulls do.
    const older = await open({ ...currentSchemaVersions(), documents: 1 });
    expect(older.status).toBe(200);
    expect(older.body.records.documents[0]).not.toHaveProperty('listKey');
    expect(older.body.records.documents[0]).not.toHaveProperty('messageId');
    expect(older.body.records.cases[0]).toHaveProperty('changeReason');

    // A client from before the statement holds cases, documents and files at version 0.
    const unstated = await open();
    expect(unstated.status).toBe(200);
    expect(unstated.body.records.documents[0]).not.toHaveProperty('listKey');
    expect(unstated.body.records.cases[0]).not.toHaveProperty('changeReason');
    expect(unstated.body.records.documents.map((d) => d.id)).toEqual([closedDoc.id]);

    // A newer client gets the current shapes; a malformed statement is refused.
    expect((await open({ ...currentSchemaVersions(), documents: 9 })).body.records.documents[0]).toHaveProperty('listKey');
    expect(await open({ ...currentSchemaVersions(), files: -1 })).toMatchObject({ status: 400, body: { error: 'bad_request' } });
  });

  it('answers 404 not_found alike for a record of another register and one that does not exist', async () => {
    const other = await workingSetCall(server.url, snToken, 'POST', WORKING_SET_API.open, { collection: 'cases', id: closedCase.id });
    const none = await workingSetCall(server.url, snToken, 'POST', WORKING_SET_API.open, { collection: 'cases', id: 'no-such' });
    expect(other).toMatchObject({ status: 404, body: { error: 'not_found' } });
    expect(other.text).toBe(none.text);
  });

  it('refuses a malformed request', async () => {
    expect(await workingSetCall(server.url, token, 'POST', WORKING_SET_API.open, { collection: 'users', id: 'x' })).toMatchObject({
      status: 400,
      body: { error: 'bad_request' },
    });
    expect(await workingSetCall(server.url, token, 'POST', WORKING_SET_API.open, '{not json')).toMatchObject({
      status: 400,
      body: { error: 'bad_request' },
    });
  });
});
