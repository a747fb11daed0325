// The one interface every network or source implements. A capability a network lacks is absent
// (undefined), never a stub that throws. Each network lives in its own folder beside this file.

/** Identifies a network or source, e.g. "bluesky", "mastodon", "rss". */
export type NetworkId = string;

export type AuthFlow = 'oauth2' | 'app-password' | 'none';

export interface Connector {
  readonly network: NetworkId;
  readonly auth: AuthFlow;
}
