import { HttpError } from 'react-admin';
import type { DataProvider } from 'react-admin';
import simpleRestProvider from 'ra-data-simple-rest';
import { httpClient } from './httpClient';
import type { Health } from './api-types';

export interface ArgusDataProvider extends DataProvider {
  getHealth: () => Promise<Health>;
}

/** Resources whose API path is not their name (seed 004's /api/admin/support/tickets and /api/admin/subscriptions/tiers). */
const API_PATHS: Record<string, string> = {
  tickets: 'support/tickets',
  'canned-responses': 'support/canned-responses',
  tiers: 'subscriptions/tiers',
};

const simpleRest = simpleRestProvider('/api/admin', httpClient);
const at = (resource: string) => API_PATHS[resource] ?? resource;

export const dataProvider: ArgusDataProvider = {
  getList: (resource, params) => simpleRest.getList(at(resource), params),
  getOne: (resource, params) => simpleRest.getOne(at(resource), params),
  getMany: (resource, params) => simpleRest.getMany(at(resource), params),
  getManyReference: (resource, params) => simpleRest.getManyReference(at(resource), params),
  create: (resource, params) => simpleRest.create(at(resource), params),
  update: (resource, params) => simpleRest.update(at(resource), params),
  updateMany: (resource, params) => simpleRest.updateMany(at(resource), params),
  delete: (resource, params) => simpleRest.delete(at(resource), params),
  deleteMany: (resource, params) => simpleRest.deleteMany(at(resource), params),

  async getHealth() {
    try {
      const { json } = await httpClient('/api/admin/health');
      return json as Health;
    } catch (error) {
      // A degraded system may answer 503 with the same body; that is data, not a failure.
      if (error instanceof HttpError && error.status === 503 && Array.isArray(error.body?.checks)) {
        return error.body as Health;
      }
      throw error;
    }
  },
};
