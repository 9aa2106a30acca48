// The API's limits on what forms send, so a form refuses too-long input before the API has to. The OpenAPI document
// does not reach the browser at run time, so they are written here; e2e/portal-limits.test.ts fails when one of them
// no longer matches the request schema it names.

interface Limit {
  minLength?: number;
  maxLength?: number;
  min?: number;
  max?: number;
}

export const FORM_LIMITS = {
  'POST /api/auth/signup': { name: { maxLength: 100 }, email: { maxLength: 254 }, password: { minLength: 10, maxLength: 200 } },
  'POST /api/auth/login': { email: { maxLength: 254 }, password: { maxLength: 200 } },
  'POST /api/auth/forgot-password': { email: { maxLength: 254 } },
  'POST /api/auth/reset-password': { password: { minLength: 10, maxLength: 200 } },
  'POST /api/teams': { name: { maxLength: 100 }, slug: { minLength: 2, maxLength: 63 }, description: { maxLength: 2000 } },
  'PATCH /api/teams/{teamId}': {
    name: { maxLength: 100 },
    description: { maxLength: 2000 },
    'settings.maxRepositories': { min: 1, max: 10_000 },
    'settings.maxConcurrentRuns': { min: 1, max: 100 },
  },
  'POST /api/teams/{teamId}/members': { email: { maxLength: 320 } },
  'POST /api/workspaces/{workspaceId}/repositories': { cloneUrl: { maxLength: 2000 }, name: { maxLength: 200 }, defaultBranch: { maxLength: 200 }, credential: { maxLength: 4000 } },
  'POST /api/tokens': { name: { maxLength: 100 }, expiresInDays: { min: 1, max: 365 } },
  'PUT /api/workspaces/{workspaceId}/ai-keys': { apiKey: { minLength: 8, maxLength: 500 } },
  'PATCH /api/findings/{findingId}/triage': { reason: { maxLength: 1000 } },
  'PATCH /api/account': { name: { maxLength: 100 } },
  'POST /api/account/email': { email: { maxLength: 254 }, password: { maxLength: 200 } },
  'POST /api/account/password': { currentPassword: { maxLength: 200 }, newPassword: { minLength: 10, maxLength: 200 } },
  'DELETE /api/account': { password: { maxLength: 200 }, confirmEmail: { maxLength: 254 } },
} as const satisfies Record<string, Record<string, Limit>>;

type Request = keyof typeof FORM_LIMITS;

/** The input attributes (maxLength, minLength, min, max) for one field of a request, to spread into a field. */
export function limitsOf<R extends Request>(request: R, field: keyof (typeof FORM_LIMITS)[R]): Limit {
  return FORM_LIMITS[request][field] as Limit;
}
