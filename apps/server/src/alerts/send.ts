// Sending an alert outside the app: email through the configured SMTP server (the mail module's client),
// and Slack / Mattermost incoming webhooks. Mention text is untrusted: mail goes as plain text, and chat messages escape the
// characters Slack's mrkdwn reads as markup, so a post cannot ping @channel or forge a link.
import { ConnectorError } from '@rostra/connectors';
import { describeFailure, outboundFetch } from '@rostra/connectors/outbound';

/**
 * Slack: "&", "<" and ">" are the only characters to escape (https://api.slack.com/reference/surfaces/formatting#escaping);
 * Mattermost accepts the same payload (https://developers.mattermost.com/integrate/webhooks/incoming/).
 */
export function escapeChatText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export class ChatDeliveryError extends Error {
  constructor(
    message: string,
    /** 4xx other than 429: the URL is wrong or revoked; retrying will not help. */
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'ChatDeliveryError';
  }
}

export async function postToChat(
  url: string,
  message: { title: string; body: string },
  options: { fetch?: typeof fetch; timeoutMs?: number } = {},
): Promise<void> {
  const doFetch = options.fetch ?? outboundFetch;
  const text = `*${escapeChatText(message.title)}*\n${escapeChatText(message.body)}`;
  let response: Response;
  try {
    response = await doFetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text }),
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      redirect: 'error',
    });
  } catch (error) {
    // A refused address stays refused until an administrator allows it: no point retrying.
    const refused = error instanceof ConnectorError && error.code === 'address_not_allowed';
    throw new ChatDeliveryError(
      refused ? error.message : `Chat webhook unreachable: ${describeFailure(error)}`,
      refused,
    );
  }
  await response.body?.cancel();
  if (response.ok) return;
  const permanent = response.status >= 400 && response.status < 500 && response.status !== 429;
  throw new ChatDeliveryError(`Chat webhook answered HTTP ${response.status}`, permanent);
}
