import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Catalog } from '../../src/contract/index.js';
import { catalogVersion } from './content.js';
import { defaultResourcesDir, loadCatalogResources, RequestTypesFile } from './resources.js';

const titles = [
  'Solicitud Alta Energía',
  'Solicitud de Servicio Social',
  'Solicitud de Servicio Internet',
  'Solicitud de Revisión de Pilar',
];

describe('the default cooperative resources', () => {
  it('make a catalogue the contract accepts, with the four request types in order', async () => {
    const content = await loadCatalogResources();
    const catalog = Catalog.parse({ version: catalogVersion(content), ...content });
    expect(catalog.requestTypes.map((t) => t.title)).toEqual(titles);
    expect(catalog.branding.cooperativeName).toBe('COPELCO');
    expect(catalog.settings).toMatchObject({
      activationMailSubject: 'COPELCO - Activación de Cuenta',
      recoveryMailSubject: 'COPELCO - Recuperación de Contraseña',
      paymentsInsideKiosk: false,
      inactivitySeconds: 90,
      warningSeconds: 30,
    });
  });

  it('end every request type with a review, and only Revisión de Pilar needs an active supply', async () => {
    const { requestTypes } = await loadCatalogResources();
    for (const type of requestTypes) expect(type.steps.at(-1)?.kind).toBe('review');
    expect(requestTypes.filter((t) => t.needsActiveEnergySupply).map((t) => t.title)).toEqual([
      'Solicitud de Revisión de Pilar',
    ]);
  });

  it('ask for what each request needs', async () => {
    const { requestTypes } = await loadCatalogResources();
    const byId = new Map(requestTypes.map((t) => [t.id, t]));
    const kinds = (id: string) =>
      byId
        .get(id)
        ?.requirements.map((r) => r.kind)
        .sort();
    const fieldTypes = (id: string) =>
      byId
        .get(id)
        ?.steps.flatMap((s) => s.fields ?? [])
        .map((f) => f.type);
    expect(kinds('alta-energia')).toEqual(
      ['dni-photo', 'document-photo', 'document-photo', 'signed-form'].sort(),
    );
    expect(
      byId
        .get('alta-energia')
        ?.steps.flatMap((s) => s.fields ?? [])
        .find((f) => f.id === 'category')
        ?.options?.map((o) => o.value),
    ).toEqual(['residencial', 'comercial']);
    expect(fieldTypes('servicio-social')).toContain('members');
    expect(fieldTypes('servicio-internet')).toContain('select');
    expect(kinds('revision-pilar')).toEqual(['photo', 'signed-form']);
  });

  it('carry an accessible SVG logo', async () => {
    const { branding } = await loadCatalogResources();
    expect(branding.logoSvg).toMatch(/^<svg[^>]*role="img"/);
    expect(branding.logoSvg).toContain('<title>COPELCO</title>');
  });
});

describe('loadCatalogResources', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  function copyResources() {
    dir = mkdtempSync(path.join(tmpdir(), 'ventanilla-resources-'));
    cpSync(defaultResourcesDir, dir, { recursive: true });
    return dir;
  }

  it('fails loudly, naming the file, when a resource is not JSON', async () => {
    const resourcesDir = copyResources();
    writeFileSync(path.join(resourcesDir, 'catalog', 'request-types.json'), '[{');
    await expect(loadCatalogResources({ resourcesDir })).rejects.toThrow(
      /request-types\.json is not valid JSON/,
    );
  });

  it('fails loudly when a resource breaks the contract', async () => {
    const resourcesDir = copyResources();
    const file = path.join(resourcesDir, 'branding', 'copelco.json');
    const cooperative = JSON.parse(readFileSync(file, 'utf8')) as {
      settings: Record<string, unknown>;
    };
    cooperative.settings.paymentsUrl = 'no es una dirección';
    writeFileSync(file, JSON.stringify(cooperative));
    await expect(loadCatalogResources({ resourcesDir })).rejects.toThrow(
      /copelco\.json is invalid:[\s\S]*paymentsUrl/,
    );
  });

  it('fails for an unknown cooperative', async () => {
    await expect(loadCatalogResources({ cooperative: 'nadie' })).rejects.toThrow(/nadie\.json/);
  });
});

describe('RequestTypesFile', () => {
  const valid = () => [
    {
      id: 'alta-energia',
      title: 'Solicitud Alta Energía',
      summary: 'Pedí una conexión.',
      needsActiveEnergySupply: false,
      requirements: [
        {
          id: 'dni',
          kind: 'dni-photo',
          title: 'DNI',
          description: 'Frente y dorso.',
          minPages: 2,
          maxPages: 2,
        },
      ],
      steps: [
        {
          id: 'dni',
          kind: 'requirement',
          title: 'DNI',
          instructions: 'Sacá una foto.',
          requirementId: 'dni',
        },
        { id: 'review', kind: 'review', title: 'Revisá', instructions: 'Revisá y enviá.' },
      ],
    },
  ];

  it('accepts a consistent request type', () => {
    expect(RequestTypesFile.safeParse(valid()).success).toBe(true);
  });

  it.each([
    [
      'a step pointing to no requirement',
      (t: ReturnType<typeof valid>) => (t[0]!.steps[0]!.requirementId = 'x'),
      /unknown requirement/,
    ],
    [
      'a requirement no step asks for',
      (t: ReturnType<typeof valid>) => t[0]!.steps.shift(),
      /no step asks/,
    ],
    [
      'no final review',
      (t: ReturnType<typeof valid>) => t[0]!.steps.pop(),
      /last step must be a review/,
    ],
    [
      'a repeated request type',
      (t: ReturnType<typeof valid>) => t.push(t[0]!),
      /duplicate request type/,
    ],
    [
      'more minimum pages than maximum',
      (t: ReturnType<typeof valid>) => (t[0]!.requirements[0]!.minPages = 3),
      /minPages/,
    ],
  ])('refuses %s', (_name, breakIt, message) => {
    const types = valid();
    breakIt(types);
    const result = RequestTypesFile.safeParse(types);
    expect(result.success).toBe(false);
    expect(result.error?.message).toMatch(message);
  });
});
