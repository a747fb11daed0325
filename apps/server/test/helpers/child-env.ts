// The environment a `rostra` child process sees in tests: the parent's, minus Rostra's own variables
// (a developer's DATABASE_URL must never leak into a test server), plus what the test sets. Outbound requests may
// reach the loopback hosts the tests' fakes listen on, as in the test processes themselves.
import { TEST_OUTBOUND_ALLOW } from '@rostra/connectors/testing';

export function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(PORT|HOST|DATABASE_URL|REDIS_URL|ROSTRA_|PUBLIC_URL)/.test(k)),
  );
  return { ...base, LOG_LEVEL: 'warn', ROSTRA_OUTBOUND_ALLOW: TEST_OUTBOUND_ALLOW, ...env };
}
