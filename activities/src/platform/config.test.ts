import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('works with no variables at all, for npm start on a fresh machine', () => {
    const config = loadConfig({});
    expect(config.API_PORT).toBe(4000);
    expect(config.databaseUrl).toMatch(/^postgres:\/\/argus:argus@127\.0\.0\.1:54329\/argus$/);
  });

  it('lists every problem in one readable message', () => {
    try {
      loadConfig({ API_PORT: 'abc', TEMPORAL_ADDRESS: 'nohost', SENTRY_SAMPLE_RATE: '3', DATABASE_URL: 'mysql://x' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const message = (err as ConfigError).message;
      for (const variable of ['API_PORT', 'TEMPORAL_ADDRESS', 'SENTRY_SAMPLE_RATE', 'DATABASE_URL']) expect(message).toContain(variable);
      expect((err as ConfigError).problems).toHaveLength(4);
    }
  });

  it('refuses production without its secrets', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET[\s\S]*ARGUS_ENCRYPTION_KEYS[\s\S]*DATABASE_URL/);
  });
});
