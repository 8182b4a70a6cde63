import PDFDocument from 'pdfkit';

/** A one-page PDF holding `text`, as a person would upload one (its text is what the search must find). */
export function pdf(text: string): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument();
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.fontSize(14).text(text);
    doc.end();
  });
}
