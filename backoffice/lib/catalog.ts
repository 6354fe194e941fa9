import type { Catalog, RequestType } from '../../src/contract/index.js';
import { publicCall } from './api.js';

let loading: Promise<Catalog> | undefined;

/** The catalogue of request types (titles of steps, fields and requirements), asked once. */
export function catalog(): Promise<Catalog> {
  loading ??= publicCall('catalog').catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

export async function requestType(id: string): Promise<RequestType | undefined> {
  return (await catalog()).requestTypes.find((type) => type.id === id);
}
