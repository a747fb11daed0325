// Media files: upload (the raw file as the body, with its content type), list, download, edit the alternative
// text, delete.
import type { Socket } from 'node:net';
import { z } from 'zod';
import { MEDIA_TYPES, type Media } from '@rostra/core';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { RouteDeps, ZodApp } from '../app.js';
import { requireWorkspace } from '../access.js';
import { callerOf } from './caller.js';
import { commonErrors, errorSchema, idSchema, noContent, toIso } from '../schemas.js';
import { createMediaService, MAX_ALT_LENGTH } from '../../publishing/media.js';
import { createUploadSlots } from '../upload-slots.js';

/** An upload that sends nothing for this long is abandoned (its slot and buffer freed). */
const UPLOAD_IDLE_MS = 60_000;

export const mediaSchema = z
  .object({
    id: z.string(),
    mimeType: z.string(),
    size: z.number().describe('Bytes'),
    width: z.number().nullable(),
    height: z.number().nullable(),
    sha256: z.string(),
    alt: z.string().describe('The alternative text proposed when the file is added to a post'),
    url: z.string().describe('Where to download the file (same authentication)'),
    createdBy: z.string().nullable(),
    createdAt: z.iso.datetime(),
  })
  .describe('Media');

export function presentMedia(media: Media) {
  return {
    id: media.id,
    mimeType: media.mimeType,
    size: media.size,
    width: media.width,
    height: media.height,
    sha256: media.sha256,
    alt: media.alt,
    url: `/api/workspaces/${media.workspaceId}/media/${media.id}`,
    createdBy: media.createdBy,
    createdAt: toIso(media.createdAt),
  };
}

export function registerMediaRoutes(api: ZodApp, { runtime }: RouteDeps): void {
  const { store } = runtime;
  const media = createMediaService({ store, maxBytes: runtime.config.mediaMaxBytes });
  const params = z.strictObject({ workspaceId: idSchema });
  const itemParams = z.strictObject({ workspaceId: idSchema, mediaId: idSchema });

  const slots = createUploadSlots(runtime.config.uploadConcurrency);

  // Its own scope: only this route reads any content type as raw bytes, so it can say what it accepts
  // instead of Fastify's generic 415, and only it takes bodies larger than the API's 1 MiB.
  void api.register(async (scope) => {
    // Runs after the access hook (registered on the root) and, like it, before the body is read: a caller
    // over the upload caps is refused without the server taking in its file.
    scope.addHook('preParsing', async (request, reply) => {
      const release = slots.acquire(requireWorkspace(request).id);
      // 'close' comes once the answer is sent or the connection is gone, whichever happens: never a leak.
      reply.raw.once('close', release);
      // A client that stops sending holds its slot and its buffer; an upload idle this long is cut. (Requests
      // injected in-process have a stand-in socket without timeouts.)
      const socket = request.raw.socket as Partial<Socket> | undefined;
      if (typeof socket?.setTimeout === 'function') {
        const idle = () => socket.destroy?.();
        socket.setTimeout(UPLOAD_IDLE_MS);
        socket.once?.('timeout', idle);
        reply.raw.once('close', () => {
          socket.off?.('timeout', idle);
          // Node has set its keep-alive timeout by now, unless the connection is closing: leave that one alone.
          if (socket.timeout === UPLOAD_IDLE_MS) socket.setTimeout?.(0);
        });
      }
    });
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: media.maxBytes }, (_request, body, done) =>
      done(null, body),
    );
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/workspaces/:workspaceId/media',
      {
        bodyLimit: media.maxBytes,
        config: { access: { kind: 'workspace', role: 'contributor' } },
        schema: {
          summary:
            'Upload an image or video: the file itself as the body, with its Content-Type (image/jpeg, image/png, ' +
            'image/gif, image/webp or video/mp4); the content must match the type',
          tags: ['media'],
          consumes: [...MEDIA_TYPES],
          params,
          querystring: z.strictObject({
            alt: z
              .string()
              .max(MAX_ALT_LENGTH * 4)
              .optional(),
          }),
          response: { 201: mediaSchema, ...commonErrors, 413: errorSchema, 415: errorSchema, 429: errorSchema },
        },
      },
      async (request, reply) => {
        const body = request.body;
        const data = body instanceof Uint8Array ? body : new Uint8Array(0);
        const stored = await media.upload(
          requireWorkspace(request).id,
          { data, declaredType: request.headers['content-type'] ?? '', alt: request.query.alt ?? '' },
          callerOf(request),
        );
        return reply.status(201).send(presentMedia(stored));
      },
    );
  });

  api.get(
    '/api/workspaces/:workspaceId/media',
    {
      config: { access: { kind: 'workspace', role: 'viewer' } },
      schema: {
        summary: 'The workspace’s media files, newest first',
        tags: ['media'],
        params,
        querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
        response: { 200: z.object({ items: z.array(mediaSchema) }), ...commonErrors },
      },
    },
    async (request) => ({
      items: (await store.media.list(requireWorkspace(request).id, request.query.limit)).map(presentMedia),
    }),
  );

  api.get(
    '/api/workspaces/:workspaceId/media/:mediaId',
    {
      config: { access: { kind: 'workspace', role: 'viewer' } },
      schema: {
        summary: 'Download a media file, with the type it was recognised as',
        tags: ['media'],
        params: itemParams,
        // Bytes, not JSON: Fastify sends a Buffer as it is, past the serializer.
        response: { 200: z.any().describe('The file, with its own Content-Type'), ...commonErrors },
      },
    },
    async (request, reply) => {
      const workspaceId = requireWorkspace(request).id;
      const meta = await store.media.get(workspaceId, request.params.mediaId);
      const data = meta && (await store.media.getData(workspaceId, meta.id));
      if (!meta || !data) return reply.status(404).send({ code: 'not_found', message: 'Media not found' });
      // The stored type was checked against the bytes at upload; nosniff and a sandboxing CSP keep a browser
      // from ever running the file as a page.
      return reply
        .type(meta.mimeType)
        .header('content-disposition', 'inline')
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', 'private, max-age=31536000, immutable')
        .header('etag', `"${meta.sha256}"`)
        .send(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    },
  );

  api.patch(
    '/api/workspaces/:workspaceId/media/:mediaId',
    {
      config: { access: { kind: 'workspace', role: 'contributor' } },
      schema: {
        summary:
          'Change a media file’s own alternative text (the one proposed when it is added to a post); refused once ' +
          'a post using it was published',
        tags: ['media'],
        params: itemParams,
        body: z.strictObject({ alt: z.string().max(MAX_ALT_LENGTH * 4) }),
        response: { 200: mediaSchema, ...commonErrors, 409: errorSchema },
      },
    },
    async (request) =>
      presentMedia(
        await media.editAlt(requireWorkspace(request).id, request.params.mediaId, request.body, callerOf(request)),
      ),
  );

  api.delete(
    '/api/workspaces/:workspaceId/media/:mediaId',
    {
      config: { access: { kind: 'workspace', role: 'contributor' } },
      schema: {
        summary: 'Delete a media file no post uses',
        tags: ['media'],
        params: itemParams,
        response: { ...noContent, ...commonErrors, 409: errorSchema },
      },
    },
    async (request, reply) => {
      await media.delete(requireWorkspace(request).id, request.params.mediaId, callerOf(request));
      return reply.status(204).send(null);
    },
  );
}
