import { describe, expect, it } from 'vitest';
import { decodeBarcodes } from '../testing/barcode-decoder.js';
import { pdfImages } from '../testing/pdf-images.js';
import { pdfPageSizesMm, pdfText } from '../testing/pdf-text.js';
import { defaultResourcesDir } from './pdf-fonts.js';
import { renderRequestReceipt } from './receipt.js';

const base = {
  branding: { cooperativeName: 'COPELCO', fullName: 'Cooperativa COPELCO Ltda.' },
  title: 'Solicitud Alta Energía',
  reference: '3F9A2C-000042',
  submittedAt: new Date('2026-11-28T15:04:00Z'),
  branch: 'Sucursal Centro',
  attachments: [
    { title: 'DNI del titular', pages: 2 },
    { title: 'Título de propiedad o contrato de alquiler', pages: 1 },
  ],
  resourcesDir: defaultResourcesDir,
};

describe('request receipt', () => {
  it('is an 80 mm roll with the number, type, date, branch and attachments', async () => {
    const pdf = await renderRequestReceipt({
      ...base,
      number: 'T-2026-000123',
      delivered: true,
      trackingUrl: 'https://oficina.copelco.example/seguimiento?numero=T-2026-000123',
    });
    const [size] = await pdfPageSizesMm(pdf);
    expect(size?.width).toBeCloseTo(80, 1);
    const [text] = await pdfText(pdf);
    expect(text).toContain('Trámite N° T-2026-000123');
    expect(text).toContain('Solicitud Alta Energía');
    expect(text).toContain('28/11/26, 12:04');
    expect(text).toContain('Sucursal Centro');
    expect(text).toContain('DNI del titular: 2 páginas');
    expect(text).toContain('Título de propiedad o contrato de alquiler: 1 página');
    expect(text).toContain('Estado: Enviado');
    expect(text).not.toContain('Pendiente');
  });

  it('carries a QR code, drawn in the PDF, that scans to the tracking URL', async () => {
    const url = 'https://oficina.copelco.example/seguimiento?numero=T-2026-000123';
    const pdf = await renderRequestReceipt({
      ...base,
      number: 'T-2026-000123',
      delivered: true,
      trackingUrl: url,
    });
    const [qr] = await pdfImages(pdf);
    expect(await decodeBarcodes(qr!.bytes)).toEqual([{ format: 'QRCode', text: url }]);
  });

  it('says "Pendiente de envío" while queued, with the kiosk reference', async () => {
    const [text] = await pdfText(
      await renderRequestReceipt({ ...base, number: null, delivered: false, trackingUrl: null }),
    );
    expect(text).toContain('Estado: Pendiente de envío');
    expect(text).toContain('Referencia del kiosco: 3F9A2C-000042');
    expect(text).toContain('El número se asigna al enviarlo.');
  });

  it('says a request the central refused is not filed, why, and where to ask', async () => {
    const pdf = await renderRequestReceipt({
      ...base,
      number: 'T-2026-000124',
      delivered: false,
      refusal:
        'La «Solicitud de Revisión de Pilar» solo se puede pedir desde un suministro de energía activo.',
      supply: { number: '100234', address: 'Av. San Martín 1234, Colón' },
      trackingUrl: 'https://oficina.copelco.example/seguimiento?numero=T-2026-000124',
    });
    const [text] = await pdfText(pdf);
    expect(text).toContain('Estado: No enviado');
    expect(text).toContain('Suministro N.º 100234, Av. San Martín 1234, Colón');
    expect(text).toContain('La cooperativa no aceptó el trámite:');
    expect(text).toContain('suministro de energía activo');
    expect(text).toContain('Referencia del kiosco: 3F9A2C-000042');
    expect(text).not.toContain('T-2026-000124');
    expect(text).not.toContain('Pendiente');
    expect(text).not.toContain('No tenés que hacer nada más');
    expect(await pdfImages(pdf)).toEqual([]);
  });
});
