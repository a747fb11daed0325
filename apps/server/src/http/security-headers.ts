// The browser-side defences sent with every response (UI, API, /api/docs), through @fastify/helmet: a
// Content-Security-Policy that lets only Rostra's own script files run — so text that slipped into HTML still
// cannot execute — plus no MIME sniffing, no framing, a short referrer, and HSTS when Rostra is served over HTTPS.
import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/**
 * The built UI (apps/web/dist/index.html) loads its code from /assets only; no inline script anywhere.
 * Styles need 'unsafe-inline': React `style` props, Mantine's CSS variables, ECharts' SVG and tooltip and
 * FullCalendar all write style attributes or <style> elements. Styles cannot run script in current browsers.
 * `data:` and `blob:` images: Mantine's CSS icons and image previews. Swagger UI at /api/docs fits the same rules.
 */
export const CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'frame-ancestors': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
} as const;

export function securityHeaderOptions(options: { https: boolean }): FastifyHelmetOptions {
  return {
    global: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        ...CONTENT_SECURITY_POLICY,
        // Only meaningful when the page itself is https: http deployments (a LAN, a test) must keep loading.
        ...(options.https ? { 'upgrade-insecure-requests': [] } : {}),
      },
    },
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    // A browser that saw HSTS on an http origin would ignore it anyway; sending it only behind https keeps
    // a plain-http install reachable. No includeSubDomains: Rostra does not own its sibling hosts.
    strictTransportSecurity: options.https ? { maxAge: 31_536_000, includeSubDomains: false } : false,
  };
}

export async function registerSecurityHeaders(app: FastifyInstance, options: { https: boolean }): Promise<void> {
  await app.register(helmet, securityHeaderOptions(options));
}
