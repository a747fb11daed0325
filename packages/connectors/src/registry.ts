// Every connector Rostra ships, as an explicit list: adding a network is adding a line here.
import { bluesky } from './bluesky/index.js';
import type { Connector, NetworkId } from './connector.js';
import { mastodon } from './mastodon/index.js';

export const connectors: readonly Connector[] = [bluesky, mastodon];

export function findConnector(network: NetworkId): Connector | undefined {
  return connectors.find((connector) => connector.network === network);
}
