// The console's names for the API's shapes, from the types `npm run generate:api-types` generates from the API's
// OpenAPI document (portal/src/api/schema.gen.ts; type-only, so nothing of the portal is bundled here).
import type { components, ResponseBody } from '../../portal/src/api/schema.gen';

/** The signed-in user (GET /api/me's user; the login answer carries the same user). */
type StaffUser = components['schemas']['Me']['user'];
export type StaffRole = NonNullable<StaffUser['staffRole']>;
export type Session = Omit<ResponseBody<'/api/admin/auth/login', 'post'>, 'user'> & { user: StaffUser };

/** GET /api/admin/health; a degraded system answers 503 with the same body. */
export type Health = ResponseBody<'/api/admin/health', 'get'>;
