// PKCE for the OAuth 2.0 authorization code flow (RFC 7636, S256), through oauth4webapi — one well-kept
// implementation for every network that asks for it (X requires it; Mastodon supports it since 4.3).
import { calculatePKCECodeChallenge, generateRandomCodeVerifier } from 'oauth4webapi';

export interface Pkce {
  /** Kept with the pending login, sent with the code at the token endpoint. */
  codeVerifier: string;
  /** Sent in the authorization URL as `code_challenge`, with `code_challenge_method=S256`. */
  codeChallenge: string;
}

export async function createPkce(): Promise<Pkce> {
  const codeVerifier = generateRandomCodeVerifier();
  return { codeVerifier, codeChallenge: await calculatePKCECodeChallenge(codeVerifier) };
}
