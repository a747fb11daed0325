// Every connector Rostra ships, as an explicit list: adding a network is adding a line here.
import type { Connector } from './connector.js';

export const connectors: readonly Connector[] = [];
