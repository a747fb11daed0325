// An in-process Rostra for API tests: a fresh database, the real app, requests through app.inject.
import pino from 'pino';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createTestDatabase, type TestDatabase, type TestDialect } from '@rostra/store/testing';
import { parseConfig } from '../../src/config.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import { buildApp, type RouteInfo } from '../../src/http/app.js';
import { SESSION_COOKIE } from '../../src/http/access.js';
import type { Connector } from '@rostra/connectors';
import { createTestNetwork } from './fake-network.js';

export interface Caller {
  /** Cookie header value for a browser session. */
  cookie?: string;
  csrf?: string;
  /** A Bearer API key. */
  apiKey?: string;
}

/** A non-JSON body (an uploaded file) for `call`, sent as is with its content type. */
export class RawBody {
  constructor(
    readonly data: Uint8Array,
    readonly contentType: string,
  ) {}
}

export interface TestApp {
  app: FastifyInstance;
  runtime: Runtime;
  routes: RouteInfo[];
  call(
    method: string,
    url: string,
    options?: { as?: Caller; body?: unknown; rawBody?: string; headers?: Record<string, string> },
  ): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function createTestApp(
  dialect: TestDialect = 'sqlite',
  env: Record<string, string> = {},
  options: { connectors?: readonly Connector[] } = {},
): Promise<TestApp> {
  // Already migrated (copied from a template): createRuntime then finds nothing to apply.
  const database: TestDatabase = await createTestDatabase(dialect, { migrated: true });
  const config = parseConfig({
    ROSTRA_DATA_DIR: database.dataDir,
    ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : {}),
    PUBLIC_URL: 'http://rostra.test',
    ...env,
  });
  const runtime = await createRuntime(config, {
    log: pino({ level: 'silent' }),
    connectors: options.connectors ?? [createTestNetwork().connector],
  });
  const { app, routes } = await buildApp(runtime);
  await app.ready();
  return {
    app,
    runtime,
    routes,
    call(method, url, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      if (options.as?.cookie) headers.cookie = options.as.cookie;
      if (options.as?.csrf) headers['x-csrf-token'] = options.as.csrf;
      if (options.as?.apiKey) headers.authorization = `Bearer ${options.as.apiKey}`;
      let payload: string | Buffer | undefined;
      if (options.body instanceof RawBody) {
        payload = Buffer.from(options.body.data);
        headers['content-type'] ??= options.body.contentType;
      } else if (options.rawBody !== undefined) payload = options.rawBody;
      else if (options.body !== undefined) payload = JSON.stringify(options.body);
      if (payload !== undefined) headers['content-type'] ??= 'application/json';
      return app.inject({ method: method as 'GET', url, headers, ...(payload !== undefined ? { payload } : {}) });
    },
    async close() {
      await app.close();
      await runtime.close();
      await database.drop();
    },
  };
}

/** The session cookie a response set, as a Cookie header value. */
export function sessionCookie(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE);
  if (!cookie) throw new Error(`No ${SESSION_COOKIE} cookie in response (status ${response.statusCode})`);
  return `${SESSION_COOKIE}=${cookie.value}`;
}

export const ADMIN = { email: 'admin@mairie.test', password: 'un mot de passe solide', name: 'Adèle Admin' };

/** Runs first-run setup and returns the admin's browser session and the first workspace id. */
export async function setUp(t: TestApp): Promise<{ admin: Caller; workspaceId: string; userId: string }> {
  const response = await t.call('POST', '/api/setup', {
    body: { organisation: 'Mairie de Test', workspace: 'Communication', ...ADMIN },
  });
  if (response.statusCode !== 201) throw new Error(`setup failed: ${response.body}`);
  const body = response.json() as { csrfToken: string; workspace: { id: string }; user: { id: string } };
  return {
    admin: { cookie: sessionCookie(response), csrf: body.csrfToken },
    workspaceId: body.workspace.id,
    userId: body.user.id,
  };
}

/** Invites `email` with `role` into a workspace and accepts as a new user; returns their session. */
export async function addMember(
  t: TestApp,
  admin: Caller,
  workspaceId: string,
  email: string,
  role: string,
): Promise<{ caller: Caller; userId: string }> {
  const invited = await t.call('POST', `/api/workspaces/${workspaceId}/invitations`, {
    as: admin,
    body: { email, role },
  });
  if (invited.statusCode !== 201) throw new Error(`invite failed: ${invited.body}`);
  const token = (invited.json() as { url: string }).url.split('/invite/')[1] as string;
  const accepted = await t.call('POST', `/api/invitations/${token}/accept`, {
    body: { name: email.split('@')[0], password: 'mot de passe du membre' },
  });
  if (accepted.statusCode !== 200) throw new Error(`accept failed: ${accepted.body}`);
  const body = accepted.json() as { csrfToken: string; user: { id: string } };
  return { caller: { cookie: sessionCookie(accepted), csrf: body.csrfToken }, userId: body.user.id };
}
