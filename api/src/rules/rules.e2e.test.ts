import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createTestEnv, type TestEnv } from '../../../e2e/support/test-env';
import { createUserWithToken } from '../../../e2e/support/auth';

// The rules catalogue as the portal's Rules page reads it, through the real app on Postgres.
let env: TestEnv;
let auth: string;
beforeAll(async () => {
  env = await createTestEnv();
  auth = (await createUserWithToken(env.knex, env.config.jwtSecret)).authHeader;
});
afterAll(() => env.close());

const ids = async (query: string) => {
  const res = await request(env.app).get(`/api/rules?pageSize=200&${query}`).set('authorization', auth).expect(200);
  const all: { id: string; language: string }[] = [...res.body.items];
  for (let page = 2; all.length < res.body.total; page++) all.push(...(await request(env.app).get(`/api/rules?pageSize=200&page=${page}&${query}`).set('authorization', auth).expect(200)).body.items);
  return all;
};

describe('GET /api/rules', () => {
  it('lists rules of every language under each language they apply to (taint flows exist in JavaScript and Python)', async () => {
    const python = await ids('language=python');
    expect(python.some((r) => r.id === 'taint/sql-injection')).toBe(true);
    expect(python.every((r) => r.language === 'python' || r.language === 'any')).toBe(true);
    expect(python.some((r) => r.language === 'python')).toBe(true);
    const javascript = await ids('language=javascript');
    expect(javascript.some((r) => r.id === 'taint/sql-injection')).toBe(true);
    expect(javascript.some((r) => r.language === 'python')).toBe(false);
  });

  it('answers 400 with a reason for an unknown language, and 401 without a session', async () => {
    const res = await request(env.app).get('/api/rules?language=cobol').set('authorization', auth).expect(400);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    await request(env.app).get('/api/rules').expect(401);
  });
});
