import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { neutraliseCsvCell, readCsvCell, writeCsv } from './csv.js';

describe('CSV cells', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+33 6 12 34 56 78', "'+33 6 12 34 56 78"],
    ['-5', "'-5"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', "'\rcmd"],
    ['Bonjour = salut', 'Bonjour = salut'],
    ["'déjà cité", "'déjà cité"],
    ['', ''],
  ])('%j is written as %j and read back', (value, written) => {
    expect(neutraliseCsvCell(value)).toBe(written);
    expect(readCsvCell(neutraliseCsvCell(value))).toBe(value);
  });

  it('quotes every neutralised cell and reads back what it wrote', () => {
    const rows = [
      ['a', 'b'],
      ['=HYPERLINK("https://evil.example";"x")', 'texte; avec "guillemets"'],
    ];
    const csv = writeCsv(rows);
    expect(csv).toBe('\ufeffa;b\n"\'=HYPERLINK(""https://evil.example"";""x"")";"texte; avec ""guillemets"""\n');
    const back = (parse(csv, { delimiter: ';', bom: true }) as string[][]).map((row) => row.map(readCsvCell));
    expect(back).toEqual(rows);
  });
});
