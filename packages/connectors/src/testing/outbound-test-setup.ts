// Vitest setup for every test process: the fakes and servers tests start listen on loopback, so tests allow
// exactly the loopback hosts they use. The SSRF tests set a strict policy of their own and put this one back.
import { configureOutbound, parseOutboundAllow } from '../outbound.js';
import { TEST_OUTBOUND_ALLOW } from './ssrf.js';

configureOutbound({ allow: parseOutboundAllow(TEST_OUTBOUND_ALLOW).rules });
