import { HttpError } from 'react-admin';
import type { DataProvider } from 'react-admin';
import simpleRestProvider from 'ra-data-simple-rest';
import { httpClient } from './httpClient';
import type { Health } from './api-types';

export interface ArgusDataProvider extends DataProvider {
  getHealth: () => Promise<Health>;
}

export const dataProvider: ArgusDataProvider = {
  ...simpleRestProvider('/api/admin', httpClient),

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
