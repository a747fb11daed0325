// Bytes to text, the way feeds need it: a byte order mark wins, then what the HTTP charset and the XML declaration
// say. Servers often send a default charset that is wrong, so a body that is valid UTF-8 is read as UTF-8 whenever
// either source claims UTF-8 (or neither says anything); a body that is not falls back to windows-1252, the
// encoding of most undeclared legacy feeds. Node's TextDecoder (full ICU) knows GB2312, Latin-2, Shift_JIS…

/** The text, and the encoding it was read with (a WHATWG label, e.g. "gbk" for GB2312). */
export function decodeFeedBody(body: Uint8Array, contentType: string | null): { text: string; encoding: string } {
  const bom = readBom(body);
  if (bom) return { text: new TextDecoder(bom).decode(body), encoding: bom };
  const declared = [charsetOf(contentType), xmlDeclaredEncoding(body)]
    .map((label) => (label === null ? null : knownEncoding(label)))
    .filter((label): label is string => label !== null);
  if (declared.length === 0 || declared.includes('utf-8')) {
    try {
      return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' };
    } catch {
      // Not UTF-8 after all: the other declaration, or windows-1252.
    }
  }
  // A UTF-16 label without a byte order mark is nearly always a mislabelled single-byte document.
  const encoding = declared.find((label) => label !== 'utf-8' && !label.startsWith('utf-16')) ?? 'windows-1252';
  const text = new TextDecoder(encoding).decode(body);
  return { text: encoding === 'windows-1252' ? fixWindows1252(text) : text, encoding };
}

// Node 20's TextDecoder decodes "windows-1252" (and "iso-8859-1", its WHATWG alias) as ISO-8859-1, leaving
// 0x80–0x9F as C1 control characters. Text never means those, so
// map them to the windows-1252 characters the WHATWG Encoding Standard assigns.
const WINDOWS_1252_C1 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function fixWindows1252(text: string): string {
  return text.replace(/[\u0080-\u009f]/g, (char) => WINDOWS_1252_C1[char.charCodeAt(0) - 0x80]!);
}

function readBom(body: Uint8Array): string | null {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return 'utf-8';
  if (body[0] === 0xfe && body[1] === 0xff) return 'utf-16be';
  if (body[0] === 0xff && body[1] === 0xfe) return 'utf-16le';
  return null;
}

function charsetOf(contentType: string | null): string | null {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '');
  return match ? match[1]! : null;
}

function xmlDeclaredEncoding(body: Uint8Array): string | null {
  // The declaration is ASCII in every encoding a feed uses without a byte order mark.
  const head = new TextDecoder('latin1').decode(body.subarray(0, 256));
  const match = /^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  return match ? match[1]! : null;
}

/** The WHATWG name of a charset label, or null when Node cannot decode it. */
function knownEncoding(label: string): string | null {
  try {
    return new TextDecoder(label.trim()).encoding;
  } catch {
    return null;
  }
}
