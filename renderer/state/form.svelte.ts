import type { ApiError } from '../../src/contract/errors.js';
import { KioskCallError } from '../lib/kiosk.js';
import { t } from '../lib/messages.js';

/** A field's rule: null when the value is fine, otherwise what to tell the customer. */
export type Rule<K extends string> = (
  value: string,
  values: Readonly<Record<K, string>>,
) => string | null;

/** What to show for a failed call: the core's own message, or a generic one for a bug. */
export function apiErrorOf(caught: unknown): ApiError {
  return caught instanceof KioskCallError
    ? caught.error
    : { code: 'unexpected', message: t('error.generic') };
}

/** What one field on screen needs of its form (see FormField.svelte). */
export interface FieldForm<K extends string> {
  values: Record<K, string>;
  touched: Record<K, boolean>;
  check(key: K): string | null;
  refusal(key: K): string | null;
}

interface Refusal {
  message: string;
  /** The value the kiosk refused: the message goes away as soon as the customer changes it. */
  value: string;
}

/**
 * What a customer types into one form: values, which fields were touched, the kiosk's refusals
 * and the busy state of its submit button. A refusal never changes a value.
 */
export class Form<K extends string> implements FieldForm<K> {
  values: Record<K, string>;
  touched: Record<K, boolean>;
  refusals = $state<Partial<Record<K, Refusal>>>({});
  /** A refusal that belongs to no field, shown above the submit button. */
  alert = $state<string | null>(null);
  busy = $state(false);
  readonly #rules: Record<K, Rule<K>>;
  readonly #initial: Record<K, string>;

  constructor(rules: Record<K, Rule<K>>, initial: Partial<Record<K, string>> = {}) {
    this.#rules = rules;
    const keys = Object.keys(rules) as K[];
    this.#initial = Object.fromEntries(keys.map((key) => [key, initial[key] ?? ''])) as Record<
      K,
      string
    >;
    this.values = $state({ ...this.#initial });
    this.touched = $state(
      Object.fromEntries(keys.map((key) => [key, false])) as Record<K, boolean>,
    );
  }

  /** What the rule says about the current value, touched or not. */
  check(key: K): string | null {
    return this.#rules[key](this.values[key], this.values);
  }

  /** The kiosk's refusal of this field, while the customer has not changed the value. */
  refusal(key: K): string | null {
    const refusal = this.refusals[key];
    return refusal && refusal.value === this.values[key] ? refusal.message : null;
  }

  /**
   * The first of `keys` whose rule fails, after marking them all as touched. A refusal does not
   * count: the customer may send the same value again (the kiosk may have been offline).
   */
  firstInvalid(keys: readonly K[]): K | null {
    for (const key of keys) this.touched[key] = true;
    return keys.find((key) => this.check(key) !== null) ?? null;
  }

  owns(field: string | undefined): field is K {
    return field !== undefined && Object.hasOwn(this.#rules, field);
  }

  /** Places a refusal next to its field, or above the submit button when it names none. */
  refuse(error: ApiError): K | null {
    if (this.owns(error.field)) {
      this.refusals[error.field] = { message: error.message, value: this.values[error.field] };
      return error.field;
    }
    this.alert = error.message;
    return null;
  }

  /**
   * Runs `action` with the submit button busy. A refusal is kept for the screen to show, and
   * returned; whatever the customer typed stays as it was.
   */
  async submit<T>(
    action: () => Promise<T>,
  ): Promise<{ ok: true; value: T } | { ok: false; error: ApiError }> {
    this.busy = true;
    this.alert = null;
    this.refusals = {};
    try {
      return { ok: true, value: await action() };
    } catch (caught) {
      return { ok: false, error: apiErrorOf(caught) };
    } finally {
      this.busy = false;
    }
  }

  clear(): void {
    for (const key of Object.keys(this.#initial) as K[]) {
      this.values[key] = this.#initial[key];
      this.touched[key] = false;
    }
    this.refusals = {};
    this.alert = null;
    this.busy = false;
  }
}
