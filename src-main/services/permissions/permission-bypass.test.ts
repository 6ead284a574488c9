import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { WireResponse } from '../../../src-shared/contract/wire';
import { builtinRoleId, defaultRoleLevels } from '../../../src-shared/permissions/roles';
import type { Log } from '../../app/log';
import { base64, resourcesDir, startTestApp, tempDir, type TestApp } from '../../test-support/temp-services';
import { startWebHost, type WebHost } from '../../web/web-host';

/*
 * Attempts to get past access permissions (issue 8): crafted calls over the browser host's WebSocket (what a script in
 * the page, or a tool holding the token, could send), lists that would reveal another department's documents, and
 * taking the right to manage permissions from the last person who has it. Each is refused, changes nothing, and is
 * logged.
 */
let app: TestApp;
let host: WebHost;
let ws: WebSocket;
const warnings: { msg: string; fields?: Record<string, unknown> }[] = [];
const log: Log = { info: () => {}, warn: (msg, fields) => void warnings.push({ msg, ...(fields ? { fields } : {}) }), error: () => {} };
let admin = '';
let ewa = '';
const docs: Record<string, string> = {};

beforeAll(async () => {
  app = await startTestApp({ log });
  admin = (await app.ok('setup.complete', { company: { name: 'Zakłady Łódzkie Sp. z o.o.' }, userName: 'Anna Nowak' })).user.id;
  ewa = (await app.ok('users.add', { name: 'Ewa Wiśniewska', isAdmin: false, isSigner: false })).id;
  const olga = (await app.ok('users.add', { name: 'Olga Sprzedaż', isAdmin: false, isSigner: false })).id;
  await app.ok('permissions.assignUser', { userId: ewa, roleIds: [builtinRoleId('employee')], department: 'Kadry' });
  await app.ok('permissions.assignUser', { userId: olga, roleIds: [builtinRoleId('employee')], department: 'Sprzedaż' });
  const sha = (await app.ok('pdf.import', { data: base64(fs.readFileSync(path.join(resourcesDir, 'samples', 'nda-pl.pdf'))) })).sha256;
  for (const [title, owner, department] of [['Umowa Ewy', ewa, 'Kadry'], ['Umowa Olgi', olga, 'Sprzedaż']] as const) {
    const doc = await app.ok('documents.create', { fileSha256: sha, originalName: 'nda.pdf', title, department });
    await app.context.db.updateTable('documents').set({ owner_id: owner }).where('id', '=', doc.id).execute();
    docs[title] = doc.id;
  }
  const rendererDir = tempDir('signet-renderer-');
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Signet</title>');
  host = await startWebHost({ dispatch: app.dispatch, rendererDir, port: 0, log });
  ws = await new Promise<WebSocket>((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${host.port}/rpc?token=${host.token}`);
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
});
afterAll(async () => {
  ws.close();
  await host.close();
  await app.close();
});

let nextId = 1;
async function send(name: string, input: unknown): Promise<WireResponse['result']> {
  const id = nextId++;
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const response = JSON.parse(data.toString()) as WireResponse;
      if (response.id !== id) return;
      ws.off('message', onMessage);
      resolve(response.result);
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ id, name, input }));
  });
}

const refused = (action: string) => ({ ok: false, error: { code: 'FORBIDDEN', messageKey: 'permissions.forbidden', details: { action } } });

describe('bypass attempts, as an Employee of Kadry over the WebSocket', () => {
  it('a crafted call for a forbidden action is refused, changes nothing and is logged', async () => {
    await app.ok('users.switch', { id: ewa });
    const olgas = await app.ok('documents.get', { id: docs['Umowa Olgi']! }).catch(() => null);
    expect(olgas).toBeNull();
    expect(await send('documents.delete', { id: docs['Umowa Olgi'], version: 1 })).toEqual(refused('documents.delete'));
    expect(await send('documents.get', { id: docs['Umowa Olgi'] })).toEqual(refused('documents.view'));
    expect(await send('documents.file', { id: docs['Umowa Olgi'], which: 'original' })).toEqual(refused('documents.view'));
    // Giving herself the Administrator role, or making her role one.
    expect(await send('permissions.assignUser', { userId: ewa, roleIds: [builtinRoleId('administrator')], department: 'Kadry' })).toEqual(refused('permissions.manage'));
    expect(await send('permissions.saveRole', { id: builtinRoleId('employee'), name: null, levels: defaultRoleLevels.administrator, stageMoves: {} })).toEqual(refused('permissions.manage'));
    expect(await send('mail.settings.save', { host: 'smtp.evil.example', port: 25, security: 'none', fromAddress: 'x@evil.example' })).toMatchObject({ ok: false });
    await app.ok('users.switch', { id: admin });
    expect(await app.ok('documents.get', { id: docs['Umowa Olgi']! })).toMatchObject({ title: 'Umowa Olgi' });
    expect((await app.ok('permissions.get', {})).users.find((u) => u.id === ewa)?.roleIds).toEqual([builtinRoleId('employee')]);
    expect(warnings.filter((w) => w.msg === 'call refused by access permissions' && w.fields?.user === ewa).map((w) => w.fields?.call)).toEqual(
      expect.arrayContaining(['documents.delete', 'documents.get', 'documents.file', 'permissions.assignUser', 'permissions.saveRole']),
    );
  });

  it('a list, a search, a board or an export never holds another department’s documents', async () => {
    await app.ok('users.switch', { id: ewa });
    try {
      const titles = (r: unknown) => JSON.stringify(r);
      for (const [name, input] of [
        ['documents.list', { filter: {} }],
        ['documents.list', { filter: { query: 'Olgi' } }],
        ['documents.list', { filter: { department: 'Sprzedaż' } }],
        ['board.get', { filter: {} }],
        ['documents.exportCsv', { filter: {}, language: 'pl' }],
      ] as const) {
        const result = await send(name, input);
        expect(result.ok, name).toBe(true);
        expect(titles(result), `${name} ${JSON.stringify(input)}`).not.toContain('Umowa Olgi');
      }
      expect(titles(await send('documents.list', { filter: {} }))).toContain('Umowa Ewy');
      const board = (await send('board.get', { filter: {} })) as { ok: true; value: { columns: { count: number }[] } };
      expect(board.value.columns.reduce((n, c) => n + c.count, 0)).toBe(1);
    } finally {
      await app.ok('users.switch', { id: admin });
    }
  });
});

describe('the last person who can manage permissions', () => {
  it('cannot lose the right, by their roles, their role’s matrix or their administrator flag; refused, logged, nothing changed', async () => {
    const before = await app.ok('permissions.get', {});
    const history = (await app.ok('permissions.history', {})).total;
    expect(await send('permissions.assignUser', { userId: admin, roleIds: [builtinRoleId('director')], department: null })).toMatchObject({ ok: false, error: { messageKey: 'permissions.lastManager' } });
    expect(await send('permissions.saveRole', { id: builtinRoleId('administrator'), name: null, levels: { ...defaultRoleLevels.administrator, 'permissions.manage': 'none' }, stageMoves: {} })).toMatchObject({ ok: false, error: { messageKey: 'permissions.lastManager' } });
    expect(await send('users.update', { id: admin, name: 'Anna Nowak', isAdmin: false, isSigner: true })).toMatchObject({ ok: false, error: { messageKey: 'employees.lastAdmin' } });
    expect(await app.ok('permissions.get', {})).toEqual(before);
    expect((await app.ok('permissions.history', {})).total).toBe(history);
    expect(warnings.filter((w) => w.msg.startsWith('permission change refused')).length).toBe(3);

    // With a second manager (a department's role), the first may give it up; the change is in the history, before and after.
    await app.ok('permissions.assignDepartment', { department: 'Kadry', roleIds: [builtinRoleId('administrator')] });
    await app.ok('permissions.assignUser', { userId: admin, roleIds: [builtinRoleId('director')], department: null });
    expect((await app.ok('app.info', {})).grants['permissions.manage']).toBe('none');
    // Ewa manages them now, through her department, and reads the change.
    await app.ok('users.switch', { id: ewa });
    const [latest] = (await app.ok('permissions.history', {})).items;
    expect(latest).toMatchObject({ kind: 'userAssigned', actorId: admin, subject: 'Anna Nowak', before: { roleIds: [builtinRoleId('administrator')] }, after: { roleIds: [builtinRoleId('director')] } });
  });
});
