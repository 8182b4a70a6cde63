/**
 * The fiche d'orientation as a PDF: one A4 page, black on white, a tagged PDF (headings, paragraphs and lists
 * in a structure tree, language fr-FR, the title shown by the reader) so a screen reader reads it in order,
 * with DejaVu Sans embedded (every French accent, whatever the reader's fonts).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { frenchSpaces } from '../../i18n/french.js';
import type { Lang } from '../../i18n/lang.js';
import type { Fiche } from './fiche.service.js';

const require = createRequire(import.meta.url);
const FONT_DIR = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const REGULAR = path.join(FONT_DIR, 'DejaVuSans.ttf');
const BOLD = path.join(FONT_DIR, 'DejaVuSans-Bold.ttf');

export async function fichePdf(fiche: Fiche, lang: Lang): Promise<Buffer> {
  const fr = lang === 'fr';
  // French keeps its « : » with the word before it, on paper as on screen.
  const words = (text: string) => (fr ? frenchSpaces(text) : text);
  const title = words(fr ? `Fiche d’orientation : ${fiche.name}` : `Where to get help: ${fiche.name}`);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    pdfVersion: '1.7',
    tagged: true,
    lang: fr ? 'fr-FR' : 'en-GB',
    displayTitle: true,
    info: { Title: title, Author: fiche.helperName ?? 'Maillage', Subject: fr ? 'Fiche d’orientation' : 'Where to get help' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', REGULAR);
  doc.registerFont('bold', BOLD);
  doc.fillColor('black');

  const body = doc.struct('Document');
  doc.addStructure(body);
  const heading = (text: string, level: 'H1' | 'H2', size: number) => {
    doc.moveDown(level === 'H1' ? 0 : 0.8);
    doc.font('bold').fontSize(size).text(words(text), { structParent: body, structType: level });
    doc.moveDown(0.3);
  };
  const paragraph = (text: string) => doc.font('regular').fontSize(12).text(words(text), { structParent: body, structType: 'P' });

  doc
    .font('regular')
    .fontSize(11)
    .text(fr ? 'Fiche d’orientation' : 'Where to get help', { structParent: body, structType: 'P' });
  doc.moveDown(0.5);
  heading(fiche.name, 'H1', 22);
  if (fiche.needLabel) paragraph(fr ? `Pour : ${fiche.needLabel}` : `For: ${fiche.needLabel}`);

  heading(fr ? 'Adresse' : 'Address', 'H2', 15);
  paragraph(fiche.address ?? (fr ? 'Adresse non indiquée : appelez le lieu.' : 'Address not given: call the place.'));
  if (fiche.accessHint) paragraph(fiche.accessHint);
  if (fiche.directionsUrl)
    paragraph(fr ? `Le chemin sur une carte : ${fiche.directionsUrl}` : `The way there on a map: ${fiche.directionsUrl}`);

  heading(fr ? 'Téléphone' : 'Phone', 'H2', 15);
  paragraph(fiche.telephone ?? (fr ? 'Pas de téléphone indiqué.' : 'No phone given.'));
  if (fiche.appointmentUrl) paragraph(fr ? `Prendre rendez-vous : ${fiche.appointmentUrl}` : `Book: ${fiche.appointmentUrl}`);

  heading(fr ? 'Horaires' : 'Hours', 'H2', 15);
  if (fiche.hours) {
    doc
      .font('regular')
      .fontSize(12)
      .list(
        fiche.hours.map((h) => words(`${h.day} : ${h.hours}`)),
        { structParent: body, bulletRadius: 2 },
      );
  } else paragraph(fr ? 'Horaires non indiqués : appelez avant de venir.' : 'Hours not given: call before you go.');

  if (fiche.toBring.length > 0) {
    heading(fr ? 'À apporter' : 'To bring', 'H2', 15);
    doc.font('regular').fontSize(12).list(fiche.toBring, { structParent: body, bulletRadius: 2 });
  }
  if (fiche.helperName) {
    doc.moveDown(1);
    paragraph(fr ? `Fiche remise par ${fiche.helperName}` : `Sheet given by ${fiche.helperName}`);
  }
  body.end();
  doc.end();
  return done;
}
