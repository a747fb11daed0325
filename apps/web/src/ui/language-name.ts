// A language code (BCP 47: fr, pt-BR) as its name in the person's language — « français », "French" —
// through Intl.DisplayNames; a code Intl does not know stays as it is.
export function languageName(code: string, locale: string): string {
  try {
    const name = new Intl.DisplayNames([locale], { type: 'language', fallback: 'none' }).of(code);
    return name ?? code;
  } catch {
    // An ill-formed tag (RangeError): shown as received.
    return code;
  }
}
