// A post's first words on one line, for table rows and calendar events.
export function summarizePostText(text: string, maxWords = 8, maxLength = 60): string {
  const words = text.trim().split(/\s+/).filter(Boolean);
  let summary = words.slice(0, maxWords).join(' ');
  let truncated = words.length > maxWords;
  if (summary.length > maxLength) {
    // By code point, so an emoji is never cut in half.
    summary = Array.from(summary).slice(0, maxLength).join('').trimEnd();
    truncated = true;
  }
  return truncated ? `${summary}…` : summary;
}
