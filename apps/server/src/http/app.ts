// The HTTP server: Fastify with zod schemas, OpenAPI, access control, the REST routes and the built web UI.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyInstance,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { Redis } from 'ioredis';
import { jsonSchemaTransform, serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '@rostra/core';
import type { Runtime } from '../runtime.js';
import { createAccountsService, type AccountsService } from '../accounts/service.js';
import { createMailer, type Mailer } from '../mail/mail.js';
import { registerMailRoutes } from './routes/mail.js';
import { createAttemptLimits, type AttemptLimits } from './attempt-limits.js';
import { registerAccessControl, SESSION_COOKIE, CSRF_HEADER, type Access } from './access.js';
import { registerErrorHandling } from './errors.js';
import { acceptEmptyJsonBodies, optionalBodyValidatorCompiler } from './optional-body.js';
import { registerSecurityHeaders } from './security-headers.js';
import { registerSystemRoutes } from './routes/system.js';
import { registerAuthRoutes, registerPasswordRoutes } from './routes/auth.js';
import { registerWorkspaceRoutes } from './routes/workspaces.js';
import { registerMemberRoutes } from './routes/members.js';
import { registerInvitationRoutes } from './routes/invitations.js';
import { registerApiKeyRoutes } from './routes/api-keys.js';
import { registerAuditRoutes } from './routes/audit.js';
import { registerChannelRoutes } from './routes/channels.js';
import { registerEditorialRoutes } from './routes/editorial.js';
import { registerCharterRoutes } from './routes/charter.js';
import { registerInboxRoutes } from './routes/inbox.js';
import { registerInboxAutomationRoutes } from './routes/inbox-automation.js';
import { registerAmbassadorRoutes } from './routes/ambassador.js';
import { registerPostRoutes } from './routes/posts.js';
import { registerMediaRoutes } from './routes/media.js';
import { registerPublicMediaRoutes } from './routes/public-media.js';
import { createPublishingService, type PublishingService } from '../publishing/service.js';
import { createPublishingEngine } from '../publishing/engine.js';
import type { Connector } from '@rostra/connectors';
import { createWebhookDispatcher, type WebhookDispatcher } from '../events/webhooks.js';
import { registerWebhookRoutes } from './routes/webhooks.js';
import { registerCalendarRoutes } from './routes/calendar.js';
import { registerPlanningRoutes } from './routes/planning.js';
import { registerPlanRoutes } from './routes/plan.js';
import { registerListeningRoutes } from './routes/listening/index.js';
import { registerAlertRoutes } from './routes/alerts.js';
import { registerNotificationRoutes } from './routes/notifications.js';
import { registerHomeRoutes } from './routes/home.js';
import { registerStrategyRoutes } from './routes/strategy/index.js';

export type ZodApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export interface RouteInfo {
  method: string;
  url: string;
  access: Access;
}

export interface RouteDeps {
  runtime: Runtime;
  accounts: AccountsService;
  publishing: PublishingService;
  webhooks: WebhookDispatcher;
  connectors: readonly Connector[];
  /** Failed logins and reset requests, counted by account and by client address. */
  attempts: AttemptLimits;
}

const WEB_DIST = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

export interface BuiltApp {
  app: FastifyInstance;
  /** Every /api route with its declared access: the authorisation matrix test walks this list. */
  routes: RouteInfo[];
}

/** Fastify's typings take a hop count as a function: trust the `hops` nearest hops. */
function trustProxyOption(
  trust: boolean | number | string[],
): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trust !== 'number') return trust;
  return (_address, hop) => hop < trust;
}

export async function buildApp(runtime: Runtime): Promise<BuiltApp> {
  const app = createFastify(runtime);
  const routes = declaredRoutes(app);

  // One Redis connection for every rate limit, so the counts hold across the API processes of a deployment.
  const limitsRedis = runtime.config.redisUrl
    ? new Redis(runtime.config.redisUrl, { connectTimeout: 2000, maxRetriesPerRequest: 1 })
    : undefined;
  if (limitsRedis) app.addHook('onClose', async () => void (await limitsRedis.quit()));
  await registerPlugins(app, runtime, limitsRedis);

  const smtp = runtime.config.smtp;
  const mailer = smtp ? createMailer(smtp.url, smtp.from) : undefined;
  if (mailer) app.addHook('onClose', async () => mailer.close());
  const accounts = createAccountsService(runtime.store, {
    publicUrl: runtime.config.publicUrl,
    mail: smtp ? { queue: runtime.queue, secrets: runtime.secrets } : undefined,
  });
  registerErrorHandling(app);
  registerAccessControl(app, { store: runtime.store, accounts });

  registerRoutes(app, createRouteDeps(runtime, accounts, limitsRedis), mailer);
  await serveWebUi(app);

  return { app, routes };
}

/** Fastify with the server's limits and logging, request bodies and answers checked through zod. */
function createFastify(runtime: Runtime): FastifyInstance {
  const app = Fastify({
    loggerInstance: runtime.log as FastifyBaseLogger,
    // The client address is the socket's unless the operator names the proxies in front (ROSTRA_TRUST_PROXY):
    // otherwise anyone could pick their own address with X-Forwarded-For and slip past per-address limits.
    trustProxy: trustProxyOption(runtime.config.trustProxy),
    bodyLimit: 1024 * 1024,
    logController: new LogController({ disableRequestLogging: true }),
  });
  app.setValidatorCompiler(optionalBodyValidatorCompiler);
  acceptEmptyJsonBodies(app);
  app.setSerializerCompiler(serializerCompiler);
  return app;
}

/** What the routes call: the accounts service, webhooks, publishing (its engine), and the attempt limits. */
function createRouteDeps(runtime: Runtime, accounts: AccountsService, limitsRedis: Redis | undefined): RouteDeps {
  const webhooks = createWebhookDispatcher({ store: runtime.store, secrets: runtime.secrets, queue: runtime.queue });
  const engine = createPublishingEngine({
    store: runtime.store,
    secrets: runtime.secrets,
    queue: runtime.queue,
    connectors: runtime.connectors,
    events: webhooks,
  });
  const publishing = createPublishingService({
    store: runtime.store,
    secrets: runtime.secrets,
    connectors: runtime.connectors,
    engine,
    events: webhooks,
  });
  return {
    runtime,
    accounts,
    publishing,
    webhooks,
    connectors: runtime.connectors,
    attempts: createAttemptLimits(limitsRedis),
  };
}

/** Every route, in the order the OpenAPI document lists them. */
function registerRoutes(app: FastifyInstance, deps: RouteDeps, mailer: Mailer | undefined): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get('/api/openapi.json', { config: { access: { kind: 'public' } }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
  registerSystemRoutes(api, deps);
  registerAuthRoutes(api, deps);
  registerPasswordRoutes(api, deps);
  registerWorkspaceRoutes(api, deps);
  registerMemberRoutes(api, deps);
  registerInvitationRoutes(api, deps);
  registerMailRoutes(api, deps, mailer);
  registerApiKeyRoutes(api, deps);
  registerAuditRoutes(api, deps);
  registerChannelRoutes(api, deps);
  registerEditorialRoutes(api, deps);
  registerCharterRoutes(api, deps);
  registerAmbassadorRoutes(api, deps);
  registerPostRoutes(api, deps);
  registerMediaRoutes(api, deps);
  registerPublicMediaRoutes(api, deps);
  registerWebhookRoutes(api, deps);
  registerCalendarRoutes(api, deps);
  registerPlanningRoutes(api, deps);
  registerPlanRoutes(api, deps);
  registerListeningRoutes(api, deps);
  registerAlertRoutes(api, deps);
  registerNotificationRoutes(api, deps);
  registerHomeRoutes(api, deps);
  registerStrategyRoutes(api, deps);
  registerInboxRoutes(api, deps);
  registerInboxAutomationRoutes(api, deps);
}

/** Every /api route, as it is registered; one that does not say who may call it stops the start-up. */
function declaredRoutes(app: FastifyInstance): RouteInfo[] {
  const routes: RouteInfo[] = [];
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api')) return;
    // Documentation routes added by plugins are public; every other /api route must say who may call it.
    if (route.url.startsWith('/api/docs')) {
      route.config = { ...(route.config ?? {}), access: { kind: 'public' } };
    }
    const access = (route.config as { access?: Access } | undefined)?.access;
    if (!access) throw new Error(`Route ${String(route.method)} ${route.url} declares no access`);
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') routes.push({ method, url: route.url, access });
    }
  });
  return routes;
}

/** Security headers, cookies, rate limits (in Redis when there is one, shared by every API process), OpenAPI. */
async function registerPlugins(app: FastifyInstance, runtime: Runtime, limitsRedis: Redis | undefined): Promise<void> {
  await registerSecurityHeaders(app, { https: runtime.config.publicUrl.startsWith('https:') });
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    hook: 'preHandler',
    ...(limitsRedis ? { redis: limitsRedis, nameSpace: 'rostra-rl-' } : {}),
    errorResponseBuilder: (_request, context) =>
      new AppError('rate_limited', `Too many attempts; retry in ${Math.ceil(context.ttl / 1000)} s`, {
        retryAfter: Math.ceil(context.ttl / 1000),
      }),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Rostra API',
        version: '0.1.0',
        description:
          'Rostra REST API. Authenticate scripts with a workspace API key (`Authorization: Bearer rst_…`). ' +
          `Browser sessions use the \`${SESSION_COOKIE}\` cookie and must send \`${CSRF_HEADER}\` on writes.`,
      },
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'Workspace API key' },
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
        },
      },
      security: [{ apiKey: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
}

/**
 * The built web UI (apps/web/dist): its files as the build compressed them, hashed assets cached for good, and
 * index.html for every client-side route; API paths that match no route are a JSON 404.
 */
async function serveWebUi(app: FastifyInstance): Promise<void> {
  const uiBuilt = existsSync(`${WEB_DIST}index.html`);
  if (uiBuilt) {
    await app.register(fastifyStatic, {
      root: WEB_DIST,
      wildcard: false,
      // The build writes .br and .gz beside each file (apps/web/precompress.ts): sent as the browser accepts.
      preCompressed: true,
      cacheControl: false,
      setHeaders(reply, filePath) {
        // /assets/ names carry a hash of their content: a browser keeps them for good. Anything else (index.html,
        // the favicon) is checked again each time, so a new version is seen at once.
        const hashed = filePath.startsWith(`${WEB_DIST}assets/`);
        reply.header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || request.method !== 'GET') {
      return reply
        .status(404)
        .send({ code: 'not_found', message: `No route ${request.method} ${request.url.split('?')[0]}` });
    }
    // Client-side routes (/w/…/members, /invite/…) all load the single-page app.
    if (uiBuilt) return reply.header('cache-control', 'no-cache').sendFile('index.html');
    return reply
      .status(503)
      .type('text/plain')
      .send('The web UI is not built. Run `npm run build` (npm start does it for you).');
  });
}
