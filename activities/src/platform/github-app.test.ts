import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';
import { createGitHubAppClient, githubAppClient, githubAppSettings } from './github-app';

const keys = { JWT_SECRET: 'x'.repeat(40), ARGUS_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}` };
const app = { GITHUB_APP_ID: '12345', GITHUB_APP_PRIVATE_KEY: 'pem' };
const flow = { GITHUB_APP_SLUG: 'argus-code-quality', GITHUB_APP_CLIENT_ID: 'Iv1.abc', GITHUB_APP_CLIENT_SECRET: 'secret' };

describe('GitHub App install flow configuration', () => {
  it('is off without the slug and OAuth client, and an App without them still loads (webhooks, checks, fix PRs)', () => {
    expect(githubAppSettings(loadConfig(keys))).toBeNull();
    expect(githubAppSettings(loadConfig({ ...keys, ...app }))).toBeNull();
    expect(githubAppClient(loadConfig({ ...keys, ...app }))).toBeNull();
  });

  it('needs the slug, client id, client secret and App id together, naming each one missing', () => {
    try {
      loadConfig({ ...keys, GITHUB_APP_SLUG: 'argus-code-quality' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).problems.map((p) => p.split(':')[0])).toEqual(['GITHUB_APP_CLIENT_ID', 'GITHUB_APP_CLIENT_SECRET', 'GITHUB_APP_ID']);
    }
    expect(() => loadConfig({ ...keys, ...app, ...flow, GITHUB_APP_SLUG: 'not a slug/..' })).toThrow(/GITHUB_APP_SLUG/);
  });

  it('builds GitHub’s own addresses, for github.com and for GitHub Enterprise Server', () => {
    const dotcom = githubAppSettings(loadConfig({ ...keys, ...app, ...flow }))!;
    expect(dotcom).toMatchObject({ webUrl: 'https://github.com', apiUrl: 'https://api.github.com', slug: 'argus-code-quality' });
    const client = createGitHubAppClient(dotcom);
    expect(client.installUrl('s/t+a=te')).toBe('https://github.com/apps/argus-code-quality/installations/new?state=s%2Ft%2Ba%3Dte');
    expect(client.installationSettingsUrl({ installationId: 7, accountLogin: 'acme', accountType: 'Organization' })).toBe('https://github.com/organizations/acme/settings/installations/7');
    expect(client.installationSettingsUrl({ installationId: 7, accountLogin: 'octocat', accountType: 'User' })).toBe('https://github.com/settings/installations/7');
    const ghes = githubAppSettings(loadConfig({ ...keys, ...app, ...flow, GITHUB_WEB_URL: 'https://ghe.example.com/', GITHUB_API_URL: 'https://ghe.example.com/api/v3' }))!;
    expect(createGitHubAppClient(ghes).installUrl('s')).toBe('https://ghe.example.com/apps/argus-code-quality/installations/new?state=s');
  });
});
