import { afterEach, describe, expect, it } from 'vitest';
import {
  Answer,
  Unexpected,
  createRouter,
  parseMultipart,
  readBody,
  readTarget,
  runHandler,
  sendAnswer,
  startFakeHttpServer,
  type FakeHttpServer,
  type UnexpectedRequest,
} from './fake-http.js';

let fake: FakeHttpServer | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('startFakeHttpServer', () => {
  it('answers what the handler sends, and refuses what it cannot handle with a recorded 500', async () => {
    const unexpected: UnexpectedRequest[] = [];
    fake = await startFakeHttpServer({
      unexpected,
      refusalBody: (reason) => ({ error: reason }),
      async handle(incoming, outgoing) {
        const { method, path } = readTarget(incoming);
        const body = await readBody(incoming);
        if (path === '/echo') return sendAnswer(outgoing, new Answer(200, { method, body: body.toString() }));
        if (path === '/broken') throw new Error('boom');
        fake!.refuse(outgoing, { method, path }, 'no such endpoint');
      },
    });
    const echo = await fetch(`${fake.url}/echo`, { method: 'POST', body: 'hello' });
    expect(echo.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await echo.json()).toEqual({ method: 'POST', body: 'hello' });

    const refused = await fetch(`${fake.url}/nope?x=1`);
    expect(refused.status).toBe(500);
    expect(await refused.json()).toEqual({ error: 'no such endpoint' });

    const broken = await fetch(`${fake.url}/broken`);
    expect(broken.status).toBe(500);
    expect(unexpected).toEqual([
      { method: 'GET', path: '/nope?x=1', reason: 'no such endpoint' },
      { method: 'GET', path: '/broken', reason: 'the fake failed: boom' },
    ]);
  });
});

describe('sendAnswer', () => {
  it.each([
    { answer: new Answer(200, { a: 1 }), type: 'application/json; charset=utf-8', text: '{"a":1}' },
    { answer: new Answer(502, '<h1>502</h1>'), type: 'text/html; charset=utf-8', text: '<h1>502</h1>' },
    {
      answer: new Answer(200, undefined, { 'content-type': 'text/plain' }, '{"id": "1'),
      type: 'text/plain',
      text: '{"id": "1',
    },
    { answer: new Answer(201, undefined, { 'x-restli-id': 'urn' }), type: null, text: '' },
  ])('sends $text as $type', async ({ answer, type, text }) => {
    fake = await startFakeHttpServer({
      unexpected: [],
      refusalBody: () => ({}),
      handle: (_incoming, outgoing) => sendAnswer(outgoing, answer),
    });
    const response = await fetch(fake.url);
    expect(response.status).toBe(answer.status);
    expect(response.headers.get('content-type')).toBe(type);
    expect(await response.text()).toBe(text);
  });
});

describe('createRouter', () => {
  const match = createRouter(['GET /a/:id', 'POST /a/:id/b', 'GET /c']);
  it.each([
    ['GET', '/a/42', { route: 'GET /a/:id', params: { id: '42' } }],
    ['POST', '/a/7/b', { route: 'POST /a/:id/b', params: { id: '7' } }],
    ['POST', '/c', { wrongMethod: true }],
    ['GET', '/d', undefined],
  ])('%s %s', (method, path, expected) => {
    expect(match(method, path)).toEqual(expected);
  });
});

describe('parseMultipart', () => {
  it('reads fields and files, and refuses a truncated body', () => {
    const body = Buffer.from(
      '--B\r\nContent-Disposition: form-data; name="alt"\r\n\r\nun chat\r\n' +
        '--B\r\nContent-Disposition: form-data; name="file"; filename="c.png"\r\nContent-Type: image/png\r\n\r\nPNG\r\n--B--\r\n',
    );
    expect(parseMultipart(body, 'B').map(({ data, ...part }) => ({ ...part, data: data.toString() }))).toEqual([
      { name: 'alt', filename: undefined, type: 'application/octet-stream', data: 'un chat' },
      { name: 'file', filename: 'c.png', type: 'image/png', data: 'PNG' },
    ]);
    expect(() => parseMultipart(Buffer.from('--B\r\nContent-Disposition: form-data; name="a"'), 'B')).toThrow(
      Unexpected,
    );
  });
});

describe('runHandler', () => {
  it('gives back a thrown Answer or Unexpected, and lets a bug through', async () => {
    const answer = new Answer(404, {});
    expect(
      await runHandler(() => {
        throw answer;
      }),
    ).toBe(answer);
    expect(
      await runHandler(() => {
        throw new Unexpected('x');
      }),
    ).toBeInstanceOf(Unexpected);
    await expect(
      runHandler(() => {
        throw new TypeError('bug');
      }),
    ).rejects.toThrow(TypeError);
  });
});
