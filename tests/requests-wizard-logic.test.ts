import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RequestType } from '../src/contract/catalog.js';
import type { RequestDraft } from '../src/contract/kiosk-requests.js';
import {
  byteBudget,
  guideBox,
  guideShapeOf,
  nextQuality,
  outputSize,
  viewToVideo,
} from '../renderer/state/request-flow-photo.js';
import {
  firstOpenStep,
  neighbourStep,
  stepDone,
  wizardSteps,
} from '../renderer/state/request-flow-steps.js';
import { attachmentLimits } from '../src/domain/attachment-limits.js';

const types = RequestType.array().parse(
  JSON.parse(readFileSync('resources/catalog/request-types.json', 'utf8')),
);
const alta = types.find((type) => type.id === 'alta-energia')!;

describe('the photo of a page: guide frame, crop, size and compression', () => {
  it('draws the frame as large as its fill allows, in the shape of what is held up', () => {
    // A 16:9 viewport: the card is limited by the height (72 % of it).
    const card = guideBox({ width: 560, height: 315 }, 'card');
    expect(card.height).toBeCloseTo(315 * 0.72);
    expect(card.width / card.height).toBeCloseTo(85.6 / 54);
    expect(card.x).toBeCloseTo((560 - card.width) / 2);
    // A squarer one: by the width.
    expect(guideBox({ width: 400, height: 300 }, 'card').width).toBeCloseTo(288);
    const page = guideBox({ width: 560, height: 315 }, 'page');
    expect(page.height).toBeCloseTo(315 * 0.92);
    expect(page.width / page.height).toBeCloseTo(210 / 297);
  });

  it('maps the frame to the camera pixels behind it, with object-fit: cover', () => {
    const view = { width: 560, height: 315 };
    const card = guideBox(view, 'card');
    // Same shape as the view: a plain scale (a DNI side of about 820 × 520 from 1280 × 720).
    const same = viewToVideo(card, view, { width: 1280, height: 720 });
    expect(same).toEqual({
      x: Math.round(card.x * (1280 / 560)),
      y: Math.round(card.y * (1280 / 560)),
      width: Math.round(card.width * (1280 / 560)),
      height: Math.round(card.height * (1280 / 560)),
    });
    expect(Math.min(same.width, same.height)).toBeGreaterThan(attachmentLimits.minPhotoSide);
    // A 4:3 camera fills the 16:9 view by width: its top and bottom are cut evenly.
    const cut = viewToVideo({ x: 0, y: 0, width: 560, height: 315 }, view, {
      width: 640,
      height: 480,
    });
    expect(cut).toEqual({ x: 0, y: 60, width: 640, height: 360 });
  });

  it('never crops outside the picture', () => {
    const crop = viewToVideo(
      { x: -50, y: -50, width: 2000, height: 2000 },
      { width: 100, height: 100 },
      {
        width: 200,
        height: 100,
      },
    );
    expect(crop.x).toBeGreaterThanOrEqual(0);
    expect(crop.y).toBeGreaterThanOrEqual(0);
    expect(crop.x + crop.width).toBeLessThanOrEqual(200);
    expect(crop.y + crop.height).toBeLessThanOrEqual(100);
  });

  it('scales the long side down to the target, never up', () => {
    expect(outputSize({ width: 3200, height: 2000 })).toEqual({
      width: attachmentLimits.targetLongSide,
      height: 1000,
    });
    expect(outputSize({ width: 922, height: 582 })).toEqual({ width: 922, height: 582 });
  });

  it('lowers the JPEG quality step by step until a DNI side fits its budget', () => {
    expect(byteBudget('card')).toBeLessThan(300_000);
    expect(nextQuality(0.8, 200_000, byteBudget('card'))).toBeNull();
    expect(nextQuality(0.8, 400_000, byteBudget('card'))).toBe(0.7);
    expect(nextQuality(0.7, 400_000, byteBudget('card'))).toBe(0.6);
    // Below 0.5 small print is lost: the core's own size limit decides then.
    expect(nextQuality(0.5, 400_000, byteBudget('card'))).toBeNull();
    expect(byteBudget('page')).toBeGreaterThan(byteBudget('card'));
  });

  it('picks the frame from the requirement', () => {
    expect(guideShapeOf('dni-photo')).toBe('card');
    expect(guideShapeOf('document-photo')).toBe('page');
    expect(guideShapeOf('photo')).toBe('picture');
  });
});

describe('the steps of a draft, as the blue circles show them', () => {
  const draft = (over: Partial<RequestDraft> = {}): RequestDraft => ({
    draftId: '00000000-0000-4000-8000-000000000001',
    requestTypeId: 'alta-energia',
    title: alta.title,
    supplyNumber: null,
    supplyAddress: null,
    answering: null,
    values: {},
    requirements: alta.requirements.map((requirement) => ({
      requirementId: requirement.id,
      kind: requirement.kind,
      title: requirement.title,
      minPages: requirement.minPages,
      maxPages: requirement.maxPages,
      pages: [],
      signed: false,
      complete: false,
      problem: null,
    })),
    startedAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...over,
  });
  const step = (id: string) => alta.steps.find((candidate) => candidate.id === id)!;

  it('ticks a fields step once every required field is filled', () => {
    const holder = step('holder');
    const partial = { firstName: 'Juan', lastName: 'Gómez', documentNumber: '20345678' };
    expect(stepDone(draft({ values: { holder: partial } }), holder)).toBe(false);
    const full = { ...partial, birthDate: '1985-04-12', phone: '03447421234', email: 'a@b.com' };
    expect(stepDone(draft({ values: { holder: full } }), holder)).toBe(true);
  });

  it('ticks a requirement step when the core says it is complete, never the review', () => {
    const done = draft();
    done.requirements[0]!.complete = true;
    expect(stepDone(done, step('dni'))).toBe(true);
    expect(stepDone(done, step('ownership-proof'))).toBe(false);
    expect(stepDone(done, step('review'))).toBe(false);
  });

  it('resumes at the first step not done, and walks back and forth', () => {
    const values = {
      holder: {
        firstName: 'Juan',
        lastName: 'Gómez',
        documentNumber: '20345678',
        birthDate: '1985-04-12',
        phone: '03447421234',
        email: 'a@b.com',
      },
    };
    expect(firstOpenStep(draft({ values }), alta)?.id).toBe('supply-address');
    expect(neighbourStep(draft(), alta, 'holder', -1)).toBeUndefined();
    expect(neighbourStep(draft(), alta, 'holder', 1)?.id).toBe('supply-address');
    expect(neighbourStep(draft(), alta, 'review', 1)).toBeUndefined();
  });

  it('answering an observation shows only the observed step and the review', () => {
    const answering = draft({
      answering: {
        requestId: '00000000-0000-4000-8000-000000000002',
        number: 'T-2026-000001',
        stepId: 'dni',
        message: 'La foto no se lee.',
      },
    });
    expect(wizardSteps(answering, alta).map((s) => s.id)).toEqual(['dni', 'review']);
    expect(firstOpenStep(answering, alta)?.id).toBe('dni');
    expect(neighbourStep(answering, alta, 'dni', 1)?.id).toBe('review');
    // The observed step opens even when it looks done: the customer came to redo it.
    const done = draft({
      ...answering,
      requirements: answering.requirements.map((requirement) => ({
        ...requirement,
        complete: true,
      })),
    });
    expect(firstOpenStep(done, alta)?.id).toBe('dni');
  });
});
