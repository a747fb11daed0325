// Early answers for URLs people type (webhook endpoints, chat alert URLs, listening sources): an address that is
// not public and not allowed is refused when the URL is saved, not only when the first request fails. Every
// connection is still checked at connect time (packages/connectors/src/outbound.ts); this only says it sooner.
import { AppError } from '@rostra/core';
import { checkOutboundUrl } from '@rostra/connectors/outbound';

/** Throws `address_not_allowed` (details: the field and the host) for the first refused http(s)/ws(s) URL. */
export async function refuseDisallowedUrls(fields: Record<string, string | null | undefined>): Promise<void> {
  for (const [path, value] of Object.entries(fields)) {
    if (!value || !/^(https?|wss?):\/\//i.test(value.trim())) continue;
    const refused = await checkOutboundUrl(value.trim());
    if (refused) {
      throw new AppError('address_not_allowed', `${path}: ${refused.message}`, {
        path,
        host: new URL(value.trim()).hostname,
      });
    }
  }
}

/** `{ url: … }` under `body.config` → `{ "body.config.url": … }`, for refuseDisallowedUrls' paths. */
export function prefixed(prefix: string, values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [`${prefix}.${key}`, value]));
}
