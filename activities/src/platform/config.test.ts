import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  const keys = { JWT_SECRET: 'x'.repeat(40), ARGUS_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}` };

  it('needs nothing but the installation keys (which npm start generates), and listens on loopback', () => {
    const config = loadConfig(keys);
    expect(config.API_PORT).toBe(4000);
    expect(config.HOST).toBe('127.0.0.1');
    expect(config.jwtSecret).toBe(keys.JWT_SECRET);
    expect(config.activeEncryptionKeyId).toBe('k1');
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

  it('has no built-in keys: without them it refuses to start in any mode, saying how to set them', () => {
    for (const NODE_ENV of ['development', 'test', 'production']) {
      try {
        loadConfig({ NODE_ENV, DATABASE_URL: 'postgres://x/y' });
        expect.unreachable();
      } catch (err) {
        const problems = (err as ConfigError).problems;
        expect(problems.map((p) => p.split(':')[0])).toEqual(['JWT_SECRET', 'ARGUS_ENCRYPTION_KEYS']);
        expect(problems[0]).toMatch(/npm start. generates it in \.data\/secrets\.env/);
        expect(problems[0]).toMatch(/openssl rand/);
      }
    }
  });

  it('refuses production without its secrets', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET[\s\S]*ARGUS_ENCRYPTION_KEYS[\s\S]*DATABASE_URL/);
  });
});
