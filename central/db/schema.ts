/**
 * The central's tables as Kysely sees them. One schema for both engines: timestamps are ISO-8601
 * UTC text and structured values are JSON text, parsed with the contract's zod schemas on read.
 */
export interface RequestTypeTable {
  id: string;
  /** Order in which the kiosk lists the request types. */
  position: number;
  /** A `RequestType` of the contract, as JSON. */
  definition: string;
  updated_at: string;
}

/** Exactly one row (id = 1): the cooperative's branding, settings and catalogue version. */
export interface CooperativeSettingsTable {
  id: number;
  /** A `Branding` of the contract, as JSON. */
  branding: string;
  /** A `Settings` of the contract, as JSON. */
  settings: string;
  /** Hash of the whole catalogue's canonical content; the catalogue's ETag. */
  catalog_version: string;
  updated_at: string;
}

export interface CentralSchema {
  request_types: RequestTypeTable;
  cooperative_settings: CooperativeSettingsTable;
}
