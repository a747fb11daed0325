// Wildcard words: `?` stands for exactly one character, a trailing `*` for any suffix. Shared by exact
// evaluation and by the topic index, so both agree on which words a pattern accepts.

export function isWildcard(word: string): boolean {
  return word.includes('*') || word.includes('?');
}

const ANY = -1;

/**
 * Tests a word against a pattern. `?` counts code points, so a letter outside the Basic Multilingual Plane
 * counts once. The test allocates nothing: it may run on every word of every post.
 */
export function compileWordPattern(pattern: string): (word: string) => boolean {
  const open = pattern.endsWith('*');
  const body = Array.from(open ? pattern.slice(0, -1) : pattern, (c) =>
    c === '?' ? ANY : (c.codePointAt(0) as number),
  );
  const firstWildcard = body.indexOf(ANY);
  if (firstWildcard === -1) {
    const literal = open ? pattern.slice(0, -1) : pattern;
    return open ? (word) => word.startsWith(literal) : (word) => word === literal;
  }
  const prefix = String.fromCodePoint(...body.slice(0, firstWildcard));
  return (word) => {
    if (!word.startsWith(prefix)) return false;
    let i = prefix.length;
    for (let k = firstWildcard; k < body.length; k++) {
      if (i >= word.length) return false;
      const codePoint = word.codePointAt(i) as number;
      const expected = body[k] as number;
      if (expected !== ANY && expected !== codePoint) return false;
      i += codePoint > 0xffff ? 2 : 1;
    }
    return open || i === word.length;
  };
}
