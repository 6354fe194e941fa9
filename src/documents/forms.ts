import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ImageAlignment, PDFButton, PDFDocument, PDFTextField } from '@cantoo/pdf-lib';
import { embedFonts, setDocumentInfo } from './pdf-fonts.js';

/**
 * Names of the AcroForm fields every form template has besides one text field per field of the
 * request type's steps (named by the field's id). scripts/make-form-templates.ts writes them.
 */
export const formFieldNames = {
  customerName: 'customerName',
  customerDocument: 'customerDocument',
  customerEmail: 'customerEmail',
  /** On the forms of requests about a supply ("Revisión de Pilar"): which one. */
  supplyNumber: 'supplyNumber',
  supplyAddress: 'supplyAddress',
  signedOn: 'signedOn',
  /** A button whose rectangle is the signature box: the signature image goes there. */
  signature: 'signature',
} as const;

export type FormFillInput = {
  resourcesDir: string;
  /** The template's file name under resources/forms/ (the requirement's `formTemplate`). */
  template: string;
  /** Text by field name; names the template lacks are ignored, fields left out stay empty. */
  values: Readonly<Record<string, string>>;
  /** The finger signature (PNG); without it the form is for signing on paper. */
  signaturePng?: Uint8Array;
  title: string;
  author: string;
  createdAt: Date;
};

export async function readFormTemplate(resourcesDir: string, template: string) {
  // The name comes from the catalogue: keep it inside resources/forms/.
  if (!/^[a-z0-9][a-z0-9-]*\.pdf$/.test(template)) {
    throw new Error(`Form template name not allowed: ${template}`);
  }
  return readFile(path.join(resourcesDir, 'forms', template));
}

/**
 * Fills a form template and flattens it: what the cooperative receives is a plain PDF whose text
 * and signature can no longer be edited. Text is drawn with the embedded Noto Sans, so every
 * letter of a Spanish name or address shows (pdf-lib's standard fonts are WinAnsi only).
 */
export async function fillForm(input: FormFillInput): Promise<Uint8Array> {
  const pdf = await PDFDocument.load(await readFormTemplate(input.resourcesDir, input.template));
  setDocumentInfo(pdf, input);
  const fonts = await embedFonts(pdf, input.resourcesDir);
  const form = pdf.getForm();

  for (const field of form.getFields()) {
    if (!(field instanceof PDFTextField)) continue;
    const value = input.values[field.getName()];
    // A field's max length is the template's layout promise; long text wraps or shrinks instead.
    field.setMaxLength(undefined);
    field.setText(value ? value.normalize('NFC') : undefined);
    field.updateAppearances(fonts.regular);
  }
  const signature = form.getFieldMaybe(formFieldNames.signature);
  if (signature instanceof PDFButton) {
    if (input.signaturePng) {
      signature.setImage(await pdf.embedPng(input.signaturePng), ImageAlignment.Center);
    } else {
      form.removeField(signature);
    }
  }
  form.flatten({ updateFieldAppearances: false });
  return pdf.save();
}
