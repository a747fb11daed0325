// Early answers for URLs people type (webhook endpoints, chat alert URLs, listening sources): an address that is
// not public and not allowed is refused when the URL is saved, not only when the first request fails. Every
// connection is still checked at connect time (packages/connectors/src/outbound.ts); this only says it sooner.
import { AppError } from '@rostra/core';
import { checkOutboundUrl } from '@rostra/connectors/outbound';

const SERVER_FIELD = /\.(instance|site|service)$/;

/** Throws `address_not_allowed` (details: the field and the host) for the first refused http(s)/ws(s) URL. */
export async function refuseDisallowedUrls(fields: Record<string, string | null | undefined>): Promise<void> {
  for (const [path, raw] of Object.entries(fields)) {
    const value = raw?.trim() ?? '';
    // A server named without a scheme (`instance: mastodon.lan`) is reached over https.
    const url = /^(https?|wss?):\/\//i.test(value) ? value : SERVER_FIELD.test(path) && value ? `https://${value}` : '';
    if (!URL.canParse(url)) continue;
    const refused = await checkOutboundUrl(url);
    if (refused) {
      throw new AppError('address_not_allowed', `${path}: ${refused.message}`, { path, host: new URL(url).hostname });
    }
  }
}

/** `{ url: … }` under `body.config` → `{ "body.config.url": … }`, for refuseDisallowedUrls' paths. */
export function prefixed(prefix: string, values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [`${prefix}.${key}`, value]));
}
