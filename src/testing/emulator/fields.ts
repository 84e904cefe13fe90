/**
 * Reading request input the way the server validates it: required fields, types, ranges and
 * enums, each failure a `400 validation_error` naming the field (`lines[0].quantity`).
 */
import { validationError } from './api-failure';
import type { Metadata } from '../../resources/shared-types';

interface Bounds {
  min?: number;
  max?: number;
}

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

export class Fields {
  private constructor(
    private readonly source: Record<string, unknown>,
    private readonly prefix: string,
  ) {}

  /** The request body as an object (an absent body reads as `{}`). */
  static of(value: unknown, prefix = ''): Fields {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw validationError(prefix.replace(/\.$/, '') || 'body', 'must be a JSON object');
    }
    return new Fields(value as Record<string, unknown>, prefix);
  }

  path(name: string): string {
    return `${this.prefix}${name}`;
  }

  has(name: string): boolean {
    return this.source[name] !== undefined;
  }

  /** Present and explicitly `null` (PATCH semantics: clear the field). */
  isNull(name: string): boolean {
    return this.source[name] === null;
  }

  private present(name: string, required: boolean): unknown {
    const value = this.source[name];
    if (value === undefined || (required && value === null)) {
      if (required) throw validationError(this.path(name), 'is required');
      return undefined;
    }
    return value;
  }

  string(name: string, bounds: Bounds = {}): string | undefined {
    const value = this.present(name, false);
    return value === undefined || value === null ? undefined : this.checkString(name, value, bounds);
  }

  requiredString(name: string, bounds: Bounds = {}): string {
    return this.checkString(name, this.present(name, true), bounds);
  }

  private checkString(name: string, value: unknown, { min = 1, max }: Bounds): string {
    if (typeof value !== 'string') throw validationError(this.path(name), 'must be a string');
    if (value.length < min)
      throw validationError(this.path(name), min === 1 ? 'must not be empty' : `must have at least ${min} characters`);
    if (max !== undefined && value.length > max) throw validationError(this.path(name), `must have at most ${max} characters`);
    return value;
  }

  integer(name: string, bounds: Bounds = {}): number | undefined {
    const value = this.present(name, false);
    return value === undefined || value === null ? undefined : this.checkInteger(name, value, bounds);
  }

  requiredInteger(name: string, bounds: Bounds = {}): number {
    return this.checkInteger(name, this.present(name, true), bounds);
  }

  private checkInteger(name: string, value: unknown, { min, max }: Bounds): number {
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw validationError(this.path(name), 'must be an integer');
    if (min !== undefined && value < min) throw validationError(this.path(name), `must be ≥ ${min}`);
    if (max !== undefined && value > max) throw validationError(this.path(name), `must be ≤ ${max}`);
    return value;
  }

  boolean(name: string): boolean | undefined {
    const value = this.present(name, false);
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'boolean') throw validationError(this.path(name), 'must be a boolean');
    return value;
  }

  requiredBoolean(name: string): boolean {
    const value = this.present(name, true);
    if (typeof value !== 'boolean') throw validationError(this.path(name), 'must be a boolean');
    return value;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[]): T | undefined {
    const value = this.present(name, false);
    return value === undefined || value === null ? undefined : this.checkOneOf(name, value, allowed);
  }

  requiredOneOf<T extends string>(name: string, allowed: readonly T[]): T {
    return this.checkOneOf(name, this.present(name, true), allowed);
  }

  private checkOneOf<T extends string>(name: string, value: unknown, allowed: readonly T[]): T {
    if (typeof value !== 'string' || !allowed.includes(value as T)) {
      throw validationError(this.path(name), `must be one of ${allowed.map((a) => `'${a}'`).join(', ')}`);
    }
    return value as T;
  }

  /** An absolute URL; `https` only when `httpsOnly`. */
  requiredUrl(name: string, { httpsOnly = false } = {}): string {
    const value = this.requiredString(name, { max: 2048 });
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw validationError(this.path(name), 'must be an absolute URL');
    }
    const allowed = httpsOnly ? ['https:'] : ['https:', 'http:'];
    if (!allowed.includes(url.protocol)) {
      throw validationError(this.path(name), httpsOnly ? 'must be an https:// URL' : 'must be an http(s) URL');
    }
    return value;
  }

  url(name: string, options: { httpsOnly?: boolean } = {}): string | undefined {
    return this.has(name) && !this.isNull(name) ? this.requiredUrl(name, options) : undefined;
  }

  /** An ISO-8601 timestamp, normalized to `toISOString()` form. */
  timestamp(name: string): string | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    const ms = Date.parse(value);
    if (!ISO_TIMESTAMP.test(value) || Number.isNaN(ms)) throw validationError(this.path(name), 'must be an ISO-8601 timestamp');
    return new Date(ms).toISOString();
  }

  /** `undefined` when absent, `null` when explicitly cleared. */
  metadata(name = 'metadata'): Metadata | null | undefined {
    const value = this.source[name];
    if (value === undefined) return undefined;
    if (value === null) return null;
    if (typeof value !== 'object' || Array.isArray(value)) throw validationError(this.path(name), 'must be an object of strings');
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length > 50) throw validationError(this.path(name), 'must have at most 50 keys');
    for (const [key, item] of entries) {
      if (typeof item !== 'string') throw validationError(`${this.path(name)}.${key}`, 'must be a string');
    }
    return { ...(value as Metadata) };
  }

  array(name: string, { required = false, min = 0 }: { required?: boolean; min?: number } = {}): unknown[] | undefined {
    const value = this.present(name, required);
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value)) throw validationError(this.path(name), 'must be an array');
    if (value.length < min) throw validationError(this.path(name), `must have at least ${min} item${min === 1 ? '' : 's'}`);
    return value;
  }

  stringArray(name: string, options: { required?: boolean; min?: number } = {}): string[] | undefined {
    const items = this.array(name, options);
    items?.forEach((item, i) => {
      if (typeof item !== 'string' || item === '') throw validationError(`${this.path(name)}[${i}]`, 'must be a non-empty string');
    });
    return items as string[] | undefined;
  }

  /** Each element of an array of objects, as `Fields` whose errors name `name[i].field`. */
  objects(name: string, options: { required?: boolean; min?: number } = {}): Fields[] | undefined {
    return this.array(name, options)?.map((item, i) => Fields.of(item, `${this.path(name)}[${i}].`));
  }

  object(name: string): Fields | undefined {
    const value = this.present(name, false);
    return value === undefined || value === null ? undefined : Fields.of(value, `${this.path(name)}.`);
  }
}
