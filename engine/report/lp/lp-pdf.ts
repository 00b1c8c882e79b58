import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import { AGENT_HEADS, AGENT_PNL_NOTE, agentCells, MESSAGES_HEADING, notificationLines, periodTable, toDateTable, type LpTable } from './lp-rows.js';
import type { LpPeriod } from './lp-period.js';

/** The TrueType fonts embedded in every LP PDF (bytes; the shell reads them from an npm package). */
export interface LpFonts {
  readonly regular: Uint8Array;
  readonly bold: Uint8Array;
}

const MARGIN = 48;
const PAGE_W = 612; // US Letter, as the seed's reportlab LETTER
const PAGE_H = 792;
const MAX_NOTES = 24;
/** Least space between a label and its value, pt. */
const LABEL_GAP = 12;

// The embedded font has no emoji: drop them (and their variation selectors) from PDF text.
const plain = (s: string): string => s.replace(/\p{Extended_Pictographic}\uFE0F?/gu, '').replace(/\s+/g, ' ').trim();

function pairs(doc: PDFKit.PDFDocument, title: string, t: LpTable, y0: number): number {
  let y = y0;
  doc.font('bold').fontSize(12).text(title, MARGIN, y);
  y += 20;
  doc.fontSize(10).font('regular');
  const lineW = PAGE_W - 2 * MARGIN;
  for (const [k, v] of t) {
    doc.text(k, MARGIN, y, { width: lineW, lineBreak: false });
    // The value, right-aligned, takes the line after its label (a partial week's period is wider
    // than a fixed value column and wrapped onto the next row); one too long for that gets a line of its own.
    const besideX = MARGIN + doc.widthOfString(k) + LABEL_GAP;
    const ownLine = doc.widthOfString(v) > MARGIN + lineW - besideX;
    if (ownLine) y += 15;
    const x = ownLine ? MARGIN : besideX;
    doc.text(v, x, y, { width: MARGIN + lineW - x, align: 'right', lineBreak: false, ellipsis: true });
    y += 15;
  }
  return y + 10;
}

function agentsTable(doc: PDFKit.PDFDocument, p: LpPeriod, y0: number): void {
  const widths = [80, 62, 60, 48, 72, 92, 102];
  let y = y0;
  const row = (cells: readonly string[], font: string): void => {
    if (y > PAGE_H - MARGIN - 14) {
      doc.addPage();
      y = MARGIN;
    }
    let x = MARGIN;
    doc.font(font).fontSize(8.5);
    cells.forEach((c, i) => {
      // Numbers right-aligned; the decision column starts 12 pt after them.
      const pad = i === 6 ? 12 : 0;
      doc.text(c, x + pad, y, { width: (widths[i] as number) - 4 - pad, align: i >= 3 && i <= 5 ? 'right' : 'left', lineBreak: false, ellipsis: true });
      x += widths[i] as number;
    });
    y += 13;
  };
  doc.font('bold').fontSize(12).text('Agents', MARGIN, y);
  y += 18;
  row(AGENT_HEADS, 'bold');
  for (const cells of agentCells(p)) row(cells, 'regular');
  const noteW = PAGE_W - 2 * MARGIN;
  doc.font('regular').fontSize(7.5).fillColor('#555');
  if (y + doc.heightOfString(AGENT_PNL_NOTE, { width: noteW }) > PAGE_H - MARGIN) {
    doc.addPage();
    y = MARGIN;
  }
  doc.text(AGENT_PNL_NOTE, MARGIN, y + 4, { width: noteW });
  doc.fillColor('black');
}

/**
 * Returns the weekly LP PDF: a cover with the week's table, the run to date and the messages
 * the live system would have sent, then a page with the equity and drawdown chart (the run's
 * Vega-Lite spec as SVG) and the agents with their PnL in bps and decisions. Deterministic
 * bytes: fonts embedded from `fonts`, creation and modification dates `dateMs` (the run's last
 * timestamp), and the document ID pdfkit derives from that info.
 */
export function lpWeeklyPdf(p: LpPeriod, runLabel: string, chartSvg: string, fonts: LpFonts, dateMs: number): Promise<Uint8Array> {
  const date = new Date(dateMs);
  const doc = new PDFDocument({ size: 'LETTER', margin: MARGIN, info: { Title: `LP weekly summary ${p.label}`, Author: 'bt', Creator: 'bt report lp', Producer: 'bt (pdfkit)', CreationDate: date, ModDate: date } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });
  doc.registerFont('regular', Buffer.from(fonts.regular));
  doc.registerFont('bold', Buffer.from(fonts.bold));
  doc.font('bold').fontSize(18).text(`LP Weekly Performance Summary: ${p.label}`, MARGIN, MARGIN);
  doc.font('regular').fontSize(9).fillColor('#555').text(`${runLabel}. Every figure comes from the run's files; "to date" figures are computed as metrics.json computes them.`, MARGIN, MARGIN + 28, { width: PAGE_W - 2 * MARGIN });
  doc.fillColor('black');
  let y = pairs(doc, 'The week', periodTable(p), MARGIN + 62);
  y = pairs(doc, 'Since the start of the run', toDateTable(p), y);
  doc.font('bold').fontSize(12).text(MESSAGES_HEADING, MARGIN, y);
  y += 18;
  const notes = notificationLines(p).map(plain);
  const shown = notes.length > MAX_NOTES ? [...notes.slice(0, MAX_NOTES), `... and ${notes.length - MAX_NOTES} more (notifications.jsonl)`] : notes;
  doc.font('regular').fontSize(8.5);
  for (const l of shown.length > 0 ? shown : ['none']) {
    doc.text(`- ${l}`, MARGIN, y, { width: PAGE_W - 2 * MARGIN, lineBreak: false, ellipsis: true });
    y += 12;
  }
  doc.addPage();
  doc.font('bold').fontSize(14).text(`Equity and drawdown to ${new Date(p.coveredToMs).toISOString().slice(0, 10)}`, MARGIN, MARGIN);
  const chartW = PAGE_W - 2 * MARGIN;
  SVGtoPDF(doc, chartSvg, MARGIN, MARGIN + 26, { width: chartW, height: chartW * 0.62, preserveAspectRatio: 'xMinYMin meet', fontCallback: () => 'regular' });
  agentsTable(doc, p, MARGIN + 36 + chartW * 0.62);
  doc.end();
  return done;
}
