// The one public route to a media file: a network that downloads media (Instagram) fetches it through a signed,
// short-lived link (publishing/media-links.ts), with no session. Anything else — a forged, altered or expired
// token, a file since deleted — is a 404 that says nothing about which.
import { z } from 'zod';
import type { RouteDeps, ZodApp } from '../app.js';
import { createMediaLinks } from '../../publishing/media-links.js';

export function registerPublicMediaRoutes(api: ZodApp, { runtime }: RouteDeps): void {
  const links = createMediaLinks(runtime.secrets, runtime.config.publicUrl);
  api.get(
    '/api/public/media/:file',
    {
      config: { access: { kind: 'public' } },
      schema: {
        summary: 'A media file through a signed link Rostra gave a network while publishing (valid one hour)',
        tags: ['media'],
        params: z.strictObject({ file: z.string().min(1).max(100) }),
        querystring: z.strictObject({ token: z.string().min(1).max(2000) }),
        response: {
          200: z.any().describe('The file, with its own Content-Type'),
          404: z.object({ code: z.string(), message: z.string() }),
        },
      },
    },
    async (request, reply) => {
      const named = links.read(request.params.file, request.query.token);
      const meta = named && (await runtime.store.media.get(named.workspaceId, named.mediaId));
      const data = named && meta && (await runtime.store.media.getData(named.workspaceId, meta.id));
      if (!meta || !data) return reply.status(404).send({ code: 'not_found', message: 'Media not found' });
      return reply
        .type(meta.mimeType)
        .header('content-disposition', 'inline')
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', 'no-store')
        .header('x-robots-tag', 'noindex')
        .send(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    },
  );
}
