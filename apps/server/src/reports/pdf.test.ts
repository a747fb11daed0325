// The PDF module's text handling and output: characters outside the embedded font's subset never print as empty
// boxes, French number spacing survives, and a report is a PDF with one page label per page.
import { describe, expect, it } from 'vitest';
import { createPdfReport, printableText } from './pdf.js';

const latinOnly = (cp: number) => cp <= 0xff || cp === 0x153 || (cp >= 0x2000 && cp <= 0x206f) || cp === 0xfffd;

describe('printableText', () => {
  it.each([
    ['l’œuvre « phare »', 'l’œuvre « phare »'],
    ['1\u202F500 habitants', '1\u00A0500 habitants'],
    ['Bravo 👏🏽 !', 'Bravo \uFFFD\uFFFD !'],
    ['❤️ la ville', '\uFFFD la ville'],
    ['ligne\nsuivante', 'ligne\nsuivante'],
  ])('%j → %j', (input, expected) => {
    expect(printableText(input, latinOnly)).toBe(expected);
  });
});

describe('createPdfReport', () => {
  it('writes a PDF with the title in its metadata', async () => {
    const report = createPdfReport({
      title: 'Rapport d’essai',
      lang: 'fr-FR',
      pageLabel: (p, n) => `Page ${p} sur ${n}`,
    });
    report
      .heading('Partie')
      .paragraph('Un paragraphe.')
      .table([{ header: 'A', width: 1 }], [['x']]);
    const pdf = await report.end();
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toContain('/Lang (fr-FR)');
  });
});
