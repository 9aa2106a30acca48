import simpleRestProvider from 'ra-data-simple-rest';
import { fetchUtils, type DataProvider } from 'ra-core';

/**
 * The console's real data provider (ra-data-simple-rest, as admin-ui/src/dataProvider.ts builds it) pointed at a
 * running API with a staff member's access token, plus the same fetchJson the console's action buttons use.
 */
export function consoleClient(apiBase: string, accessToken: string): { dataProvider: DataProvider; send: (path: string, init?: fetchUtils.Options) => Promise<{ status: number; json: any; headers: Headers }> } {
  const httpClient = (url: string, options: fetchUtils.Options = {}) => fetchUtils.fetchJson(url, { ...options, user: { authenticated: true, token: `Bearer ${accessToken}` } });
  return {
    dataProvider: simpleRestProvider(`${apiBase}/api/admin`, httpClient),
    send: (path, init = {}) => httpClient(`${apiBase}${path}`, init),
  };
}
