// The editorial line's vocabulary: themes (content pillars, with a colour) and content types.
import { z } from 'zod';
import type { RouteDeps, ZodApp } from '../app.js';
import { requireWorkspace } from '../access.js';
import { callerOf } from './caller.js';
import { commonErrors, errorSchema, idSchema, nameSchema, noContent } from '../schemas.js';

const themeSchema = z.object({ id: z.string(), name: z.string(), color: z.string() });
const contentTypeSchema = z.object({ id: z.string(), name: z.string() });
const colorSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Use a hex colour like #1c7ed6');

const params = z.strictObject({ workspaceId: idSchema });

/** The editorial routes, in the order the API lists them: themes, then content types. */
export function registerEditorialRoutes(api: ZodApp, deps: RouteDeps): void {
  registerThemeRoutes(api, deps);
  registerContentTypeRoutes(api, deps);
}

/** Themes (content pillars, with a colour): listed, created, deleted. */
function registerThemeRoutes(api: ZodApp, { runtime, publishing }: RouteDeps): void {
  const { store } = runtime;
  api.get(
    '/api/workspaces/:workspaceId/themes',
    {
      config: { access: { kind: 'workspace', role: 'viewer' } },
      schema: {
        summary: 'Editorial themes',
        tags: ['editorial'],
        params,
        response: { 200: z.object({ items: z.array(themeSchema) }), ...commonErrors },
      },
    },
    async (request) => ({
      items: (await store.editorial.listThemes(requireWorkspace(request).id)).map(({ id, name, color }) => ({
        id,
        name,
        color,
      })),
    }),
  );

  api.post(
    '/api/workspaces/:workspaceId/themes',
    {
      config: { access: { kind: 'workspace', role: 'manager' } },
      schema: {
        summary: 'Add an editorial theme',
        tags: ['editorial'],
        params,
        body: z.strictObject({ name: nameSchema, color: colorSchema }),
        response: { 201: themeSchema, ...commonErrors, 409: errorSchema },
      },
    },
    async (request, reply) => {
      const theme = await publishing.createTheme(
        requireWorkspace(request).id,
        request.body.name,
        request.body.color,
        callerOf(request),
      );
      return reply.status(201).send({ id: theme.id, name: theme.name, color: theme.color });
    },
  );

  api.delete(
    '/api/workspaces/:workspaceId/themes/:themeId',
    {
      config: { access: { kind: 'workspace', role: 'manager' } },
      schema: {
        summary: 'Remove an editorial theme (posts keep existing, without theme)',
        tags: ['editorial'],
        params: z.strictObject({ workspaceId: idSchema, themeId: idSchema }),
        response: { ...noContent, ...commonErrors },
      },
    },
    async (request, reply) => {
      await publishing.deleteTheme(requireWorkspace(request).id, request.params.themeId, callerOf(request));
      return reply.status(204).send(null);
    },
  );
}

/** Content types: listed, created, deleted. */
function registerContentTypeRoutes(api: ZodApp, { runtime, publishing }: RouteDeps): void {
  const { store } = runtime;
  api.get(
    '/api/workspaces/:workspaceId/content-types',
    {
      config: { access: { kind: 'workspace', role: 'viewer' } },
      schema: {
        summary: 'Content types (vidéo, photo, lien…)',
        tags: ['editorial'],
        params,
        response: { 200: z.object({ items: z.array(contentTypeSchema) }), ...commonErrors },
      },
    },
    async (request) => ({
      items: (await store.editorial.listContentTypes(requireWorkspace(request).id)).map(({ id, name }) => ({
        id,
        name,
      })),
    }),
  );

  api.post(
    '/api/workspaces/:workspaceId/content-types',
    {
      config: { access: { kind: 'workspace', role: 'manager' } },
      schema: {
        summary: 'Add a content type',
        tags: ['editorial'],
        params,
        body: z.strictObject({ name: nameSchema }),
        response: { 201: contentTypeSchema, ...commonErrors, 409: errorSchema },
      },
    },
    async (request, reply) => {
      const type = await publishing.createContentType(
        requireWorkspace(request).id,
        request.body.name,
        callerOf(request),
      );
      return reply.status(201).send({ id: type.id, name: type.name });
    },
  );

  api.delete(
    '/api/workspaces/:workspaceId/content-types/:contentTypeId',
    {
      config: { access: { kind: 'workspace', role: 'manager' } },
      schema: {
        summary: 'Remove a content type',
        tags: ['editorial'],
        params: z.strictObject({ workspaceId: idSchema, contentTypeId: idSchema }),
        response: { ...noContent, ...commonErrors },
      },
    },
    async (request, reply) => {
      await publishing.deleteContentType(requireWorkspace(request).id, request.params.contentTypeId, callerOf(request));
      return reply.status(204).send(null);
    },
  );
}
