import type { InvoiceWithItems } from '@argus/db';
import { formatCents } from './pricing';

/** The invoice as a PDF (pdfkit), rendered from its rows, so the document and the data can never disagree. */
export async function renderInvoicePdf(invoice: InvoiceWithItems, meta: { workspaceName: string; tierName: string }): Promise<Buffer> {
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `Invoice ${invoice.number}`, Author: 'Argus', CreationDate: new Date(invoice.createdAt) } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const money = (c: number) => formatCents(c, invoice.currency);
  const day = (d: Date) => new Date(d).toISOString().slice(0, 10);

  doc.fontSize(20).text('Argus', { continued: true }).fontSize(12).text(`   Invoice ${invoice.number}`, { align: 'right' });
  doc.moveDown();
  doc.fontSize(10).fillColor('#333');
  doc.text(`Billed to: ${meta.workspaceName}`);
  doc.text(`Plan: ${meta.tierName}`);
  doc.text(`Period: ${day(invoice.billingPeriodStart)} to ${day(invoice.billingPeriodEnd)}`);
  doc.text(`Issued: ${day(invoice.createdAt)}`);
  doc.text(`Status: ${invoice.status}${invoice.paidAt ? ` (paid ${day(invoice.paidAt)})` : ''}`);
  doc.moveDown();

  const columns = { description: 50, quantity: 330, unit: 390, total: 470 };
  const row = (cells: [string, string, string, string], bold = false) => {
    const y = doc.y;
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica');
    doc.text(cells[0], columns.description, y, { width: 270 });
    const after = doc.y;
    doc.text(cells[1], columns.quantity, y, { width: 50, align: 'right' });
    doc.text(cells[2], columns.unit, y, { width: 70, align: 'right' });
    doc.text(cells[3], columns.total, y, { width: 75, align: 'right' });
    doc.y = Math.max(after, doc.y) + 4;
  };
  row(['Description', 'Qty', 'Unit', 'Amount'], true);
  for (const item of invoice.items) row([item.description, String(item.quantity), money(item.unitPriceCents), money(item.totalCents)]);
  doc.moveDown();
  row(['Subtotal', '', '', money(invoice.subtotalCents)]);
  if (invoice.taxRateBps || invoice.taxCents) row([`Tax (${(invoice.taxRateBps / 100).toFixed(2)} %${invoice.taxCountry ? `, ${invoice.taxCountry}` : ''})`, '', '', money(invoice.taxCents)]);
  row(['Total', '', '', money(invoice.totalCents)], true);
  if (invoice.amountRefundedCents) row(['Refunded', '', '', money(-invoice.amountRefundedCents)]);
  doc.end();
  return done;
}
