// "Write a post for then": the composer's address with the date and time it starts from, and how the composer reads
// it back. The parameter comes from a URL anybody can edit, so only a full ISO instant within reach is taken.

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
/** Ten years either way: beyond, a pasted address is a mistake rather than a plan. */
const REACH_MS = 10 * 366 * 86_400_000;

export function newPostAt(workspaceId: string, at: string): string {
  return `/w/${workspaceId}/posts/new?${new URLSearchParams({ at }).toString()}`;
}

/** The instant an `?at=` parameter names, as an ISO string, or null when it is absent or not a plain instant. */
export function readNewPostAt(value: string | null, now = Date.now()): string | null {
  if (!value || !ISO_INSTANT.test(value)) return null;
  const ms = Date.parse(value);
  if (Number.isNaN(ms) || Math.abs(ms - now) > REACH_MS) return null;
  return new Date(ms).toISOString();
}
