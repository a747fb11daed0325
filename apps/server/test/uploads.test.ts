// Uploads under pressure, through a real socket: a caller without rights is answered before its body is read
// and the connection is closed (Node would otherwise read the rest to discard it), a file over the limit is
// refused while it streams, concurrent uploads are capped per workspace and per process, and crafted images
// (absurd dimensions, cut short) are refused with their codes.
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makePng } from '@rostra/connectors/testing';
import { addMember, createTestApp, RawBody, setUp, type Caller, type TestApp } from './helpers/test-app.js';

const LIMIT = 64 * 1024;

interface RawAnswer {
  status: number;
  head: string;
  body: string;
}

/**
 * Sends the request head with `Content-Length: declared` (or chunked) and `first` body bytes, then nothing
 * more: the answer can only come from a server that decided without the rest of the body. It resolves when the
 * server ends the connection, so a server that kept it open to read the rest would fail the test by timing out.
 */
function sendPartial(
  port: number,
  path: string,
  headers: Record<string, string>,
  body: { declared: number | 'chunked'; first: Uint8Array; more?: Uint8Array[] },
): { answer: Promise<RawAnswer>; abort(): void } {
  const socket = connect(port, '127.0.0.1');
  const head = [
    `POST ${path} HTTP/1.1`,
    'Host: rostra.test',
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
    body.declared === 'chunked' ? 'Transfer-Encoding: chunked' : `Content-Length: ${body.declared}`,
    '',
    '',
  ].join('\r\n');
  const frame = (chunk: Uint8Array) =>
    body.declared === 'chunked'
      ? Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), Buffer.from(chunk), Buffer.from('\r\n')])
      : Buffer.from(chunk);
  socket.write(head);
  socket.write(frame(body.first));
  for (const chunk of body.more ?? []) socket.write(frame(chunk));
  const answer = new Promise<RawAnswer>((resolve, reject) => {
    const received: Buffer[] = [];
    socket.on('data', (data: Buffer) => received.push(data));
    socket.on('error', reject);
    socket.on('end', () => {
      const text = Buffer.concat(received).toString('utf8');
      const [headPart = '', bodyPart = ''] = text.split('\r\n\r\n');
      resolve({
        status: Number(/^HTTP\/1\.1 (\d{3})/.exec(headPart)?.[1] ?? 0),
        head: headPart.toLowerCase(),
        body: bodyPart,
      });
      socket.destroy();
    });
  });
  return { answer, abort: () => socket.destroy() };
}

function sessionHeaders(caller: Caller): Record<string, string> {
  return {
    ...(caller.cookie ? { cookie: caller.cookie } : {}),
    ...(caller.csrf ? { 'x-csrf-token': caller.csrf } : {}),
    ...(caller.apiKey ? { authorization: `Bearer ${caller.apiKey}` } : {}),
  };
}

describe('uploads', () => {
  let t: TestApp;
  let port: number;
  let admin: Caller;
  let workspaceId: string;

  beforeEach(async () => {
    t = await createTestApp('sqlite', {
      ROSTRA_MEDIA_MAX_BYTES: String(LIMIT),
      ROSTRA_UPLOAD_CONCURRENCY: '2',
      ROSTRA_UPLOAD_CONCURRENCY_PER_WORKSPACE: '1',
    });
    ({ admin, workspaceId } = await setUp(t));
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.server.address() as AddressInfo).port;
  });
  afterEach(async () => {
    await t.close();
  });

  const mediaPath = (id: string) => `/api/workspaces/${id}/media`;
  const hundredMegabytes = 100 * 1024 * 1024;
  const firstBytes = makePng(8, 8);

  async function newWorkspace(name: string): Promise<string> {
    const created = await t.call('POST', '/api/workspaces', { as: admin, body: { name } });
    expect(created.statusCode, created.body).toBe(201);
    return created.json().id as string;
  }

  it('answers a caller without rights before reading the body, and closes the connection', async () => {
    const other = await newWorkspace('Client B');
    const bob = await addMember(t, admin, workspaceId, 'bob@mairie.test', 'contributor');
    const viewer = await addMember(t, admin, workspaceId, 'vera@mairie.test', 'viewer');
    const key = await t.call('POST', `/api/workspaces/${other}/api-keys`, {
      as: admin,
      body: { name: 'Script B', role: 'manager' },
    });
    expect(key.statusCode, key.body).toBe(201);
    const cases: Array<{ who: string; path: string; headers: Record<string, string>; status: number; code: string }> = [
      { who: 'anonymous', path: mediaPath(workspaceId), headers: {}, status: 401, code: 'unauthenticated' },
      {
        who: 'a bad API key',
        path: mediaPath(workspaceId),
        headers: { authorization: 'Bearer rst_nothing' },
        status: 401,
        code: 'unauthenticated',
      },
      {
        who: 'a member of another workspace',
        path: mediaPath(other),
        headers: sessionHeaders(bob.caller),
        status: 404,
        code: 'not_found',
      },
      {
        who: 'an API key of another workspace',
        path: mediaPath(workspaceId),
        headers: sessionHeaders({ apiKey: key.json().secret }),
        status: 404,
        code: 'not_found',
      },
      {
        who: 'a viewer',
        path: mediaPath(workspaceId),
        headers: sessionHeaders(viewer.caller),
        status: 403,
        code: 'forbidden',
      },
      {
        who: 'a session without its CSRF header',
        path: mediaPath(workspaceId),
        headers: { cookie: admin.cookie as string },
        status: 403,
        code: 'csrf_failed',
      },
    ];
    for (const c of cases) {
      const { answer } = sendPartial(
        port,
        c.path,
        { ...c.headers, 'content-type': 'image/png' },
        { declared: hundredMegabytes, first: firstBytes },
      );
      const got = await answer;
      expect(got.status, c.who).toBe(c.status);
      expect(JSON.parse(got.body).code, c.who).toBe(c.code);
      expect(got.head, c.who).toContain('connection: close');
    }
    expect((await t.call('GET', mediaPath(workspaceId), { as: admin })).json().items).toEqual([]);
  });

  it('refuses a file over the limit from its declared size, and while it streams when it declares none', async () => {
    const declared = sendPartial(
      port,
      mediaPath(workspaceId),
      { ...sessionHeaders(admin), 'content-type': 'image/png' },
      { declared: hundredMegabytes, first: firstBytes },
    );
    const early = await declared.answer;
    expect(early.status).toBe(413);
    expect(JSON.parse(early.body).code).toBe('payload_too_large');
    expect(early.head).toContain('connection: close');

    // Chunked: no size up front, the limit is counted as the bytes come; nothing after the limit is needed.
    const chunk = new Uint8Array(16 * 1024);
    const streamed = sendPartial(
      port,
      mediaPath(workspaceId),
      { ...sessionHeaders(admin), 'content-type': 'image/png' },
      { declared: 'chunked', first: firstBytes, more: Array.from({ length: LIMIT / chunk.length + 1 }, () => chunk) },
    );
    const late = await streamed.answer;
    expect(late.status).toBe(413);
    expect(JSON.parse(late.body).code).toBe('payload_too_large');
    expect((await t.call('GET', mediaPath(workspaceId), { as: admin })).json().items).toEqual([]);
  });

  it('caps uploads in flight per workspace and per process, with Retry-After, and frees the slots', async () => {
    const second = await newWorkspace('Client B');
    const third = await newWorkspace('Client C');
    /** Sent whole and refused for its type after the caps are checked: 429 when full, else 415. */
    const probe = (id: string) =>
      t.call('POST', mediaPath(id), { as: admin, body: new RawBody(new Uint8Array([1, 2, 3]), 'application/pdf') });
    const stall = (id: string) =>
      sendPartial(
        port,
        mediaPath(id),
        { ...sessionHeaders(admin), 'content-type': 'image/png' },
        { declared: LIMIT, first: firstBytes },
      );

    expect((await probe(workspaceId)).statusCode).toBe(415);
    const first = stall(workspaceId);
    await expect.poll(async () => (await probe(workspaceId)).statusCode).toBe(429);
    const full = await probe(workspaceId);
    expect(full.headers['retry-after']).toMatch(/^\d+$/);
    expect(full.json()).toMatchObject({ code: 'rate_limited', details: { scope: 'workspace' } });
    // Another workspace still has room, until the process is full.
    expect((await probe(second)).statusCode).toBe(415);
    const other = stall(second);
    await expect.poll(async () => (await probe(second)).statusCode).toBe(429);
    expect((await probe(third)).json()).toMatchObject({ code: 'rate_limited', details: { scope: 'server' } });

    // A client that goes away gives its slot back.
    first.abort();
    other.abort();
    await expect.poll(async () => (await probe(third)).statusCode).toBe(415);
    const png = makePng(4, 4);
    const stored = await t.call('POST', mediaPath(workspaceId), { as: admin, body: new RawBody(png, 'image/png') });
    expect(stored.statusCode, stored.body).toBe(201);
  });

  it('refuses images with absurd dimensions or cut short, naming what is wrong', async () => {
    const huge = makePng(2, 2);
    huge.set([0, 0, 0x75, 0x30, 0, 0, 0x75, 0x30], 16); // IHDR: 30000 × 30000
    const bomb = await t.call('POST', mediaPath(workspaceId), { as: admin, body: new RawBody(huge, 'image/png') });
    expect(bomb.statusCode).toBe(422);
    expect(bomb.json()).toMatchObject({ code: 'image_too_large', details: { width: 30_000, height: 30_000 } });

    const whole = makePng(16, 16);
    const cut = await t.call('POST', mediaPath(workspaceId), {
      as: admin,
      body: new RawBody(whole.subarray(0, whole.length - 12), 'image/png'),
    });
    expect(cut.statusCode).toBe(422);
    expect(cut.json().code).toBe('media_truncated');
    expect((await t.call('GET', mediaPath(workspaceId), { as: admin })).json().items).toEqual([]);
  });
});
