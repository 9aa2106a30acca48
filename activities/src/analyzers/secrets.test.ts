import { describe, expect, it } from 'vitest';
import { findSecretsInLine, maskSecrets, scanTextForSecrets, shannonEntropy } from './secrets';

// Fake credentials are assembled at run time so this file never holds one that a scanner would flag.
const j = (...parts: string[]) => parts.join('');
const AWS_ID = j('AKIA', 'ABCDEFGHIJKLMNOP');
const AWS_SECRET = j('wJalrXUtnFEMI/K7MDENG', 'bPxRfiCYzQ8r3Lk2Tq9');
const GH_TOKEN = j('ghp_', 'aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dE3fG5');
const GH_PAT = j('github_pat_', '11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz');
const SLACK = j('xoxb-', '123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx');
const STRIPE = j('sk_', 'live_', '4eC39HqLyjWDarjtT1zdp7dc');
const PEM = j('-----BEGIN ', 'RSA PRIVATE KEY-----');
const GENERIC = j('q8Zr2LmX', '9vT4pK1wE6');

function ids(text: string): string[] {
  return scanTextForSecrets('f.txt', text).map((f) => f.ruleId);
}

describe('secret detection', () => {
  it('finds provider credentials with the right severity', () => {
    const cases: [string, string, string][] = [
      [`AWS_ACCESS_KEY_ID = "${AWS_ID}"`, 'secrets/aws-access-key-id', 'critical'],
      [`aws_secret_access_key = ${AWS_SECRET}`, 'secrets/aws-secret-access-key', 'critical'],
      [`token: ${GH_TOKEN}`, 'secrets/github-token', 'high'],
      [`GITHUB_TOKEN=${GH_PAT}`, 'secrets/github-token', 'high'],
      [`const slack = '${SLACK}';`, 'secrets/slack-token', 'high'],
      [`stripe.key = "${STRIPE}"`, 'secrets/stripe-live-key', 'high'],
      [PEM, 'secrets/private-key', 'critical'],
      [`api_key = "${GENERIC}"`, 'secrets/generic-secret', 'high'],
      [`  "db_password": "${GENERIC}",`, 'secrets/generic-secret', 'high'],
    ];
    for (const [line, ruleId, severity] of cases) {
      const found = scanTextForSecrets('config.txt', `# header\n${line}\n`);
      expect(found.map((f) => [f.ruleId, f.severity, f.category, f.startLine]), line).toEqual([[ruleId, severity, 'security', 2]]);
    }
  });

  it('ignores placeholders, low-entropy values and references to the environment', () => {
    expect(ids('password = "changeme-changeme"')).toEqual([]);
    expect(ids('password = "aaaaaaaaaaaaaaaa"')).toEqual([]);
    expect(ids('api_key = "${API_KEY}"')).toEqual([]);
    expect(ids('secret = process.env.SECRET')).toEqual([]);
    expect(ids('const passwordField = "user.password.field"')).toEqual([]);
    expect(ids(j('AKIA', 'ABC'))).toEqual([]);
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy(GENERIC)).toBeGreaterThan(3.5);
  });

  it('masks every secret: first 4 characters, then ****', () => {
    const [finding] = scanTextForSecrets('config/settings.py', `AWS_ACCESS_KEY_ID = "${AWS_ID}"  # and ${GH_TOKEN}\n`);
    expect(finding!.snippet).toBe('AWS_ACCESS_KEY_ID = "AKIA****"  # and ghp_****');
    expect(finding!.message).toContain('AKIA****');
    expect(JSON.stringify(scanTextForSecrets('x', `${AWS_ID} ${GH_TOKEN} ${STRIPE} api_key="${GENERIC}"`))).not.toMatch(
      new RegExp([AWS_ID, GH_TOKEN, STRIPE, GENERIC].map((s) => s.slice(4)).join('|')),
    );
    expect(maskSecrets(`a\nkey=${AWS_ID}\r\nb`)).toBe('a\nkey=AKIA****\r\nb');
    expect(findSecretsInLine(`x ${AWS_ID}`)[0]).toMatchObject({ start: 2, end: 22 });
  });

  it('reports 1-based columns of the secret itself', () => {
    const [f] = scanTextForSecrets('a.py', `KEY = "${AWS_ID}"`);
    expect([f!.startColumn, f!.endColumn]).toEqual([8, 28]);
  });
});

describe('signing secrets passed to cookie-parser and JWT calls', () => {
  it('finds a literal cookie-parser secret or JWT key, not one read from the environment', () => {
    expect(ids("app.use(cookieParser('kekse'))")).toEqual(['secrets/session-secret']);
    expect(ids("payload = jwt.decode(cookie, 'csrf_vulneribility', algorithms=['HS256'])")).toEqual(['secrets/session-secret']);
    expect(ids("const t = jwt.sign({ id: user.id }, 'hunter2-signing')")).toEqual(['secrets/session-secret']);
    expect(ids('app.use(cookieParser(process.env.COOKIE_SECRET))')).toEqual([]);
    expect(ids('const t = jwt.sign({ id: user.id }, config.get("jwtKey"))')).toEqual([]);
  });
});
