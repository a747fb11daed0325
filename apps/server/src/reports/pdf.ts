// The one place Rostra builds PDF documents (the strategy today; the plan and analytics reports next): a report is
// a title, then headings, paragraphs, key–value lines, bullet lists and simple tables, laid out by pdfkit in an
// embedded Noto Sans (OFL) so French text — accents, œ, ’, « » — renders the same everywhere. Characters the font
// lacks (emoji…) become U+FFFD instead of an empty box. Page numbers and the document's language and title are
// set for screen readers and PDF viewers.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';

const require = createRequire(import.meta.url);

function fontFile(weight: 400 | 700): Buffer {
  return readFileSync(require.resolve(`@fontsource/noto-sans/files/noto-sans-latin-${weight}-normal.woff`));
}

const FONTS = { regular: fontFile(400), bold: fontFile(700) };

/** The code points of the latin subset, as @fontsource declares them ("U+0000-00FF,U+0131,…"). */
function subsetRanges(): Array<[number, number]> {
  const declared = JSON.parse(readFileSync(require.resolve('@fontsource/noto-sans/unicode.json'), 'utf8')) as Record<
    string,
    string
  >;
  return (declared.latin ?? '').split(',').map((range) => {
    const [from, to] = range.replace(/U\+/g, '').split('-');
    return [parseInt(from ?? '0', 16), parseInt(to ?? from ?? '0', 16)];
  });
}

const LATIN = subsetRanges();
const inFont = (codePoint: number) => LATIN.some(([from, to]) => codePoint >= from && codePoint <= to);
const MARGIN = 56;
const COLOURS = { text: '#1a1b1e', muted: '#5c5f66', rule: '#ced4da', accent: '#1c5fb4' };

export interface ReportOptions {
  title: string;
  /** Under the title: the organisation, the date. */
  subtitle?: string;
  /** BCP 47, e.g. "fr-FR". */
  lang: string;
  /** "Page {page} / {pages}" in the report's language. */
  pageLabel: (page: number, pages: number) => string;
}

export interface TableColumn {
  header: string;
  /** Share of the text width, 0–1. */
  width: number;
}

export interface PdfReport {
  heading(text: string, level?: 1 | 2 | 3): PdfReport;
  paragraph(text: string, options?: { muted?: boolean }): PdfReport;
  /** Label in bold, value after it; an empty value is left out. */
  field(label: string, value: string): PdfReport;
  bullets(items: string[]): PdfReport;
  table(columns: TableColumn[], rows: string[][]): PdfReport;
  /** The finished document. */
  end(): Promise<Buffer>;
}

export function createPdfReport(options: ReportOptions): PdfReport {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    lang: options.lang,
    displayTitle: true,
    info: { Title: options.title, Creator: 'Rostra', Producer: 'Rostra' },
  });
  doc.registerFont('regular', FONTS.regular);
  doc.registerFont('bold', FONTS.bold);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const printable = (text: string) => printableText(text, inFont);
  const width = () => doc.page.width - 2 * MARGIN;

  doc.font('bold').fontSize(22).fillColor(COLOURS.text).text(printable(options.title));
  if (options.subtitle) doc.font('regular').fontSize(11).fillColor(COLOURS.muted).text(printable(options.subtitle));
  doc.moveDown(1);

  const report: PdfReport = {
    heading(text, level = 1) {
      const size = level === 1 ? 16 : level === 2 ? 13 : 11.5;
      doc.moveDown(level === 1 ? 0.8 : 0.5);
      if (level === 1) ensureSpace(doc, 60);
      doc
        .font('bold')
        .fontSize(size)
        .fillColor(level === 1 ? COLOURS.accent : COLOURS.text)
        .text(printable(text));
      if (level === 1) {
        const y = doc.y + 2;
        doc
          .moveTo(MARGIN, y)
          .lineTo(MARGIN + width(), y)
          .strokeColor(COLOURS.rule)
          .lineWidth(0.6)
          .stroke();
        doc.moveDown(0.4);
      }
      doc.moveDown(0.2);
      return report;
    },
    paragraph(text, paragraphOptions = {}) {
      doc
        .font('regular')
        .fontSize(10.5)
        .fillColor(paragraphOptions.muted ? COLOURS.muted : COLOURS.text)
        .text(printable(text), { paragraphGap: 4, lineGap: 1.5 });
      return report;
    },
    field(label, value) {
      if (value.trim() === '') return report;
      doc
        .font('bold')
        .fontSize(10.5)
        .fillColor(COLOURS.text)
        .text(`${printable(label)} `, { continued: true });
      doc.font('regular').text(printable(value), { lineGap: 1.5 });
      return report;
    },
    bullets(items) {
      doc.font('regular').fontSize(10.5).fillColor(COLOURS.text);
      for (const item of items) doc.text(`•  ${printable(item)}`, { indent: 8, lineGap: 1.5, paragraphGap: 2 });
      return report;
    },
    table(columns, rows) {
      drawTable(
        doc,
        columns,
        rows.map((row) => row.map(printable)),
        width(),
        columns.map((c) => printable(c.header)),
      );
      return report;
    },
    async end() {
      const range = doc.bufferedPageRange();
      for (let i = 0; i < range.count; i++) {
        doc.switchToPage(range.start + i);
        const label = options.pageLabel(i + 1, range.count);
        // Writing in the bottom margin must not add a page.
        const bottom = doc.page.margins.bottom;
        doc.page.margins.bottom = 0;
        doc.font('regular').fontSize(8.5).fillColor(COLOURS.muted);
        doc.text(label, MARGIN, doc.page.height - MARGIN / 2 - 8, {
          width: width(),
          align: 'center',
          lineBreak: false,
        });
        doc.page.margins.bottom = bottom;
      }
      doc.end();
      return done;
    },
  };
  return report;
}

/**
 * Characters the font has no glyph for become U+FFFD; variation selectors and joiners go. The narrow no-break space
 * French number formats use (U+202F, "1 500") is in the subset's declared range but not in the font: a no-break
 * space takes its place.
 */
export function printableText(text: string, hasGlyph: (codePoint: number) => boolean): string {
  let out = '';
  for (const char of text.replace(/[\uFE00-\uFE0F\u200D]/g, '').replace(/\u202F/g, '\u00A0')) {
    const cp = char.codePointAt(0) ?? 0;
    out += char === '\n' || char === '\t' || hasGlyph(cp) ? char : '\uFFFD';
  }
  return out;
}

function ensureSpace(doc: PDFKit.PDFDocument, height: number): void {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

function drawTable(
  doc: PDFKit.PDFDocument,
  columns: TableColumn[],
  rows: string[][],
  width: number,
  headers: string[],
) {
  const padding = 4;
  const widths = columns.map((c) => c.width * width);
  const drawRow = (cells: string[], bold: boolean) => {
    doc.font(bold ? 'bold' : 'regular').fontSize(9);
    const heights = cells.map((cell, i) => doc.heightOfString(cell, { width: (widths[i] ?? 0) - 2 * padding }));
    const height = Math.max(...heights, 10) + 2 * padding;
    ensureSpace(doc, height);
    const top = doc.y;
    let x = MARGIN;
    cells.forEach((cell, i) => {
      doc.fillColor(bold ? COLOURS.text : COLOURS.text).text(cell, x + padding, top + padding, {
        width: (widths[i] ?? 0) - 2 * padding,
      });
      x += widths[i] ?? 0;
    });
    doc
      .moveTo(MARGIN, top + height)
      .lineTo(MARGIN + width, top + height)
      .strokeColor(COLOURS.rule)
      .lineWidth(0.5)
      .stroke();
    doc.x = MARGIN;
    doc.y = top + height;
  };
  drawRow(headers, true);
  for (const row of rows) drawRow(row, false);
  doc.moveDown(0.6);
}
