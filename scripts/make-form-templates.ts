/**
 * `npx tsx scripts/make-form-templates.ts [resourcesDir]`: writes the cooperative's form templates
 * (resources/forms/*.pdf), one per signed-form requirement of the catalogue, named by its
 * `formTemplate`. Each is a printable A4 form with an AcroForm text field over the line of every
 * field of the request type, the customer's data, the date and a signature box; the kiosk fills
 * them (src/documents/forms.ts). Run it again after changing a request type's fields; the output
 * is byte-for-byte the same for the same catalogue.
 */
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import fontkit from '@cantoo/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from '@cantoo/pdf-lib';
import { z } from 'zod';
import { RequestType, type Field } from '../src/contract/catalog.js';
import { formFieldNames } from '../src/documents/forms.js';
import { defaultResourcesDir, setDocumentInfo } from '../src/documents/pdf-fonts.js';

const mm = (value: number) => (value / 25.4) * 72;
const a4 = { width: mm(210), height: mm(297) };
const margin = mm(18);
const labelWidth = mm(52);
const ink = rgb(0.1, 0.1, 0.1);
const grey = rgb(0.45, 0.45, 0.45);
/** Fixed, so a template only changes when its content does. */
const fixedDate = new Date('2026-01-01T00:00:00Z');

type Fonts = { regular: PDFFont; bold: PDFFont };

class FormWriter {
  private page!: PDFPage;
  private y = 0;
  constructor(
    private readonly pdf: PDFDocument,
    private readonly fonts: Fonts,
  ) {
    this.newPage();
  }

  private newPage() {
    this.page = this.pdf.addPage([a4.width, a4.height]);
    this.y = a4.height - margin;
  }

  private room(height: number) {
    if (this.y - height < margin + mm(10)) this.newPage();
  }

  text(
    value: string,
    size: number,
    options: { bold?: boolean; color?: typeof ink; gap?: number } = {},
  ) {
    const font = options.bold ? this.fonts.bold : this.fonts.regular;
    const words = value.split(' ');
    let line = '';
    const lines: string[] = [];
    for (const word of words) {
      const candidate = line ? `${line} ${word}` : word;
      if (line && font.widthOfTextAtSize(candidate, size) > a4.width - 2 * margin) {
        lines.push(line);
        line = word;
      } else line = candidate;
    }
    lines.push(line);
    this.y -= options.gap ?? 0;
    for (const text of lines) {
      this.room(size * 1.4);
      this.y -= size * 1.4;
      this.page.drawText(text, { x: margin, y: this.y, size, font, color: options.color ?? ink });
    }
  }

  /** A label, a line to write on, and the AcroForm text field over the line. */
  field(name: string, label: string, lines = 1) {
    const height = lines === 1 ? 20 : 16 * lines + 14;
    this.room(height + 4);
    this.y -= height;
    const x = margin + (lines === 1 ? labelWidth : 0);
    const width = a4.width - margin - x;
    this.page.drawText(label, {
      x: margin,
      y: this.y + (lines === 1 ? 5 : height - 10),
      size: 9,
      font: this.fonts.regular,
      color: grey,
    });
    const top = lines === 1 ? 16 : height - 14;
    for (let i = 0; i < lines; i++) {
      const lineY = this.y + 2 + (lines === 1 ? 0 : i * 16);
      this.page.drawLine({
        start: { x, y: lineY },
        end: { x: x + width, y: lineY },
        thickness: 0.5,
        color: grey,
      });
    }
    const textField = this.pdf.getForm().createTextField(name);
    textField.addToPage(this.page, {
      x,
      y: this.y + 3,
      width,
      height: top,
      borderWidth: 0,
      borderColor: undefined,
      backgroundColor: undefined,
    });
    // Only once on a page does a field have the default appearance these settings change.
    if (lines > 1) textField.enableMultiline();
    textField.setFontSize(lines > 1 ? 9 : 10);
  }

  /** The signature box on the right and the date on the left, kept together on one page. */
  signature() {
    const boxWidth = mm(80);
    const boxHeight = mm(30);
    this.room(boxHeight + 40);
    this.y -= boxHeight + 10;
    const x = a4.width - margin - boxWidth;
    this.page.drawRectangle({
      x,
      y: this.y,
      width: boxWidth,
      height: boxHeight,
      borderColor: grey,
      borderWidth: 0.75,
    });
    this.page.drawText('Firma del titular', {
      x,
      y: this.y - 12,
      size: 9,
      font: this.fonts.regular,
      color: grey,
    });
    const button = this.pdf.getForm().createButton(formFieldNames.signature);
    button.addToPage('', this.page, {
      x: x + 2,
      y: this.y + 2,
      width: boxWidth - 4,
      height: boxHeight - 4,
      borderWidth: 0,
      borderColor: undefined,
      backgroundColor: undefined,
    });
    const dateY = this.y;
    this.page.drawText('Fecha', {
      x: margin,
      y: dateY + 5,
      size: 9,
      font: this.fonts.regular,
      color: grey,
    });
    this.page.drawLine({
      start: { x: margin + mm(14), y: dateY + 2 },
      end: { x: margin + mm(60), y: dateY + 2 },
      thickness: 0.5,
      color: grey,
    });
    const date = this.pdf.getForm().createTextField(formFieldNames.signedOn);
    date.addToPage(this.page, {
      x: margin + mm(14),
      y: dateY + 3,
      width: mm(46),
      height: 16,
      borderWidth: 0,
      borderColor: undefined,
      backgroundColor: undefined,
    });
    date.setFontSize(10);
    this.y -= 20;
  }
}

const linesFor = (field: Field) => (field.type === 'members' ? 6 : field.id === 'details' ? 3 : 1);

async function makeTemplate(
  type: RequestType,
  requirementTitle: string,
  cooperative: { fullName: string; cooperativeName: string },
  resourcesDir: string,
) {
  const pdf = await PDFDocument.create();
  setDocumentInfo(pdf, {
    title: `${type.title} - ${requirementTitle}`,
    author: cooperative.fullName,
    createdAt: fixedDate,
  });
  pdf.registerFontkit(fontkit);
  const font = (file: string) => readFile(path.join(resourcesDir, 'fonts', file));
  const fonts = {
    regular: await pdf.embedFont(await font('NotoSans-Regular.ttf'), {
      subset: true,
      customName: 'NotoSans',
    }),
    bold: await pdf.embedFont(await font('NotoSans-Bold.ttf'), {
      subset: true,
      customName: 'NotoSans-Bold',
    }),
  };
  const writer = new FormWriter(pdf, fonts);
  writer.text(cooperative.fullName, 10, { bold: true, color: grey });
  writer.text(type.title, 17, { bold: true, gap: 6 });
  writer.text(requirementTitle, 10, { color: grey });
  writer.text('Completalo con letra clara o en la pantalla del kiosco, y firmalo.', 9, {
    color: grey,
    gap: 2,
  });

  writer.text('Datos del cliente', 11, { bold: true, gap: 14 });
  writer.field(formFieldNames.customerName, 'Nombre y apellido');
  writer.field(formFieldNames.customerDocument, 'Documento');
  writer.field(formFieldNames.customerEmail, 'Correo electrónico');
  if (type.needsActiveEnergySupply) {
    writer.text('Suministro', 11, { bold: true, gap: 14 });
    writer.field(formFieldNames.supplyNumber, 'Número de suministro');
    writer.field(formFieldNames.supplyAddress, 'Domicilio del suministro');
  }
  for (const step of type.steps) {
    if (step.kind !== 'fields' || !step.fields?.length) continue;
    writer.text(step.title, 11, { bold: true, gap: 14 });
    for (const field of step.fields) writer.field(field.id, field.label, linesFor(field));
  }
  writer.text(
    `Declaro que los datos de este formulario son correctos y autorizo a ${cooperative.cooperativeName} a verificarlos.`,
    9,
    { gap: 16 },
  );
  writer.signature();
  return pdf.save();
}

const resourcesDir = path.resolve(process.argv[2] ?? defaultResourcesDir);
const cooperativeFile = z.object({
  branding: z.object({ fullName: z.string(), cooperativeName: z.string() }),
});
const { branding } = cooperativeFile.parse(
  JSON.parse(await readFile(path.join(resourcesDir, 'branding', 'copelco.json'), 'utf8')),
);
const types = z
  .array(RequestType)
  .parse(
    JSON.parse(await readFile(path.join(resourcesDir, 'catalog', 'request-types.json'), 'utf8')),
  );
await mkdir(path.join(resourcesDir, 'forms'), { recursive: true });
for (const type of types) {
  for (const requirement of type.requirements) {
    if (requirement.kind !== 'signed-form') continue;
    if (!requirement.formTemplate)
      throw new Error(`${type.id}/${requirement.id} has no formTemplate`);
    const bytes = await makeTemplate(type, requirement.title, branding, resourcesDir);
    await writeFile(path.join(resourcesDir, 'forms', requirement.formTemplate), bytes);
    console.log(
      `resources/forms/${requirement.formTemplate}: ${(bytes.byteLength / 1024).toFixed(1)} KiB`,
    );
  }
}
