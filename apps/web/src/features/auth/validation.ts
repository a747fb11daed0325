// Client-side checks mirroring the server's, so obvious mistakes are caught before a round trip.
export const MIN_PASSWORD_LENGTH = 12;

export function isEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim());
}
