// The one way the UI turns data into HTML text. React escapes what it renders, but a few sinks take an HTML
// string (an ECharts tooltip `formatter`, FullCalendar's `{ html }` content): everything interpolated there goes
// through `html`…`` so a name like `<img src=x onerror=…>` is shown, never parsed. ESLint
// (eslint.config.js) refuses tooltip formatters and `html:` properties built any other way.

// The five characters that can open a tag, an entity or leave a quoted attribute (OWASP XSS cheat sheet, rule 1).
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** `value` as HTML text: safe between tags and inside a quoted attribute value. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}

/** A template whose literal parts are trusted markup and whose every interpolation is escaped. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): string {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    out += escapeHtml(value) + (strings[index + 1] ?? '');
  });
  return out;
}
