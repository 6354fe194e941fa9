import { z } from 'zod';

/** What the cooperative looks like: data, so another cooperative changes it without code. */
export const Branding = z.object({
  cooperativeName: z.string().min(1),
  fullName: z.string().min(1),
  tagline: z.string(),
  logoSvg: z.string().startsWith('<svg'),
  primaryColor: z.string().regex(/^#[0-9a-fA-F]{6}$/),
  accentColor: z.string().regex(/^#[0-9a-fA-F]{6}$/),
});
export type Branding = z.infer<typeof Branding>;

export const Settings = z.object({
  activationMailSubject: z.string().min(1),
  recoveryMailSubject: z.string().min(1),
  paymentsUrl: z.url(),
  paymentsInsideKiosk: z.boolean(),
  inactivitySeconds: z.number().int().min(30).max(900),
  warningSeconds: z.number().int().min(20).max(120),
  supportPhone: z.string(),
});
export type Settings = z.infer<typeof Settings>;

export const FieldType = z.enum([
  'text',
  'date',
  'select',
  'document',
  'phone',
  'email',
  'members',
]);
export type FieldType = z.infer<typeof FieldType>;

export const Field = z.object({
  id: z.string().regex(/^[a-z][a-zA-Z0-9]*$/),
  label: z.string().min(1),
  type: FieldType,
  required: z.boolean(),
  options: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
});
export type Field = z.infer<typeof Field>;

export const RequirementKind = z.enum(['dni-photo', 'document-photo', 'signed-form', 'photo']);
export type RequirementKind = z.infer<typeof RequirementKind>;

export const Requirement = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  kind: RequirementKind,
  title: z.string().min(1),
  /** Plain words for "¿Qué necesito?". */
  description: z.string().min(1),
  minPages: z.number().int().min(0),
  maxPages: z.number().int().min(1),
  /**
   * The pages follow the data: exactly `pages` for each entry of that `members` field (two sides
   * of each family member's DNI), none when it has none. minPages..maxPages then only bound it.
   */
  pagesPerEntry: z
    .object({
      stepId: z.string(),
      fieldId: z.string(),
      pages: z.number().int().min(1),
    })
    .optional(),
  /** For signed forms: the PDF template under resources/forms/. */
  formTemplate: z.string().optional(),
});
export type Requirement = z.infer<typeof Requirement>;

export const StepKind = z.enum(['fields', 'requirement', 'review']);
export type StepKind = z.infer<typeof StepKind>;

export const Step = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  kind: StepKind,
  title: z.string().min(1),
  instructions: z.string(),
  fields: z.array(Field).optional(),
  requirementId: z.string().optional(),
});
export type Step = z.infer<typeof Step>;

export const RequestType = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  title: z.string().min(1),
  summary: z.string().min(1),
  /** "Revisión de Pilar" starts only from an active, linked and selected energy supply. */
  needsActiveEnergySupply: z.boolean(),
  requirements: z.array(Requirement).min(1),
  steps: z.array(Step).min(1),
});
export type RequestType = z.infer<typeof RequestType>;

export const Catalog = z.object({
  version: z.string().min(1),
  branding: Branding,
  settings: Settings,
  requestTypes: z.array(RequestType),
});
export type Catalog = z.infer<typeof Catalog>;
