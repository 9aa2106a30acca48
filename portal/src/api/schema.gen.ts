/**
 * GENERATED FILE, do not edit: run `npm run generate:api-types` after changing the API's routes or schemas.
 * The types of api/src's OpenAPI document (zod schemas → buildOpenApiDocument → openapi-typescript).
 * Friendly names: portal/src/api/types.ts and admin-ui/src/api-types.ts.
 */
export type ResponseBody<P extends keyof paths, M extends keyof paths[P], S extends number = 200> = paths[P][M] extends {
    responses: infer R;
} ? S extends keyof R ? R[S] extends {
    content: {
        "application/json": infer B;
    };
} ? B : never : never : never;
export type RequestBody<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
    requestBody?: {
        content: {
            "application/json": infer B;
        };
    };
} ? B : never;
export type QueryParams<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
    parameters: {
        query?: infer Q;
    };
} ? NonNullable<Q> : never;
export interface paths {
    "/api/account": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The current user’s account and the id of their personal workspace */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the account */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Account"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete the account (needs the password and the account’s e-mail address typed again) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        password: string;
                        confirmEmail: string;
                    };
                };
            };
            responses: {
                /** @description Deleted, and every session with it. The personal workspace is deleted with all its data (repositories, runs, findings, fixes, API tokens), and so is any team of which the user was the only member. Teams with other members keep all their data: the membership is removed, ownership passes to the longest-standing other admin, and audit entries keep the name and e-mail address recorded with them. */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description the password is wrong, or confirmEmail is not the account’s address (field errors) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description with an API token: log in instead */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description the last admin of a team with other members (make someone else admin first; `teams` lists them), or a staff account */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description too many wrong passwords: the account is locked for a while */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change the display name */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        name: string;
                    };
                };
            };
            responses: {
                /** @description the user */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AccountUser"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/account/email": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Ask to change the e-mail address; it changes only when the link mailed to the new address is used (POST /api/auth/verify-email) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description A confirmation link was mailed to the new address (valid 24 hours; a newer request replaces it) and a notice to the current one. The same answer is given when the address belongs to another account. */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "sent";
                            pendingEmail: string;
                        };
                    };
                };
                /** @description not an e-mail address, already your address, or the password is wrong (field errors) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description with an API token: log in instead */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description too many wrong passwords: the account is locked for a while */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/account/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change the password; ends every other session and every access token issued before */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        currentPassword: string;
                        newPassword: string;
                    };
                };
            };
            responses: {
                /** @description Changed. Every other session is ended, and every access token issued before stops working at once, this one included. This session stays: exchange its refresh token (POST /api/auth/refresh) for a new access token, as after any 401. */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description the current password is wrong, or the new one is too easy to guess (field errors with advice) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description with an API token: log in instead */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description too many wrong passwords: the account is locked for a while */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/account/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The account’s active sessions (logins), most recently used first */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description sessions */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AccountSessions"];
                    };
                };
                /** @description with an API token: log in instead */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** End every session except this one */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description every other session ended */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/account/sessions/{sessionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** End one session: its refresh token and its access tokens stop working at once */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    sessionId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description ended */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description no active session of yours with that id */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/analytics/platform": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Runs, findings and fixes across every workspace, and what is waiting now */
        get: {
            parameters: {
                query?: {
                    days?: number;
                    from?: string;
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description platform analytics */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AdminAnalyticsPlatform"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/analytics/quality": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Code quality across the platform: findings reported, new and fixed per day, fix rate, time to fix, top rules */
        get: {
            parameters: {
                query?: {
                    days?: number;
                    from?: string;
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description quality analytics */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AdminAnalyticsQuality"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/analytics/rebuilds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Rebuild the analytics rollups of a range of days from the source tables, now (safe beside the Schedules) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        from: string;
                        to: string;
                    };
                };
            };
            responses: {
                /** @description the rebuild */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            workflowId: string;
                            from: string;
                            to: string;
                        };
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/analytics/revenue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** MRR, ARR, MRR by tier, churned and expansion MRR, collected revenue (from subscriptions, tiers and invoices) */
        get: {
            parameters: {
                query?: {
                    days?: number;
                    from?: string;
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description revenue analytics */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AdminAnalyticsRevenue"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/analytics/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Growth (signups), engagement (DAU/WAU/MAU) and churn */
        get: {
            parameters: {
                query?: {
                    days?: number;
                    from?: string;
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description user analytics */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AdminAnalyticsUsers"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/audit-logs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The activity log across all workspaces (filters: action (exact, or prefix ending in "."), workspaceId, actorId, impersonated, …) */
        get: {
            parameters: {
                query?: {
                    /** @description JSON ["field","ASC"|"DESC"] */
                    sort?: string;
                    /** @description JSON [start, end], inclusive, at most 100 rows */
                    range?: string;
                    /** @description JSON object of filters */
                    filter?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description a page of audit-logs; Content-Range: audit-logs <start>-<end>/<total> */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            workspaceId: string | null;
                            workspaceName: string | null;
                            actorId: string | null;
                            actorKind: string;
                            actor: {
                                id: string;
                                name: string;
                                email: string;
                            } | null;
                            actingAs: {
                                id: string;
                                email: string;
                            } | null;
                            action: string;
                            resourceType: string;
                            resourceId: string | null;
                            ip: string | null;
                            userAgent: string | null;
                            before?: unknown;
                            after?: unknown;
                            createdAt: string;
                        }[];
                    };
                };
                /** @description bad sort, range or filter */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/audit-logs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One activity-log entry */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the entry */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            workspaceId: string | null;
                            workspaceName: string | null;
                            actorId: string | null;
                            actorKind: string;
                            actor: {
                                id: string;
                                name: string;
                                email: string;
                            } | null;
                            actingAs: {
                                id: string;
                                email: string;
                            } | null;
                            action: string;
                            resourceType: string;
                            resourceId: string | null;
                            ip: string | null;
                            userAgent: string | null;
                            before?: unknown;
                            after?: unknown;
                            createdAt: string;
                        };
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Log in to the ops console (staff only) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description a session */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accessToken: string;
                            accessTokenExpiresAt: string;
                            refreshToken: string;
                            user: {
                                /** Format: uuid */
                                id: string;
                                email: string;
                                name: string;
                                emailVerifiedAt: string | null;
                                staffRole: string | null;
                            };
                        };
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/billing/invoicing-runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Invoice every subscription whose period ended, now (safe beside the Schedule: each period is invoiced once) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the run */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            workflowId: string;
                        };
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/dashboard": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Key metrics (users, active subscriptions, MRR, open tickets, runs today), health, alerts and recent activity */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the dashboard */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            users: {
                                total: number;
                                newLast7Days: number;
                                suspended: number;
                            };
                            workspaces: number;
                            subscriptions: {
                                active: number;
                                trial: number;
                                pastDue: number;
                                mrrCents: number;
                            } | null;
                            tickets: {
                                open: number;
                                inProgress: number;
                                unassigned: number;
                                slaBreached: number;
                            } | null;
                            runs: {
                                today: number;
                                failedToday: number;
                                running: number;
                                /** @description The last 14 UTC days, oldest first, each present */
                                perDay: {
                                    day: string;
                                    runs: number;
                                    completed: number;
                                    failed: number;
                                }[];
                            };
                            health: {
                                /** @enum {string} */
                                status: "ok" | "degraded" | "unavailable";
                                down: string[];
                            } | null;
                            maintenance: {
                                enabled: boolean;
                                message: string;
                            };
                            alerts: {
                                /** @enum {string} */
                                severity: "error" | "warning" | "info";
                                message: string;
                                link: string | null;
                            }[];
                            recentActivity: {
                                id: number;
                                action: string;
                                actorName: string | null;
                                actorKind: string;
                                resourceType: string;
                                createdAt: string;
                            }[] | null;
                        };
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Status of every dependency, for the console system page */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description dependency status */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "ok" | "degraded" | "unavailable";
                            checks: {
                                name: string;
                                /** @enum {string} */
                                status: "ok" | "down" | "not_configured";
                                latencyMs: number | null;
                                detail: string;
                            }[];
                        };
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/impersonations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Impersonation sessions, newest first (filters: staffUserId, targetUserId) */
        get: {
            parameters: {
                query?: {
                    /** @description JSON ["field","ASC"|"DESC"] */
                    sort?: string;
                    /** @description JSON [start, end], inclusive, at most 100 rows */
                    range?: string;
                    /** @description JSON object of filters */
                    filter?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description a page of impersonations; Content-Range: impersonations <start>-<end>/<total> */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ImpersonationSession"][];
                    };
                };
                /** @description bad sort, range or filter */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/impersonations/{id}/end": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End an impersonation session now (its token stops working at once) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the session */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ImpersonationSession"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/invoices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every invoice (filters: status, workspaceId, q on number or workspace name) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description a page of invoices; Content-Range: invoices <start>-<end>/<total> */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AdminInvoice"][];
                    };
                };
                /** @description bad sort, range or filter */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/invoices/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One invoice with its line items */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the invoice */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            number: string;
                            workspaceId: string;
                            tierName: string;
                            /** Format: date-time */
                            billingPeriodStart: string;
                            /** Format: date-time */
                            billingPeriodEnd: string;
                            currency: string;
                            subtotalCents: number;
                            taxCents: number;
                            taxRateBps: number;
                            totalCents: number;
                            overageChargesCents: number;
                            creditsAppliedCents: number;
                            amountRefundedCents: number;
                            status: components["schemas"]["InvoiceStatus"];
                            /** Format: date-time */
                            paidAt: string | null;
                            paymentAttempts: number;
                            lastPaymentError: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            workspaceName: string;
                            stripePaymentIntentId: string | null;
                            items: components["schemas"]["InvoiceItem"][];
                        };
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/invoices/{id}/mark-paid": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record a payment received outside Stripe (manual mode: bank transfer, cheque) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        note?: string;
                    };
                };
            };
            responses: {
                /** @description the paid invoice */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            number: string;
                            workspaceId: string;
                            tierName: string;
                            /** Format: date-time */
                            billingPeriodStart: string;
                            /** Format: date-time */
                            billingPeriodEnd: string;
                            currency: string;
                            subtotalCents: number;
                            taxCents: number;
                            taxRateBps: number;
                            totalCents: number;
                            overageChargesCents: number;
                            creditsAppliedCents: number;
                            amountRefundedCents: number;
                            status: components["schemas"]["InvoiceStatus"];
                            /** Format: date-time */
                            paidAt: string | null;
                            paymentAttempts: number;
                            lastPaymentError: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            workspaceName: string;
                            stripePaymentIntentId: string | null;
                            items: components["schemas"]["InvoiceItem"][];
                        };
                    };
                };
                /** @description the invoice is not owed */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/invoices/{id}/refund": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Refund all or part of a paid invoice (through Stripe when it was paid there) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        amountCents: number;
                        reason: string;
                        requestId?: string;
                    };
                };
            };
            responses: {
                /** @description the invoice after the refund */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            number: string;
                            workspaceId: string;
                            tierName: string;
                            /** Format: date-time */
                            billingPeriodStart: string;
                            /** Format: date-time */
                            billingPeriodEnd: string;
                            currency: string;
                            subtotalCents: number;
                            taxCents: number;
                            taxRateBps: number;
                            totalCents: number;
                            overageChargesCents: number;
                            creditsAppliedCents: number;
                            amountRefundedCents: number;
                            status: components["schemas"]["InvoiceStatus"];
                            /** Format: date-time */
                            paidAt: string | null;
                            paymentAttempts: number;
                            lastPaymentError: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            workspaceName: string;
                            stripePaymentIntentId: string | null;
                            items: components["schemas"]["InvoiceItem"][];
                        };
                    };
                };
                /** @description not refundable, or more than is left */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/invoices/{id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Charge a sent or failed invoice again now, with the workspace's default card (through its subscription workflow, as dunning would) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        /** @description The same id again (a repeated click or request) answers the first attempt instead of charging twice */
                        requestId?: string;
                    };
                };
            };
            responses: {
                /** @description what the attempt did, and the invoice after it */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AdminPaymentRetry"];
                    };
                };
                /** @description the invoice is not owed, or billing is in manual mode */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description billing could not take the retry right now */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/outbox": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Outgoing mail, sent and unsent (filters: status, template, q on recipient/subject, from, to) */
        get: {
            parameters: {
                query?: {
                    /** @description JSON ["field","ASC"|"DESC"] */
                    sort?: string;
                    /** @description JSON [start, end], inclusive, at most 100 rows */
                    range?: string;
                    /** @description JSON object of filters */
                    filter?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description a page of outbox; Content-Range: outbox <start>-<end>/<total> */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            toAddress: string;
                            subject: string;
                            textBody: string;
                            template: string;
                            /** @enum {string} */
                            status: "pending" | "sent" | "failed" | "kept";
                            attempts: number;
                            lastError: string | null;
                            sentAt: string | null;
                            createdAt: string;
                        }[];
                    };
                };
                /** @description bad sort, range or filter */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/outbox/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One outgoing mail */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the mail */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            toAddress: string;
                            subject: string;
                            textBody: string;
                            template: string;
                            /** @enum {string} */
                            status: "pending" | "sent" | "failed" | "kept";
                            attempts: number;
                            lastError: string | null;
                            sentAt: string | null;
                            createdAt: string;
                        };
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/repositories": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every repository (filters: q on full name, workspaceId, provider, removed, id) */
        get: {
            parameters: {
                query?: {
                    /** @description JSON ["field","ASC"|"DESC"] */
                    sort?: string;
                    /** @description JSON [start, end], inclusive, at most 100 rows */
                    range?: string;
                    /** @description JSON object of filters */
                    filter?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description a page of repositories; Content-Range: repositories <start>-<end>/<total> */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            fullName: string;
                            /** @enum {string} */
                            provider: "github" | "git";
                            workspaceId: string | null;
                            workspaceName: string | null;
                            defaultBranch: string;
                            analysisSchedule: string | null;
                            removedAt: string | null;
                            runCount: number;
                            lastRunAt: string | null;
                            lastRunStatus: string | null;
                            createdAt: string;
                        }[];
                    };
                };
                /** @description bad sort, range or filter */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/repositories/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One repository */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the repository */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            fullName: string;
                            /** @enum {string} */
                            provider: "github" | "git";
                            workspaceId: string | null;
                            workspaceName: string | null;
                            defaultBranch: string;
                            analysisSchedule: string | null;
                            removedAt: string | null;
                            runCount: number;
                            lastRunAt: string | null;
                            lastRunStatus: string | null;
                            createdAt: string;
                        };
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every workspace’s analysis runs, with Temporal UI links (filters: status, workspaceId, repositoryId, q, from, to) */
        get: {
            parameters: {
                query?: {
                    /** @description JSON ["field","ASC"|"DESC"] */
                    sort?: string;
                    /** @description JSON [start, end], inclusive, at most 100 rows */
                    range?: string;
                    /** @description JSON object of filters */
                    filter?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description a page of runs; Content-Range: runs <start>-<end>/<total> */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            workflowId: string;
                            /** @description The workflow in the Temporal UI (staff only) */
                            temporalUrl: string;
                            workspaceId: string;
                            workspaceName: string;
                            repositoryId: string;
                            repositoryName: string;
                            trigger: string;
                            status: string;
                            commitSha: string | null;
                            ref: string | null;
                            error: string | null;
                            createdAt: string;
                            finishedAt: string | null;
                        }[];
                    };
                };
                /** @description bad sort, range or filter */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/runs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One run, with its Temporal UI link */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the run */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            workflowId: string;
                            /** @description The workflow in the Temporal UI (staff only) */
                            temporalUrl: string;
                            workspaceId: string;
                            workspaceName: string;
                            repositoryId: string;
                            repositoryName: string;
                            trigger: string;
                            status: string;
                            commitSha: string | null;
                            ref: string | null;
                            error: string | null;
                            createdAt: string;
                            finishedAt: string | null;
                        };
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Staff search across tenants: users, workspaces, subscriptions, invoices and tickets (by what your role may see) */
        get: {
            parameters: {
                query: {
                    q: string;
                    type?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description hits grouped by type */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StaffSearchResult"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/search/index": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The search backend in use and the state of its index (outbox backlog, last full reindex) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description backend and index state */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SearchIndexState"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/search/reindex": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Rebuild every Typesense collection from Postgres (searches keep using the old index until done) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the reindex workflow */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            workflowId: string;
                        };
                    };
                };
                /** @description the Postgres backend has no index to rebuild */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This installation's configuration: URLs, Temporal, billing, mail and the outbox, maintenance, integrations, limits, staff (no secrets) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the settings */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PlatformSettings"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/subscriptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** All subscriptions with status (filters: status, tier, restricted, q on workspace) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description a page of subscriptions; Content-Range: subscriptions <start>-<end>/<total> */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AdminSubscription"][];
                    };
                };
                /** @description bad sort, range or filter */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/subscriptions/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Subscriptions grouped by tier: active, trialing, past due, cancelled in the window, churn rate and MRR (integer cents) */
        get: {
            parameters: {
                query?: {
                    /** @description The churn window: cancellations in the last N days */
                    days?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description one row per tier, hidden ones included, and the totals */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AdminSubscriptionSummary"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/subscriptions/tiers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every tier, hidden ones included */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the tiers; Content-Range: tiers */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AdminTier"][];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Create a tier: its key, prices in integer cents and limits (null: unlimited). Edit one with PUT /api/admin/subscriptions/tiers/{id} */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        name: string;
                        displayName: string;
                        /** @default  */
                        description?: string;
                        monthlyPriceCents: number;
                        /** @default 10 */
                        overagePriceCents?: number;
                        /** @default true */
                        overageAllowed?: boolean;
                        /** @default null */
                        maxAnalysesPerMonth?: number | null;
                        /** @default null */
                        maxAiFixesPerMonth?: number | null;
                        /** @default null */
                        maxSeats?: number | null;
                        /** @default null */
                        maxProjects?: number | null;
                        /** @default null */
                        maxStorageGb?: number | null;
                        /** @default null */
                        maxConcurrentRuns?: number | null;
                        /** @default false */
                        includesPrioritySupport?: boolean;
                        /** @default false */
                        includesAdvancedAnalytics?: boolean;
                        /** @default 600 */
                        apiRequestsPerMinute?: number;
                        /** @default true */
                        isPublic?: boolean;
                        sortOrder?: number;
                    };
                };
            };
            responses: {
                /** @description the new tier */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AdminTier"];
                    };
                };
                /** @description a tier with that key exists */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/subscriptions/tiers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One tier */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the tier */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AdminTier"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        /** Edit a tier's prices or limits (applies to every subscription on it from the next period's invoice on) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        displayName?: string;
                        description?: string;
                        monthlyPriceCents?: number;
                        overagePriceCents?: number;
                        overageAllowed?: boolean;
                        maxAnalysesPerMonth?: number | null;
                        maxAiFixesPerMonth?: number | null;
                        maxSeats?: number | null;
                        maxProjects?: number | null;
                        maxStorageGb?: number | null;
                        maxConcurrentRuns?: number | null;
                        includesPrioritySupport?: boolean;
                        includesAdvancedAnalytics?: boolean;
                        apiRequestsPerMinute?: number;
                        isPublic?: boolean;
                        sortOrder?: number;
                        id?: string;
                        name?: string;
                    };
                };
            };
            responses: {
                /** @description the tier */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AdminTier"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/subscriptions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One subscription, with its unused credit */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the subscription */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AdminSubscription"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/subscriptions/{id}/credit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Apply account credit (consumed by the next invoices, oldest credit first) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        amountCents: number;
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description the credit */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            amountCents: number;
                            remainingCents: number;
                            reason: string;
                        };
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/subscriptions/{id}/upgrade": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change a workspace's plan for support (upgrades now, prorated; downgrades at the period end) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        tier: string;
                        /**
                         * @default upgrade
                         * @enum {string}
                         */
                        direction?: "upgrade" | "downgrade";
                    };
                };
            };
            responses: {
                /** @description the change */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SubscriptionChange"];
                    };
                };
                /** @description refused */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/support/canned-responses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Canned responses (filters: q on title and text, id) */
        get: {
            parameters: {
                query?: {
                    /** @description JSON ["field","ASC"|"DESC"] */
                    sort?: string;
                    /** @description JSON [start, end], inclusive, at most 100 rows */
                    range?: string;
                    /** @description JSON object of filters */
                    filter?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description a page of canned-responses; Content-Range: canned-responses <start>-<end>/<total> */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CannedResponse"][];
                    };
                };
                /** @description bad sort, range or filter */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Add a canned response (titles are unique) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        title: string;
                        body: string;
                    };
                };
            };
            responses: {
                /** @description the canned response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CannedResponse"];
                    };
                };
                /** @description a canned response with that title exists */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/support/canned-responses/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One canned response */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the canned response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CannedResponse"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        /** Edit a canned response */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        title?: string;
                        body?: string;
                    };
                };
            };
            responses: {
                /** @description the canned response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CannedResponse"];
                    };
                };
                /** @description a canned response with that title exists */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        /** Delete a canned response */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the deleted canned response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CannedResponse"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/support/tickets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Support tickets (filters: status, priority, assignedTo (a staff id or "none"), workspaceId, userId, q, from, to) */
        get: {
            parameters: {
                query?: {
                    /** @description JSON ["field","ASC"|"DESC"] */
                    sort?: string;
                    /** @description JSON [start, end], inclusive, at most 100 rows */
                    range?: string;
                    /** @description JSON object of filters */
                    filter?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description a page of tickets; Content-Range: tickets <start>-<end>/<total> */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AdminSupportTicket"][];
                    };
                };
                /** @description bad sort, range or filter */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Open a ticket on a customer's behalf (a phone call, an e-mail) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        workspaceId: string;
                        /** Format: uuid */
                        userId: string;
                        subject: string;
                        description: string;
                        priority?: components["schemas"]["TicketPriority"];
                        /** Format: uuid */
                        runId?: string;
                        /** Format: uuid */
                        findingId?: string;
                    };
                };
            };
            responses: {
                /** @description the ticket */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AdminSupportTicket"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/support/tickets/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One ticket, with its SLA age */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the ticket */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AdminSupportTicket"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        /** Change the subject, priority or status of a ticket */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        subject?: string;
                        priority?: components["schemas"]["TicketPriority"];
                        status?: components["schemas"]["TicketStatus"];
                    };
                };
            };
            responses: {
                /** @description the ticket */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AdminSupportTicket"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/support/tickets/{id}/assign": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Assign the ticket to a support or super admin (null unassigns it) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        /** Format: uuid */
                        assigneeId: string | null;
                    };
                };
            };
            responses: {
                /** @description the ticket */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AdminSupportTicket"];
                    };
                };
                /** @description the ticket is closed */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/support/tickets/{id}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The conversation, oldest first, internal notes included */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description messages */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TicketMessage"][];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Reply to the customer (mailed to them) or add an internal note (staff only) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        content: string;
                        /** @default false */
                        internal?: boolean;
                    };
                };
            };
            responses: {
                /** @description the message */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TicketMessage"];
                    };
                };
                /** @description the ticket is closed */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/support/tickets/{id}/resolve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark the ticket resolved (the customer is told by mail and may reopen it by replying) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the ticket */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AdminSupportTicket"];
                    };
                };
                /** @description the ticket is closed */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/system-logs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The system log (filters: level, component, q, from, to) */
        get: {
            parameters: {
                query?: {
                    /** @description JSON ["field","ASC"|"DESC"] */
                    sort?: string;
                    /** @description JSON [start, end], inclusive, at most 100 rows */
                    range?: string;
                    /** @description JSON object of filters */
                    filter?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description a page of system-logs; Content-Range: system-logs <start>-<end>/<total> */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            level: string;
                            message: string;
                            component: string;
                            context?: unknown;
                            stackTrace: string | null;
                            createdAt: string;
                        }[];
                    };
                };
                /** @description bad sort, range or filter */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/system-logs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One system-log entry */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the entry */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            level: string;
                            message: string;
                            component: string;
                            context?: unknown;
                            stackTrace: string | null;
                            createdAt: string;
                        };
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/system/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every dependency and the worker, with latency and detail */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description dependency status */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "ok" | "degraded" | "unavailable";
                            checks: {
                                name: string;
                                /** @enum {string} */
                                status: "ok" | "down" | "not_configured";
                                latencyMs: number | null;
                                detail: string;
                            }[];
                            maintenance: components["schemas"]["MaintenanceState"];
                        };
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/system/logs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The system log (filters: level, component, q, from, to) */
        get: {
            parameters: {
                query?: {
                    /** @description JSON ["field","ASC"|"DESC"] */
                    sort?: string;
                    /** @description JSON [start, end], inclusive, at most 100 rows */
                    range?: string;
                    /** @description JSON object of filters */
                    filter?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description a page of system-logs; Content-Range: system-logs <start>-<end>/<total> */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            level: string;
                            message: string;
                            component: string;
                            context?: unknown;
                            stackTrace: string | null;
                            createdAt: string;
                        }[];
                    };
                };
                /** @description bad sort, range or filter */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/system/maintenance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether maintenance mode is on, since when, by whom */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the maintenance state */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MaintenanceState"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Switch maintenance mode on (non-staff writes get 503 with the message and Retry-After) or off */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        enabled: boolean;
                        /** @default  */
                        message?: string;
                        /** @default 300 */
                        retryAfterSeconds?: number;
                    };
                };
            };
            responses: {
                /** @description the maintenance state */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MaintenanceState"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/system/performance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Request rates and latencies by route (this API process's metrics), Temporal backlog and failures, database size and slow statements */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description performance */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            generatedAt: string;
                            uptimeSeconds: number;
                            routes: {
                                method: string;
                                route: string;
                                requests: number;
                                errors: number;
                                errorRate: number;
                                requestsPerMinute: number;
                                avgLatencyMs: number;
                                p95LatencyMs: number | null;
                            }[];
                            series: {
                                /** Format: date-time */
                                at: string;
                                requestsPerSecond: number;
                                errorRate: number;
                                avgLatencyMs: number | null;
                            }[];
                            temporal: {
                                available: boolean;
                                running: number | null;
                                failed24h: number | null;
                                timedOut24h: number | null;
                                detail: string | null;
                            };
                            database: {
                                databaseBytes: number;
                                tables: {
                                    name: string;
                                    totalBytes: number;
                                    rows: number;
                                }[];
                                slowQueries: {
                                    pid: number;
                                    durationMs: number;
                                    state: string;
                                    query: string;
                                    applicationName: string;
                                }[];
                                connections: {
                                    total: number;
                                    active: number;
                                };
                            };
                        };
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Users (filters: q on email/name, staffRole, status, id) */
        get: {
            parameters: {
                query?: {
                    /** @description JSON ["field","ASC"|"DESC"] */
                    sort?: string;
                    /** @description JSON [start, end], inclusive, at most 100 rows */
                    range?: string;
                    /** @description JSON object of filters */
                    filter?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description a page of users; Content-Range: users <start>-<end>/<total> */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            email: string;
                            name: string;
                            /** @enum {string} */
                            status: "active" | "suspended";
                            emailVerifiedAt: string | null;
                            lastLoginAt: string | null;
                            lockedUntil: string | null;
                            createdAt: string;
                            updatedAt: string;
                            /** @enum {string|null} */
                            staffRole: "super_admin" | "billing_admin" | "support_admin" | "analytics_admin" | null;
                            workspaceCount: number;
                        }[];
                    };
                };
                /** @description bad sort, range or filter */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/users/bulk-suspend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Suspend many users at once (each is audited; staff and yourself are skipped unless allowed) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        ids: string[];
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description what was suspended and what was skipped, with why */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            suspended: string[];
                            skipped: {
                                id: string;
                                reason: string;
                            }[];
                        };
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/users/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The users matching a filter, as CSV (same filters as the list; at most 50,000 rows) */
        get: {
            parameters: {
                query?: {
                    /** @description JSON object of filters */
                    filter?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description text/csv */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/users/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Import users from CSV (header "email,name", at most 1000 rows): each gets an account and a mail to set a password; rejected rows are reported */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        csv: string;
                        /** @default false */
                        dryRun?: boolean;
                    };
                };
            };
            responses: {
                /** @description the report */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            dryRun: boolean;
                            accepted: number;
                            created: {
                                line: number;
                                email: string;
                                id: string;
                            }[];
                            rejected: {
                                line: number;
                                email: string;
                                reason: string;
                            }[];
                        };
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One user */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the user */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            email: string;
                            name: string;
                            /** @enum {string} */
                            status: "active" | "suspended";
                            emailVerifiedAt: string | null;
                            lastLoginAt: string | null;
                            lockedUntil: string | null;
                            createdAt: string;
                            updatedAt: string;
                            /** @enum {string|null} */
                            staffRole: "super_admin" | "billing_admin" | "support_admin" | "analytics_admin" | null;
                            workspaceCount: number;
                        };
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete an account: its personal workspace and sole-member teams go with all their data; teams with other members keep theirs */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        reason: string;
                        confirmEmail: string;
                    };
                };
            };
            responses: {
                /** @description deleted */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            deletedWorkspaceIds: string[];
                        };
                    };
                };
                /** @description a staff account, your own, or the last admin of a team with other members */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/users/{id}/deletion-preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What deleting the account would do to its data (for the confirmation) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the consequences */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            email: string;
                            isStaff: boolean;
                            deletedWorkspaces: {
                                id: string;
                                name: string;
                                kind: string;
                            }[];
                            keptTeams: {
                                id: string;
                                name: string;
                                ownershipPasses: boolean;
                            }[];
                            blockingTeams: {
                                id: string;
                                name: string;
                            }[];
                            consequences: string[];
                        };
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/users/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A user's workspaces (with plan), recent runs, logins and tickets */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the history */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            workspaces: {
                                id: string;
                                name: string;
                                kind: string;
                                role: string;
                                tierName: string | null;
                                subscriptionStatus: string | null;
                                joinedAt: string;
                            }[];
                            runs: {
                                id: string;
                                workspaceId: string;
                                repositoryName: string;
                                status: string;
                                workflowId: string;
                                createdAt: string;
                                temporalUrl: string;
                            }[];
                            logins: {
                                at: string;
                                ip: string | null;
                                userAgent: string | null;
                            }[];
                            tickets: {
                                id: string;
                                number: number;
                                subject: string;
                                status: string;
                                priority: string;
                                createdAt: string;
                            }[];
                        };
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/users/{id}/impersonate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Act as a customer in the portal for a limited time (the reason is recorded; never for staff accounts) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        reason: string;
                        /** @default 30 */
                        minutes?: number;
                    };
                };
            };
            responses: {
                /** @description the session, its access token and the portal address that opens it */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            session: components["schemas"]["ImpersonationSession"];
                            accessToken: string;
                            portalUrl: string;
                        };
                    };
                };
                /** @description the user is a staff member */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description the user is suspended, or it is yourself */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/users/{id}/reactivate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reactivate a suspended user */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        reason?: string;
                    };
                };
            };
            responses: {
                /** @description the user */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            email: string;
                            name: string;
                            /** @enum {string} */
                            status: "active" | "suspended";
                            emailVerifiedAt: string | null;
                            lastLoginAt: string | null;
                            lockedUntil: string | null;
                            createdAt: string;
                            updatedAt: string;
                            /** @enum {string|null} */
                            staffRole: "super_admin" | "billing_admin" | "support_admin" | "analytics_admin" | null;
                            workspaceCount: number;
                        };
                    };
                };
                /** @description reactivating yourself */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/users/{id}/reset-password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mail the user a password-reset link (their password stays until they use it) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        reason?: string;
                    };
                };
            };
            responses: {
                /** @description sent */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            sentTo: string;
                        };
                    };
                };
                /** @description suspended, or your own account */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/users/{id}/staff-role": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Grant or change a staff role (super_admin only) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        role: "super_admin" | "billing_admin" | "support_admin" | "analytics_admin";
                    };
                };
            };
            responses: {
                /** @description the grant */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            userId: string;
                            /** @enum {string} */
                            role: "super_admin" | "billing_admin" | "support_admin" | "analytics_admin";
                            grantedBy: string | null;
                            grantedBySystem: string | null;
                            grantedAt: string;
                        };
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        /** Revoke a staff role (super_admin only) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Success */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/users/{id}/suspend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Suspend a user: every session and API token stops working */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        reason?: string;
                    };
                };
            };
            responses: {
                /** @description the user */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            email: string;
                            name: string;
                            /** @enum {string} */
                            status: "active" | "suspended";
                            emailVerifiedAt: string | null;
                            lastLoginAt: string | null;
                            lockedUntil: string | null;
                            createdAt: string;
                            updatedAt: string;
                            /** @enum {string|null} */
                            staffRole: "super_admin" | "billing_admin" | "support_admin" | "analytics_admin" | null;
                            workspaceCount: number;
                        };
                    };
                };
                /** @description suspending yourself */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/users/{id}/unlock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End a lockout after too many failed logins */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the user */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            email: string;
                            name: string;
                            /** @enum {string} */
                            status: "active" | "suspended";
                            emailVerifiedAt: string | null;
                            lastLoginAt: string | null;
                            lockedUntil: string | null;
                            createdAt: string;
                            updatedAt: string;
                            /** @enum {string|null} */
                            staffRole: "super_admin" | "billing_admin" | "support_admin" | "analytics_admin" | null;
                            workspaceCount: number;
                        };
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/workspaces": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every workspace (filters: q on name/slug, kind, memberId, id) */
        get: {
            parameters: {
                query?: {
                    /** @description JSON ["field","ASC"|"DESC"] */
                    sort?: string;
                    /** @description JSON [start, end], inclusive, at most 100 rows */
                    range?: string;
                    /** @description JSON object of filters */
                    filter?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description a page of workspaces; Content-Range: workspaces <start>-<end>/<total> */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            slug: string;
                            /** @enum {string} */
                            kind: "personal" | "team";
                            ownerId: string;
                            ownerEmail: string | null;
                            memberCount: number;
                            repositoryCount: number;
                            runCount: number;
                            lastRunAt: string | null;
                            tierName: string | null;
                            subscriptionStatus: string | null;
                            subscriptionId: string | null;
                            createdAt: string;
                        }[];
                    };
                };
                /** @description bad sort, range or filter */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/workspaces/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One workspace with its members */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the workspace */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            slug: string;
                            /** @enum {string} */
                            kind: "personal" | "team";
                            ownerId: string;
                            ownerEmail: string | null;
                            memberCount: number;
                            repositoryCount: number;
                            runCount: number;
                            lastRunAt: string | null;
                            tierName: string | null;
                            subscriptionStatus: string | null;
                            subscriptionId: string | null;
                            createdAt: string;
                            members: {
                                userId: string;
                                email: string;
                                name: string;
                                role: string;
                            }[];
                        };
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/analytics/dashboard": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** KPI cards with deltas against the previous window, the health score and what people did */
        get: {
            parameters: {
                query?: {
                    days?: number;
                    from?: string;
                    to?: string;
                    workspaceId?: string;
                    repositoryId?: string;
                    repository_id?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the analytics dashboard */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AnalyticsDashboard"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/analytics/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The window’s rollups as CSV (a row per repository and day), streamed; cells are guarded against formula injection */
        get: {
            parameters: {
                query?: {
                    days?: number;
                    from?: string;
                    to?: string;
                    workspaceId?: string;
                    repositoryId?: string;
                    repository_id?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description CSV */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/analytics/issues/categories": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Open findings by category now, and reported per day in the window */
        get: {
            parameters: {
                query?: {
                    days?: number;
                    from?: string;
                    to?: string;
                    workspaceId?: string;
                    repositoryId?: string;
                    repository_id?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description findings by category */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["IssueCategories"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/analytics/issues/rule-findings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Where one rule’s open findings are in the scope’s latest runs, with when each was first seen */
        get: {
            parameters: {
                query: {
                    days?: number;
                    from?: string;
                    to?: string;
                    workspaceId?: string;
                    repositoryId?: string;
                    repository_id?: string;
                    ruleId: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description findings of the rule */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RuleFindings"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/analytics/issues/rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The issue browser: open findings grouped by rule across the scope’s latest runs, paginated */
        get: {
            parameters: {
                query?: {
                    days?: number;
                    from?: string;
                    to?: string;
                    workspaceId?: string;
                    repositoryId?: string;
                    repository_id?: string;
                    severity?: "critical" | "high" | "medium" | "low" | "info";
                    category?: "security" | "bug" | "performance" | "maintainability" | "style";
                    page?: number;
                    pageSize?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description a page of rules */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RuleGroupsPage"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/analytics/issues/severity": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Open findings by severity each day of the window (for a stacked chart), and reported ones */
        get: {
            parameters: {
                query?: {
                    days?: number;
                    from?: string;
                    to?: string;
                    workspaceId?: string;
                    repositoryId?: string;
                    repository_id?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description findings by severity */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["IssueSeverity"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/analytics/projects": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Per repository: health, ratings, trend and activity in the window */
        get: {
            parameters: {
                query?: {
                    days?: number;
                    from?: string;
                    to?: string;
                    workspaceId?: string;
                    repositoryId?: string;
                    repository_id?: string;
                    sort?: "name" | "health" | "trend";
                    page?: number;
                    pageSize?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description a page of repositories */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AnalyticsProjects"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/analytics/repository-health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Health score 0–100 with ratings A–E and their drivers, the new-code score, the trend and its history */
        get: {
            parameters: {
                query?: {
                    days?: number;
                    from?: string;
                    to?: string;
                    workspaceId?: string;
                    repositoryId?: string;
                    repository_id?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the health of a repository (or of the whole scope) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RepositoryHealth"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/analytics/runs/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Runs in the window: summary and daily breakdown. Window: the last `days` days (30 by default) or `from`/`to`; scope: `workspaceId`, `repositoryId` (or `repository_id`), or every workspace you belong to. */
        get: {
            parameters: {
                query?: {
                    days?: number;
                    from?: string;
                    to?: string;
                    workspaceId?: string;
                    repositoryId?: string;
                    repository_id?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description run statistics */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RunStats"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/analytics/timeline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every day of the window (30 by default): runs, findings, fixes, health; and the latest events */
        get: {
            parameters: {
                query?: {
                    days?: number;
                    from?: string;
                    to?: string;
                    workspaceId?: string;
                    repositoryId?: string;
                    repository_id?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the timeline */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AnalyticsTimeline"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/analytics/top-issues": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The most common open rules across the latest runs of the scope’s repositories */
        get: {
            parameters: {
                query?: {
                    days?: number;
                    from?: string;
                    to?: string;
                    workspaceId?: string;
                    repositoryId?: string;
                    repository_id?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description rules, most frequent first */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TopIssues"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/forgot-password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mail a password-reset link (same answer whether or not the account exists) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email: string;
                    };
                };
            };
            responses: {
                /** @description accepted */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "accepted";
                        };
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Log in; after 5 failed attempts the address is locked for 15 minutes (whether or not it has an account) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description a session */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accessToken: string;
                            accessTokenExpiresAt: string;
                            refreshToken: string;
                            user: {
                                /** Format: uuid */
                                id: string;
                                email: string;
                                name: string;
                                emailVerifiedAt: string | null;
                                staffRole: string | null;
                            };
                        };
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End the session that the refresh token belongs to */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        refreshToken: string;
                    };
                };
            };
            responses: {
                /** @description logged out */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Rotate the refresh token and get a new access token */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        refreshToken: string;
                    };
                };
            };
            responses: {
                /** @description a new session */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accessToken: string;
                            accessTokenExpiresAt: string;
                            refreshToken: string;
                            user: {
                                /** Format: uuid */
                                id: string;
                                email: string;
                                name: string;
                                emailVerifiedAt: string | null;
                                staffRole: string | null;
                            };
                        };
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/resend-verification": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send the verification mail again */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description sent */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "sent";
                        };
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/reset-password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Set a new password with the token from the mail; ends every session and every access token at once */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        token: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description password changed */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description the password is too easy to guess (the link stays usable) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description the link expired or was already used */
                410: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/signup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create an account (and its personal workspace); sends a verification mail */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email: string;
                        password: string;
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Created, and a verification link mailed. An address that already has an account gets the same answer (its owner is mailed instead and nothing is created), so the form does not tell who has an account. */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            user: {
                                /** Format: uuid */
                                id: string;
                                email: string;
                                name: string;
                                emailVerifiedAt: string | null;
                                staffRole: string | null;
                            };
                        };
                    };
                };
                /** @description field errors; a password that is too easy to guess (zxcvbn score below 3) says why and how to improve it */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/verify-email": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Confirm an e-mail address with the token from the mail: the sign-up address, or a new address asked for with POST /api/account/email */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        token: string;
                    };
                };
            };
            responses: {
                /** @description verified (after an address change, `user.email` is the new address) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            user: {
                                /** Format: uuid */
                                id: string;
                                email: string;
                                name: string;
                                emailVerifiedAt: string | null;
                                staffRole: string | null;
                            };
                        };
                    };
                };
                /** @description the new address was taken by another account in the meantime */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description the link expired, was used, or was replaced by a newer one */
                410: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billing/invoices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the workspace's invoices, newest period first */
        get: {
            parameters: {
                query: {
                    workspaceId: string;
                    page?: number;
                    pageSize?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description a page of invoices */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InvoicePage"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billing/invoices/{invoiceId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One invoice with its line items */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    invoiceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the invoice */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Invoice"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billing/invoices/{invoiceId}/pdf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The invoice as a PDF */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    invoiceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the PDF */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billing/invoices/{invoiceId}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Retry the payment of a failed invoice now, with the default card */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    invoiceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description what the attempt did */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PaymentRetry"];
                    };
                };
                /** @description the invoice is not owed */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description billing could not take the retry right now */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billing/payment-methods": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the saved cards (default first) */
        get: {
            parameters: {
                query: {
                    workspaceId: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the cards, and whether Stripe is configured */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PaymentMethodList"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Save a card confirmed through a SetupIntent (attaches it to the customer) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        workspaceId: string;
                        paymentMethodId: string;
                        /** @default true */
                        makeDefault?: boolean;
                    };
                };
            };
            responses: {
                /** @description the saved card */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PaymentMethod"];
                    };
                };
                /** @description this installation bills manually (no Stripe) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billing/payment-methods/{paymentMethodId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a saved card (detaches it in Stripe) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    paymentMethodId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description removed */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billing/payment-methods/{paymentMethodId}/default": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Make a saved card the one invoices are charged to */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    paymentMethodId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the card */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PaymentMethod"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billing/setup-intents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start saving a card: a SetupIntent for Stripe Elements to confirm in the browser */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        workspaceId: string;
                    };
                };
            };
            responses: {
                /** @description the SetupIntent */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SetupIntent"];
                    };
                };
                /** @description this installation bills manually (no Stripe) */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/billing/stripe-webhook": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Stripe webhook: signature over the raw body, deduplicated on event.id, applied in any order */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description recorded and applied (or a repeat) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StripeWebhookAck"];
                    };
                };
                /** @description bad or stale signature */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description recorded but not applied yet; Stripe delivers it again */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/findings/{findingId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One finding with its triage */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    findingId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the finding */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Finding"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/findings/{findingId}/triage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Mark a finding false positive, won’t fix or accepted (kept by fingerprint across runs) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    findingId: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "open" | "false_positive" | "wont_fix" | "accepted";
                        reason?: string;
                    };
                };
            };
            responses: {
                /** @description the finding with its new triage */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Finding"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/fixes/generate/{findingId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Generate a fix for a finding (builtin, groq or anthropic); a second request returns the same fix */
        post: {
            parameters: {
                query?: {
                    provider?: "builtin" | "groq" | "anthropic";
                };
                header?: never;
                path: {
                    findingId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the fix a previous request already started (without `finding`) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Fix"];
                    };
                };
                /** @description the new, queued fix (without `finding`) */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Fix"];
                    };
                };
                /** @description no API key for that provider */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/fixes/result/{findingId}/all": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A finding and all its fixes, newest first */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    findingId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the finding and its fixes */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["FindingFixes"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/fixes/{findingId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The latest fix of a finding (any provider) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    findingId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the fix */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Fix"];
                    };
                };
                /** @description no fix yet */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/fixes/{fixId}/apply": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark a fix as applied (idempotent) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    fixId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the fix */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Fix"];
                    };
                };
                /** @description the fix has no patch */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/fixes/{fixId}/create-pr": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Open a pull request (or push a branch, for plain git remotes) with a validated fix; 409 otherwise */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    fixId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the pull request was already open */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CreatePullRequestResult"];
                    };
                };
                /** @description the pull request workflow started */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CreatePullRequestResult"];
                    };
                };
                /** @description the fix is not validated */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/github/installations/{installationId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Unlink the installation from its workspace (its repositories are deactivated; runs and findings stay) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    installationId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description unlinked */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/github/installations/{installationId}/repositories": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The repositories the installation grants on GitHub, a page at a time, each with whether Argus analyzes it */
        get: {
            parameters: {
                query?: {
                    page?: number;
                    pageSize?: number;
                };
                header?: never;
                path: {
                    installationId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description a page of the installation’s repositories */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GitHubInstallationRepositoryPage"];
                    };
                };
                /** @description the installation is suspended or uninstalled */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/github/installations/{installationId}/repositories/{githubRepoId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Activate or deactivate one repository of the installation (only active ones are analyzed) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    installationId: string;
                    githubRepoId: number;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        active: boolean;
                    };
                };
            };
            responses: {
                /** @description the repository’s new state */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GitHubRepositoryActivation"];
                    };
                };
                /** @description at the repository limit, analyzed elsewhere, or the installation is unusable */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/github/setup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Finish the install: GitHub’s callback parameters; links the installation once GitHub confirms the user can access it */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        state: string;
                        code?: string;
                        installationId?: number;
                        /**
                         * @default install
                         * @enum {string}
                         */
                        setupAction?: "install" | "update" | "request";
                    };
                };
            };
            responses: {
                /** @description linked (or, for setup_action=request, waiting for an organization owner) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GitHubSetupResult"];
                    };
                };
                /** @description the state is unknown, used or expired, or GitHub refused the code */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description the state is another user’s, or the user’s GitHub account cannot access the installation */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description the installation is linked to another workspace, or the App is not configured */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/impersonation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether this session is a staff member impersonating the user (for the portal banner) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the impersonation, if any */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            session: components["schemas"]["ImpersonationSession"] | null;
                        };
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/impersonation/end": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End the impersonation this token belongs to */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description ended */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description not an impersonation */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/invitations/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Accept an invitation as the invited (logged-in) user */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        token: string;
                    };
                };
            };
            responses: {
                /** @description the joined workspace */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            slug: string;
                            description: string;
                            /** @enum {string} */
                            kind: "personal" | "team";
                            /** @enum {string} */
                            role: "admin" | "developer" | "viewer";
                            memberCount: number;
                            settings: {
                                maxRepositories: number;
                                maxConcurrentRuns: number;
                            };
                        };
                    };
                };
                /** @description the invitation is for another email address */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description unknown token (or replaced by a resend) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description already accepted, or already a member */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description revoked or expired */
                410: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/invitations/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** What an invitation link invites to (team, role, who sent it), before accepting it; the token stays out of URLs */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        token: string;
                    };
                };
            };
            responses: {
                /** @description the invitation */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InvitationPreview"];
                    };
                };
                /** @description unknown token (or replaced by a resend) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/maintenance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Maintenance notice for the portal banner (public: shown before login too) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the notice */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MaintenanceNotice"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The current user and their workspaces */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description me */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Me"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/probes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Run the end-to-end readiness probe workflow */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the probe row written by the worker */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            probeId: string;
                            workflowId: string;
                            workerIdentity: string;
                            writtenAt: string;
                            roundTripMs: number;
                        };
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/public-config": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Settings the browser apps need before login */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description public settings */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            sentryDsn: string | null;
                            environment: string;
                            release: string;
                            temporalUiUrl: string;
                            sentrySampleRate: number;
                            sentryTracesSampleRate: number;
                            sentryReplaySampleRate: number;
                            sentryReplayOnErrorSampleRate: number;
                        };
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/repositories/{repositoryId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One repository */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    repositoryId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the repository (lastRun is null here) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Repository"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Disconnect a repository (its past runs stay readable in the audit log) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    repositoryId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description disconnected */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change the default branch, the stored credential or the analysis schedule */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    repositoryId: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        defaultBranch?: string;
                        credential?: string | null;
                        analysisSchedule?: string | null;
                    };
                };
            };
            responses: {
                /** @description the updated repository (lastRun is null here) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Repository"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/repositories/{repositoryId}/analysis-settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A repository's quality gate and rules turned off in the portal, and what its .argus.yml overrides */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    repositoryId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the settings */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RepositoryAnalysisSettings"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change the quality gate (limits on new findings per severity and on new secrets) or turn rules off or on */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    repositoryId: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        gate?: {
                            critical?: number | null;
                            high?: number | null;
                            medium?: number | null;
                            low?: number | null;
                            secrets?: number | null;
                        };
                        /** @description Rule id → "off", or null to turn it back on */
                        rules?: {
                            [key: string]: "off" | null;
                        };
                    };
                };
            };
            responses: {
                /** @description the settings as they are now */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RepositoryAnalysisSettings"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/repositories/{repositoryId}/analyze": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Analyze now: starts the analyzeRepository workflow */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    repositoryId: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        ref?: string;
                        commitSha?: string;
                    };
                };
            };
            responses: {
                /** @description the run and its workflow */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AnalysisStarted"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Rules Argus can report, with their documentation, filtered and paginated */
        get: {
            parameters: {
                query?: {
                    language?: "javascript" | "python" | "any" | "docker" | "github-actions" | "templates";
                    category?: components["schemas"]["Category"];
                    /** @description Most severe first. */
                    severity?: components["schemas"]["Severity"];
                    /** @description Matches the id, title, description or a CWE */
                    q?: string;
                    page?: number;
                    pageSize?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description a page of rules, by id */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RulesPage"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/rules/doc": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The documentation of one rule */
        get: {
            parameters: {
                query: {
                    /** @description Full rule id, e.g. taint/sql-injection or eslint/no-eval */
                    id: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the rule */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RuleDoc"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/runs/{runId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One run: status, progress, summary, gate and a link to its workflow */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    runId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the run */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Run"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/runs/{runId}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel a queued or running analysis */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    runId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description cancellation requested */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "cancelling";
                        };
                    };
                };
                /** @description the run already finished */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/runs/{runId}/findings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Findings of a run, filtered and paginated (most severe first) */
        get: {
            parameters: {
                query?: {
                    severity?: string;
                    category?: string;
                    rule?: string;
                    path?: string;
                    status?: "open" | "suppressed" | "false_positive" | "wont_fix" | "accepted";
                    new?: "true" | "false";
                    /** @description Roles of the files to list (production, test, example, docs, fixture); production code only when absent */
                    fileRole?: string;
                    page?: number;
                    pageSize?: number;
                };
                header?: never;
                path: {
                    runId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description a page of findings, most severe first, with the run’s rule facets */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["FindingsPage"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/runs/{runId}/fixes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Fixes of a run, newest first */
        get: {
            parameters: {
                query?: {
                    status?: "queued" | "generating" | "generated" | "validated" | "rejected" | "failed" | "pr_open" | "merged" | "closed";
                    rule?: string;
                    page?: number;
                    pageSize?: number;
                };
                header?: never;
                path: {
                    runId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description a page of fixes, newest first */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["FixPage"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/runs/{runId}/fixes/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** One branch and pull request with every validated fix of a rule in a run */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    runId: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        ruleId: string;
                    };
                };
            };
            responses: {
                /** @description the batch pull request workflow started */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BatchPullRequestResult"];
                    };
                };
                /** @description no validated fix of that rule */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/runs/{runId}/sarif": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** SARIF 2.1.0 export of a run */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    runId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description SARIF log */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Import any tool’s SARIF 2.1.0 results into a run */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    runId: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        version: "2.1.0";
                        runs: ({
                            tool: {
                                driver: {
                                    name: string;
                                    rules?: ({
                                        id: string;
                                        helpUri?: string;
                                        properties?: {
                                            [key: string]: unknown;
                                        };
                                    } & {
                                        [key: string]: unknown;
                                    })[];
                                } & {
                                    [key: string]: unknown;
                                };
                            } & {
                                [key: string]: unknown;
                            };
                            results?: ({
                                ruleId?: string;
                                rule?: {
                                    id?: string;
                                } & {
                                    [key: string]: unknown;
                                };
                                /** @enum {string} */
                                level?: "none" | "note" | "warning" | "error";
                                message: {
                                    text?: string;
                                    markdown?: string;
                                } & {
                                    [key: string]: unknown;
                                };
                                locations?: ({
                                    physicalLocation?: {
                                        artifactLocation: {
                                            uri: string;
                                        } & {
                                            [key: string]: unknown;
                                        };
                                        region?: {
                                            startLine?: number;
                                            startColumn?: number;
                                            endLine?: number;
                                            endColumn?: number;
                                            snippet?: {
                                                text?: string;
                                            };
                                        } & {
                                            [key: string]: unknown;
                                        };
                                    } & {
                                        [key: string]: unknown;
                                    };
                                } & {
                                    [key: string]: unknown;
                                })[];
                                partialFingerprints?: {
                                    [key: string]: string;
                                };
                                fingerprints?: {
                                    [key: string]: string;
                                };
                                suppressions?: ({
                                    kind?: string;
                                    status?: string;
                                    justification?: string;
                                } & {
                                    [key: string]: unknown;
                                })[];
                                properties?: {
                                    [key: string]: unknown;
                                };
                            } & {
                                [key: string]: unknown;
                            })[];
                        } & {
                            [key: string]: unknown;
                        })[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            responses: {
                /** @description what was imported */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SarifImportResult"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Search everything in a workspace, grouped by type (a few hits per type) */
        get: {
            parameters: {
                query: {
                    workspace_id: string;
                    q: string;
                    status?: string;
                    owner_id?: string;
                    date_from?: string;
                    date_to?: string;
                    severity?: string;
                    category?: string;
                    repository_id?: string;
                    run_id?: string;
                    offset?: number | null;
                    type?: string;
                    /** @description Results per group */
                    limit?: number;
                    /** @description Add the query to the recent searches (the palette passes false while the user is typing) */
                    record?: "true" | "false";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description hits grouped by type, best first */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SearchGroups"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/search/analyses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Search runs (seed 004’s name for /api/search/runs) */
        get: {
            parameters: {
                query: {
                    workspace_id: string;
                    q?: string;
                    status?: string;
                    owner_id?: string;
                    date_from?: string;
                    date_to?: string;
                    severity?: string;
                    category?: string;
                    repository_id?: string;
                    run_id?: string;
                    offset?: number | null;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description a page of hits, best first (newest first without q) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SearchPage"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/search/code": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Search the code of each repository’s latest default-branch analysis (literal text or whole words) */
        get: {
            parameters: {
                query: {
                    workspace_id: string;
                    q: string;
                    /** @description literal: the exact text; word: whole words */
                    mode?: "literal" | "word";
                    repository_id?: string;
                    language?: string;
                    path?: string;
                    limit?: number;
                    offset?: number | null;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description matching files with their matching lines and context */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CodeSearchPage"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/search/findings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Search findings (message, rule, path, snippet) */
        get: {
            parameters: {
                query: {
                    workspace_id: string;
                    q?: string;
                    status?: string;
                    owner_id?: string;
                    date_from?: string;
                    date_to?: string;
                    severity?: string;
                    category?: string;
                    repository_id?: string;
                    run_id?: string;
                    offset?: number | null;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description a page of hits, best first (newest first without q) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SearchPage"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/search/fixes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Search fixes and their pull requests */
        get: {
            parameters: {
                query: {
                    workspace_id: string;
                    q?: string;
                    status?: string;
                    owner_id?: string;
                    date_from?: string;
                    date_to?: string;
                    severity?: string;
                    category?: string;
                    repository_id?: string;
                    run_id?: string;
                    offset?: number | null;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description a page of hits, best first (newest first without q) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SearchPage"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/search/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your recent searches in a workspace, newest first */
        get: {
            parameters: {
                query: {
                    workspace_id: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description recent queries */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SearchHistory"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Remember a query you picked a result of (the palette records searches this way) */
        post: {
            parameters: {
                query: {
                    workspace_id: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        q: string;
                    };
                };
            };
            responses: {
                /** @description remembered */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        /** Clear your recent searches in a workspace (all, or the one given as q) */
        delete: {
            parameters: {
                query: {
                    workspace_id: string;
                    q?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description cleared */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/search/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Search the workspace’s members (name, e-mail) */
        get: {
            parameters: {
                query: {
                    workspace_id: string;
                    q?: string;
                    status?: string;
                    owner_id?: string;
                    date_from?: string;
                    date_to?: string;
                    severity?: string;
                    category?: string;
                    repository_id?: string;
                    run_id?: string;
                    offset?: number | null;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description a page of hits, best first (newest first without q) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SearchPage"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/search/projects": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Search repositories (seed 004’s name for /api/search/repositories) */
        get: {
            parameters: {
                query: {
                    workspace_id: string;
                    q?: string;
                    status?: string;
                    owner_id?: string;
                    date_from?: string;
                    date_to?: string;
                    severity?: string;
                    category?: string;
                    repository_id?: string;
                    run_id?: string;
                    offset?: number | null;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description a page of hits, best first (newest first without q) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SearchPage"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/search/repositories": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Search repositories (name, clone URL, branch) */
        get: {
            parameters: {
                query: {
                    workspace_id: string;
                    q?: string;
                    status?: string;
                    owner_id?: string;
                    date_from?: string;
                    date_to?: string;
                    severity?: string;
                    category?: string;
                    repository_id?: string;
                    run_id?: string;
                    offset?: number | null;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description a page of hits, best first (newest first without q) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SearchPage"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/search/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Search runs (repository, branch, commit, trigger, status, error) */
        get: {
            parameters: {
                query: {
                    workspace_id: string;
                    q?: string;
                    status?: string;
                    owner_id?: string;
                    date_from?: string;
                    date_to?: string;
                    severity?: string;
                    category?: string;
                    repository_id?: string;
                    run_id?: string;
                    offset?: number | null;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description a page of hits, best first (newest first without q) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SearchPage"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/search/saved": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your saved searches in a workspace, by name */
        get: {
            parameters: {
                query: {
                    workspace_id: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description saved searches */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["SavedSearch"][];
                        };
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Save a search (name, query, scope and filters) to run again later */
        post: {
            parameters: {
                query: {
                    workspace_id: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        name: string;
                        /** @default  */
                        q?: string;
                        /**
                         * @default all
                         * @enum {string}
                         */
                        scope?: "all" | "repository" | "run" | "finding" | "fix" | "member" | "team" | "ticket" | "code";
                        filters?: components["schemas"]["SavedSearchFilters"];
                    };
                };
            };
            responses: {
                /** @description the saved search */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SavedSearch"];
                    };
                };
                /** @description you already have a saved search of that name here */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/search/saved/{savedSearchId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete one of your saved searches */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    savedSearchId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description deleted */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description no saved search of yours with that id */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/search/suggestions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Completions while typing: repository names, rule ids (typos tolerated) and your recent searches */
        get: {
            parameters: {
                query: {
                    workspace_id: string;
                    q: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description suggestions, best first */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SearchSuggestions"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/search/teams": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Search your teams and their members (team name, slug, description; member name, e-mail) */
        get: {
            parameters: {
                query: {
                    workspace_id: string;
                    q?: string;
                    status?: string;
                    owner_id?: string;
                    date_from?: string;
                    date_to?: string;
                    severity?: string;
                    category?: string;
                    repository_id?: string;
                    run_id?: string;
                    offset?: number | null;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description a page of hits, best first (newest first without q) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SearchPage"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/search/tickets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Search the workspace’s support tickets and their messages */
        get: {
            parameters: {
                query: {
                    workspace_id: string;
                    q?: string;
                    status?: string;
                    owner_id?: string;
                    date_from?: string;
                    date_to?: string;
                    severity?: string;
                    category?: string;
                    repository_id?: string;
                    run_id?: string;
                    offset?: number | null;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description a page of hits, best first (newest first without q) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SearchPage"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/subscriptions/billing-details": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** The address invoices are mailed to and the country that decides the tax rate */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        workspaceId: string;
                        /** Format: email */
                        billingEmail?: string | null;
                        billingCountry?: string | null;
                    };
                };
            };
            responses: {
                /** @description the subscription */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Subscription"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/subscriptions/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel at the end of the period (reversible until then), or now (the part used is invoiced) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        workspaceId: string;
                        /** @default true */
                        atPeriodEnd?: boolean;
                        /** @description Makes a retried request a no-op: send the same id again */
                        requestId?: string;
                    };
                };
            };
            responses: {
                /** @description the change and the subscription after it */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SubscriptionChange"];
                    };
                };
                /** @description refused: not an upgrade, same plan, nothing to cancel… */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description billing could not take the change right now */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/subscriptions/current": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The workspace's subscription: plan, status, period and renewal */
        get: {
            parameters: {
                query: {
                    workspaceId: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the subscription (a workspace that never chose a plan is on the default tier) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Subscription"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/subscriptions/downgrade": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Downgrade at the end of the current period (the current plan stays until then) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        workspaceId: string;
                        tier: string;
                        /** @description Makes a retried request a no-op: send the same id again */
                        requestId?: string;
                    };
                };
            };
            responses: {
                /** @description the change and the subscription after it */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SubscriptionChange"];
                    };
                };
                /** @description refused: not an upgrade, same plan, nothing to cancel… */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description billing could not take the change right now */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/subscriptions/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What changing to a tier would cost now: the prorated amount, or when a downgrade takes effect */
        get: {
            parameters: {
                query: {
                    workspaceId: string;
                    tier: string;
                    direction?: "upgrade" | "downgrade";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the preview, priced exactly as the change will be */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PlanPreview"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/subscriptions/reactivate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Withdraw a cancellation or a scheduled downgrade before the period ends */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        workspaceId: string;
                        /** @description Makes a retried request a no-op: send the same id again */
                        requestId?: string;
                    };
                };
            };
            responses: {
                /** @description the change and the subscription after it */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SubscriptionChange"];
                    };
                };
                /** @description refused: not an upgrade, same plan, nothing to cancel… */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description billing could not take the change right now */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/subscriptions/tiers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List all pricing tiers with their prices and limits */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the public tiers, cheapest first */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TierList"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/subscriptions/upgrade": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Upgrade now; the difference for the rest of the period is prorated onto the next invoice */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        workspaceId: string;
                        tier: string;
                        /** @description Makes a retried request a no-op: send the same id again */
                        requestId?: string;
                    };
                };
            };
            responses: {
                /** @description the change and the subscription after it */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SubscriptionChange"];
                    };
                };
                /** @description refused: not an upgrade, same plan, nothing to cancel… */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description billing could not take the change right now */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/subscriptions/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Usage this period against every limit of the plan */
        get: {
            parameters: {
                query: {
                    workspaceId: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description one meter per limited metric, with warning levels at 80 % and 100 % */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Usage"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/support/tickets/{ticketId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One ticket and its conversation (internal notes are never shown) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    ticketId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the ticket and its messages, oldest first */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SupportTicketDetail"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/support/tickets/{ticketId}/close": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Close a ticket: the question is answered (a closed ticket cannot be reopened) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    ticketId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the ticket */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SupportTicket"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/support/tickets/{ticketId}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Write in a ticket (a resolved ticket opens again) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    ticketId: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        content: string;
                    };
                };
            };
            responses: {
                /** @description the message */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TicketMessage"];
                    };
                };
                /** @description the ticket is closed */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/teams": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Workspaces the caller belongs to (personal one included) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the caller’s workspaces */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            slug: string;
                            description: string;
                            /** @enum {string} */
                            kind: "personal" | "team";
                            /** @enum {string} */
                            role: "admin" | "developer" | "viewer";
                            memberCount: number;
                            settings: {
                                maxRepositories: number;
                                maxConcurrentRuns: number;
                            };
                        }[];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Create a team; the caller becomes its admin */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        name: string;
                        slug?: string;
                        description?: string;
                    };
                };
            };
            responses: {
                /** @description the new team */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            slug: string;
                            description: string;
                            /** @enum {string} */
                            kind: "personal" | "team";
                            /** @enum {string} */
                            role: "admin" | "developer" | "viewer";
                            memberCount: number;
                            settings: {
                                maxRepositories: number;
                                maxConcurrentRuns: number;
                            };
                        };
                    };
                };
                /** @description the slug is taken */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/teams/{teamId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One workspace */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    teamId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the workspace */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            slug: string;
                            description: string;
                            /** @enum {string} */
                            kind: "personal" | "team";
                            /** @enum {string} */
                            role: "admin" | "developer" | "viewer";
                            memberCount: number;
                            settings: {
                                maxRepositories: number;
                                maxConcurrentRuns: number;
                            };
                        };
                    };
                };
                /** @description not a member, or no such team */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Rename a team, change its description or settings (admin) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    teamId: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        name?: string;
                        description?: string;
                        settings?: {
                            maxRepositories?: number;
                            maxConcurrentRuns?: number;
                        };
                    };
                };
            };
            responses: {
                /** @description the updated workspace */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            slug: string;
                            description: string;
                            /** @enum {string} */
                            kind: "personal" | "team";
                            /** @enum {string} */
                            role: "admin" | "developer" | "viewer";
                            memberCount: number;
                            settings: {
                                maxRepositories: number;
                                maxConcurrentRuns: number;
                            };
                        };
                    };
                };
                /** @description not an admin */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/teams/{teamId}/activity": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The team’s activity log, newest first; format=csv exports every match */
        get: {
            parameters: {
                query?: {
                    page?: number;
                    pageSize?: number;
                    actor?: string;
                    action?: string;
                    from?: string;
                    to?: string;
                    format?: "json" | "csv";
                };
                header?: never;
                path: {
                    teamId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description a page of activity (or text/csv with format=csv) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: string;
                                actor: {
                                    id: string;
                                    name: string;
                                    email: string;
                                } | null;
                                action: string;
                                resourceType: string;
                                resourceId: string | null;
                                /** @description What the resource is called (a repository’s full name, a member’s name, a finding’s rule and place); null when unknown */
                                resourceName: string | null;
                                ip: string | null;
                                userAgent: string | null;
                                before?: unknown;
                                after?: unknown;
                                createdAt: string;
                            }[];
                            total: number;
                            page: number;
                            pageSize: number;
                        };
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/teams/{teamId}/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Invitations of a team, newest first (admin) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    teamId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description invitations */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            email: string;
                            /** @enum {string} */
                            role: "admin" | "developer" | "viewer";
                            /** @enum {string} */
                            status: "pending" | "accepted" | "revoked" | "expired";
                            expiresAt: string;
                            createdAt: string;
                            invitedBy: {
                                id: string;
                                name: string;
                            } | null;
                        }[];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/teams/{teamId}/invitations/{invitationId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an invitation (admin) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    teamId: string;
                    invitationId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description revoked */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description already accepted */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/teams/{teamId}/invitations/{invitationId}/resend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a pending or expired invitation again, with a new link and a new 7-day expiry (admin) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    teamId: string;
                    invitationId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the invitation */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            email: string;
                            /** @enum {string} */
                            role: "admin" | "developer" | "viewer";
                            /** @enum {string} */
                            status: "pending" | "accepted" | "revoked" | "expired";
                            expiresAt: string;
                            createdAt: string;
                            invitedBy: {
                                id: string;
                                name: string;
                            } | null;
                        };
                    };
                };
                /** @description not an admin, or the e-mail address is not confirmed yet */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description accepted or revoked */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/teams/{teamId}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Members of a team */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    teamId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description members, oldest first */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            userId: string;
                            email: string;
                            name: string;
                            /** @enum {string} */
                            role: "admin" | "developer" | "viewer";
                            joinedAt: string;
                        }[];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Invite someone by email (admin); the mail holds a one-time link valid for 7 days */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    teamId: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email: string;
                        /** @enum {string} */
                        role: "admin" | "developer" | "viewer";
                    };
                };
            };
            responses: {
                /** @description the invitation */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            email: string;
                            /** @enum {string} */
                            role: "admin" | "developer" | "viewer";
                            /** @enum {string} */
                            status: "pending" | "accepted" | "revoked" | "expired";
                            expiresAt: string;
                            createdAt: string;
                            invitedBy: {
                                id: string;
                                name: string;
                            } | null;
                        };
                    };
                };
                /** @description not an admin, or the inviter’s e-mail address is not confirmed yet */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description already a member, already invited, or a personal workspace */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/teams/{teamId}/members/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a member (admin), or leave the team (own user id) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    teamId: string;
                    userId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description removed */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description the last admin cannot leave or be removed */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change a member’s role (admin) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    teamId: string;
                    userId: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        role: "admin" | "developer" | "viewer";
                    };
                };
            };
            responses: {
                /** @description the member */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            userId: string;
                            email: string;
                            name: string;
                            /** @enum {string} */
                            role: "admin" | "developer" | "viewer";
                            joinedAt: string;
                        };
                    };
                };
                /** @description it would demote the last admin */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller’s personal API tokens (never the secrets) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description tokens, newest first */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            workspaceId: string;
                            workspaceName: string;
                            /** @enum {string} */
                            role: "admin" | "developer" | "viewer";
                            prefix: string;
                            createdAt: string;
                            lastUsedAt: string | null;
                            expiresAt: string | null;
                            revokedAt: string | null;
                        }[];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Create a personal API token for one workspace; the secret is shown only in this answer */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        name: string;
                        workspaceId: string;
                        /** @enum {string} */
                        role: "admin" | "developer" | "viewer";
                        expiresInDays?: number | null;
                    };
                };
            };
            responses: {
                /** @description the token with its plaintext secret */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            name: string;
                            workspaceId: string;
                            workspaceName: string;
                            /** @enum {string} */
                            role: "admin" | "developer" | "viewer";
                            prefix: string;
                            createdAt: string;
                            lastUsedAt: string | null;
                            expiresAt: string | null;
                            revokedAt: string | null;
                            token: string;
                        };
                    };
                };
                /** @description role above the caller’s, or called with an API token */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description not a member of that workspace */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tokens/{tokenId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke one of the caller’s API tokens */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    tokenId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description revoked */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description no such token of yours */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{workspaceId}/ai-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Which AI providers have a key (the keys themselves are never returned) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description one entry per AI provider */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AiKeys"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        /** Set the workspace’s key for an AI provider (admins; stored encrypted, never returned) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        provider: "groq" | "anthropic";
                        apiKey: string;
                    };
                };
            };
            responses: {
                /** @description the provider’s new key status */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AiKeySet"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{workspaceId}/github": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether the GitHub App can be installed here, and the installations linked to the workspace */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the App’s availability and the linked installations */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WorkspaceGitHub"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{workspaceId}/github/install": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start installing the GitHub App for this workspace: a single-use state and the App’s install page */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description where to send the browser (valid for 30 minutes, once) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GitHubInstallStart"];
                    };
                };
                /** @description the GitHub App is not configured */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{workspaceId}/repositories": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the repositories of a workspace, with their latest run */
        get: {
            parameters: {
                query?: {
                    page?: number;
                    pageSize?: number;
                    q?: string;
                };
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description a page of repositories by name, each with its newest run */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RepositoryPage"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Connect any git remote by URL (https, ssh or, when allowed, file) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        cloneUrl: string;
                        name?: string;
                        /** @default main */
                        defaultBranch?: string;
                        credential?: string;
                    };
                };
            };
            responses: {
                /** @description the connected repository */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Repository"];
                    };
                };
                /** @description already connected, or the workspace is at its repository limit */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{workspaceId}/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Analysis runs of a workspace, newest first */
        get: {
            parameters: {
                query?: {
                    repositoryId?: string;
                    status?: "queued" | "running" | "completed" | "failed" | "cancelled";
                    page?: number;
                    pageSize?: number;
                };
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description a page of runs, newest first */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RunPage"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{workspaceId}/support/tickets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The workspace's support tickets, newest activity first */
        get: {
            parameters: {
                query?: {
                    status?: components["schemas"]["TicketStatus"];
                    page?: number;
                    pageSize?: number;
                };
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description a page of tickets */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SupportTicketPage"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Open a support ticket, optionally about a run or a finding of the workspace */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    workspaceId: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        subject: string;
                        description: string;
                        priority?: components["schemas"]["TicketPriority"];
                        /** Format: uuid */
                        runId?: string;
                        /** Format: uuid */
                        findingId?: string;
                    };
                };
            };
            responses: {
                /** @description the ticket */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SupportTicket"];
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: the process answers */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description alive */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "ok";
                        };
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: Postgres and Temporal answer (the worker is reported, not required) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description ready */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "ok" | "degraded" | "unavailable";
                            checks: {
                                name: string;
                                /** @enum {string} */
                                status: "ok" | "down" | "not_configured";
                                latencyMs: number | null;
                            }[];
                        };
                    };
                };
                /** @description a dependency is down */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "ok" | "degraded" | "unavailable";
                            checks: {
                                name: string;
                                /** @enum {string} */
                                status: "ok" | "down" | "not_configured";
                                latencyMs: number | null;
                            }[];
                        };
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/github": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** GitHub App webhook intake (signed with X-Hub-Signature-256) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description accepted durably, or ignored */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: string;
                            reason?: string;
                            workflowId?: string;
                        };
                    };
                };
                /** @description An error (RFC 9457) */
                default: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Account: {
            user: components["schemas"]["AccountUser"];
            personalWorkspaceId: string;
        };
        AccountSession: {
            /** @description The session (one login, across all its token refreshes) */
            id: string;
            /**
             * Format: date-time
             * @description When the user logged in
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description When the session last logged in or refreshed its access token (about every 15 minutes while in use)
             */
            lastUsedAt: string;
            userAgent: string | null;
            ip: string | null;
            /** @description The session making this request */
            current: boolean;
        };
        AccountSessions: {
            items: components["schemas"]["AccountSession"][];
        };
        AccountUser: {
            id: string;
            email: string;
            name: string;
            /** Format: date-time */
            emailVerifiedAt: string | null;
            /** @description An address asked for with POST /api/account/email, not yet confirmed from the link mailed there */
            pendingEmail: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        AdminAnalyticsPlatform: {
            range: {
                from: string;
                to: string;
                days: number;
            };
            totals: {
                runs: number;
                completed: number;
                failed: number;
                findings: number;
                newFindings: number;
                fixedFindings: number;
                fixesGenerated: number;
                fixesMerged: number;
                activeWorkspaces: number;
            };
            queue: {
                runsQueued: number;
                runsRunning: number;
                fixesQueued: number;
                fixesGenerating: number;
                oldestQueuedAt: string | null;
            };
            daily: {
                day: string;
                runs: number;
                completed: number;
                failed: number;
                findings: number;
                fixesGenerated: number;
                fixesMerged: number;
                workspaces: number;
            }[];
        };
        AdminAnalyticsQuality: {
            range: {
                from: string;
                to: string;
                days: number;
            };
            daily: {
                day: string;
                findings: number;
                newFindings: number;
                fixedFindings: number;
                bySeverity: {
                    [key: string]: number;
                };
            }[];
            /** @description Fixed findings per new finding in the window, 0–100 */
            fixRate: number;
            meanTimeToFixSeconds: number | null;
            topRules: {
                ruleId: string;
                category: string;
                count: number;
                repositories: number;
            }[];
        };
        /** @description Integer cents */
        AdminAnalyticsRevenue: {
            range: {
                from: string;
                to: string;
                days: number;
            };
            mrrCents: number;
            arrCents: number;
            payingSubscriptions: number;
            trialSubscriptions: number;
            byTier: {
                tier: string;
                displayName: string;
                subscriptions: number;
                mrrCents: number;
            }[];
            churnedMrrCents: number;
            churnedSubscriptions: number;
            expansionMrrCents: number;
            contractionMrrCents: number;
            /** @description expansion − contraction − churned, in the window */
            netNewMrrCents: number;
            collectedCents: number;
            refundedCents: number;
            invoicedByMonth: {
                month: string;
                totalCents: number;
                paidCents: number;
            }[];
        };
        AdminAnalyticsUsers: {
            range: {
                from: string;
                to: string;
                days: number;
            };
            totalUsers: number;
            dau: number;
            wau: number;
            mau: number;
            /** @description DAU / MAU, 0–100 */
            stickiness: number;
            /** @description Share of the people active 31–60 days ago who were not active in the last 30 days, 0–100 */
            churnRate: number;
            signups: {
                day: string;
                count: number;
            }[];
            activeByDay: {
                day: string;
                count: number;
            }[];
        };
        AdminInvoice: {
            id: string;
            number: string;
            workspaceId: string;
            tierName: string;
            /** Format: date-time */
            billingPeriodStart: string;
            /** Format: date-time */
            billingPeriodEnd: string;
            currency: string;
            subtotalCents: number;
            taxCents: number;
            taxRateBps: number;
            totalCents: number;
            overageChargesCents: number;
            creditsAppliedCents: number;
            amountRefundedCents: number;
            status: components["schemas"]["InvoiceStatus"];
            /** Format: date-time */
            paidAt: string | null;
            paymentAttempts: number;
            lastPaymentError: string | null;
            /** Format: date-time */
            createdAt: string;
            workspaceName: string;
            stripePaymentIntentId: string | null;
        };
        AdminPaymentRetry: {
            /** @enum {string} */
            outcome: "paid" | "failed" | "pending" | "manual" | "not_owed";
            message: string;
            invoice: {
                id: string;
                number: string;
                workspaceId: string;
                tierName: string;
                /** Format: date-time */
                billingPeriodStart: string;
                /** Format: date-time */
                billingPeriodEnd: string;
                currency: string;
                subtotalCents: number;
                taxCents: number;
                taxRateBps: number;
                totalCents: number;
                overageChargesCents: number;
                creditsAppliedCents: number;
                amountRefundedCents: number;
                status: components["schemas"]["InvoiceStatus"];
                /** Format: date-time */
                paidAt: string | null;
                paymentAttempts: number;
                lastPaymentError: string | null;
                /** Format: date-time */
                createdAt: string;
                workspaceName: string;
                stripePaymentIntentId: string | null;
                items: components["schemas"]["InvoiceItem"][];
            };
        };
        AdminSubscription: {
            id: string;
            workspaceId: string;
            workspaceName: string;
            workspaceSlug: string;
            tier: string;
            /** @enum {string} */
            status: "trial" | "active" | "past_due" | "cancelled";
            currentPeriodStart: string;
            currentPeriodEnd: string;
            cancelAtPeriodEnd: boolean;
            restricted: boolean;
            pastDueSince: string | null;
            stripeCustomerId: string | null;
            creditCents?: number;
        };
        AdminSubscriptionSummary: {
            windowDays: number;
            since: string;
            tiers: {
                tier: string;
                displayName: string;
                monthlyPriceCents: number;
                isPublic: boolean;
                active: number;
                trialing: number;
                pastDue: number;
                /** @description Cancelled within the window (and not resubscribed), on the tier they left */
                cancelled: number;
                /** @description cancelled ÷ (cancelled + active + trialing + past due), in percent with one decimal */
                churnRate: number;
                /** @description (active + past due) × the monthly price, integer cents */
                mrrCents: number;
            }[];
            totals: {
                active: number;
                trialing: number;
                pastDue: number;
                /** @description Cancelled within the window (and not resubscribed), on the tier they left */
                cancelled: number;
                /** @description cancelled ÷ (cancelled + active + trialing + past due), in percent with one decimal */
                churnRate: number;
                /** @description (active + past due) × the monthly price, integer cents */
                mrrCents: number;
            };
        };
        AdminSupportTicket: {
            id: string;
            number: number;
            workspaceId: string;
            workspaceName: string;
            subject: string;
            description: string;
            priority: components["schemas"]["TicketPriority"];
            status: components["schemas"]["TicketStatus"];
            runId: string | null;
            findingId: string | null;
            openedBy: {
                id: string;
                name: string;
                email: string;
            } | null;
            messageCount: number;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            /** Format: date-time */
            lastMessageAt: string | null;
            /** Format: date-time */
            firstResponseAt: string | null;
            /** Format: date-time */
            resolvedAt: string | null;
            /** Format: date-time */
            closedAt: string | null;
            sla: components["schemas"]["TicketSla"];
            userId: string | null;
            assignedTo: string | null;
            assigneeName: string | null;
        };
        AdminTier: {
            id: string;
            name: string;
            displayName: string;
            description: string;
            monthlyPriceCents: number;
            overagePriceCents: number;
            overageAllowed: boolean;
            maxAnalysesPerMonth: number | null;
            maxAiFixesPerMonth: number | null;
            maxSeats: number | null;
            maxProjects: number | null;
            maxStorageGb: number | null;
            maxConcurrentRuns: number | null;
            includesPrioritySupport: boolean;
            includesAdvancedAnalytics: boolean;
            apiRequestsPerMinute: number;
            isPublic: boolean;
            sortOrder: number;
        };
        AiKeySet: {
            provider: components["schemas"]["AiProvider"];
            /** @enum {boolean} */
            configured: true;
            /** @enum {string} */
            source: "workspace";
            /** Format: date-time */
            updatedAt: string;
        };
        AiKeyStatus: {
            provider: components["schemas"]["AiProvider"];
            configured: boolean;
            /**
             * @description The workspace’s own (encrypted) key, or the operator’s environment
             * @enum {string|null}
             */
            source: "workspace" | "environment" | null;
            model: string;
            /**
             * Format: date-time
             * @description When the workspace key was last set; null without one
             */
            updatedAt: string | null;
        };
        AiKeys: {
            providers: components["schemas"]["AiKeyStatus"][];
        };
        /** @enum {string} */
        AiProvider: "groq" | "anthropic";
        AnalysisStarted: {
            runId: string;
            workflowId: string;
        };
        AnalyticsDashboard: {
            range: components["schemas"]["AnalyticsRange"];
            kpis: components["schemas"]["Kpi"][];
            health: components["schemas"]["HealthScore"];
            trend: components["schemas"]["HealthTrend"];
            /** @description What people did in the window, by event type */
            events: {
                [key: string]: number;
            };
        };
        AnalyticsProjects: {
            range: components["schemas"]["AnalyticsRange"];
            items: {
                repositoryId: string;
                workspaceId: string;
                fullName: string;
                healthScore: number | null;
                ratings: {
                    security: components["schemas"]["Rating"];
                    reliability: components["schemas"]["Rating"];
                    maintainability: components["schemas"]["Rating"];
                } | null;
                topDriver: string | null;
                trend: components["schemas"]["HealthTrend"];
                openFindings: number;
                runs: number;
                successRate: number;
                newFindings: number;
                fixedFindings: number;
                lastAnalyzedAt: string | null;
            }[];
            total: number;
            page: number;
            pageSize: number;
        };
        /** @description The window asked for (both days included) and the window of the same length before it */
        AnalyticsRange: {
            from: string;
            to: string;
            days: number;
            previousFrom: string;
            previousTo: string;
        };
        AnalyticsTimeline: {
            range: components["schemas"]["AnalyticsRange"];
            days: {
                day: string;
                runs: number;
                completed: number;
                failed: number;
                issuesFound: number;
                newFindings: number;
                fixedFindings: number;
                fixesGenerated: number;
                fixesValidated: number;
                fixesMerged: number;
                activeUsers: number;
                healthScore: number | null;
                open: {
                    critical: number;
                    high: number;
                    medium: number;
                    low: number;
                    info: number;
                };
            }[];
            events: {
                id: string;
                type: string;
                /** Format: date-time */
                occurredAt: string;
                userName: string | null;
                repositoryId: string | null;
                data: {
                    [key: string]: unknown;
                };
            }[];
        };
        ArgusYmlSeen: {
            file: string;
            commitSha: string | null;
            /** Format: date-time */
            seenAt: string;
            /** @description The gate the file sets (it replaces the portal gate), or null when it sets none */
            gate: {
                /** @description Max new findings before the gate fails; null = no limit */
                critical?: number | null;
                /** @description Max new findings before the gate fails; null = no limit */
                high?: number | null;
                /** @description Max new findings before the gate fails; null = no limit */
                medium?: number | null;
                /** @description Max new findings before the gate fails; null = no limit */
                low?: number | null;
                /** @description Max new secrets (any severity); null = no limit */
                secrets?: number | null;
            } | null;
            /** @description Rule settings in the file (off or a severity); they win over the portal */
            rules: {
                [key: string]: string;
            };
        };
        BatchPullRequestResult: {
            workflowId: string;
            branch: string;
            fixIds: string[];
        };
        CannedResponse: {
            id: string;
            title: string;
            body: string;
            createdBy: string | null;
            updatedBy: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        /** @enum {string} */
        Category: "security" | "bug" | "performance" | "maintainability" | "style";
        CodeHit: {
            repositoryId: string;
            repositoryName: string;
            runId: string;
            path: string;
            language: string | null;
            url: string;
            /** @description Matching lines in the file */
            matchCount: number;
            /** @description The first matching lines, each with a few lines of context */
            matches: {
                line: number;
                lines: components["schemas"]["CodeLine"][];
            }[];
        };
        CodeLine: {
            number: number;
            segments: components["schemas"]["SearchSegment"][];
        };
        CodeSearchPage: {
            items: components["schemas"]["CodeHit"][];
            total: number;
            limit: number;
            offset: number;
        };
        ConfigError: {
            /** @description Dotted path of the offending key in .argus.yml, or "" for the whole file */
            path: string;
            message: string;
        };
        CreatePullRequestResult: {
            fix: components["schemas"]["Fix"];
            workflowId: string;
            branch: string;
        };
        /**
         * @description What the file is for; only production findings count toward the gate, ratings and default counts
         * @enum {string}
         */
        FileRole: "production" | "test" | "example" | "docs" | "fixture";
        Finding: {
            id: string;
            runId: string;
            repositoryId: string;
            tool: string;
            ruleId: string;
            category: components["schemas"]["Category"];
            severity: components["schemas"]["Severity"];
            path: string;
            startLine: number;
            startColumn: number;
            endLine: number;
            endColumn: number;
            message: string;
            snippet: string;
            helpUrl: string | null;
            fingerprint: string;
            isNew: boolean;
            /** @description Set when the source suppresses the finding with an inline comment */
            suppression: {
                /** @enum {string} */
                kind: "inline";
                reason: string | null;
            } | null;
            /** @description Kept per repository and fingerprint across runs; status open and nulls when never triaged */
            triage: {
                status: components["schemas"]["TriageStatus"];
                reason: string | null;
                /** Format: date-time */
                updatedAt: string | null;
            };
            /** @description The built-in provider (no key, no code sent anywhere) has a fix for this rule; validation still decides */
            builtinFix: boolean;
            fileRole: components["schemas"]["FileRole"];
            /** @description CWE ids of the rule (CWE-89) */
            cwe: string[];
            /** @description Taint findings: the path from the source of the data to the sink, in order */
            codeFlow: components["schemas"]["FlowStep"][] | null;
        };
        FindingFixes: {
            finding: components["schemas"]["Finding"];
            fixes: components["schemas"]["Fix"][];
        };
        FindingsPage: {
            items: components["schemas"]["Finding"][];
            total: number;
            page: number;
            pageSize: number;
            facets: {
                /** @description The run’s findings per rule (all of them, not only this page), most frequent first */
                rules: components["schemas"]["RuleFacet"][];
            };
        };
        Fix: {
            id: string;
            findingId: string;
            runId: string;
            workspaceId: string;
            repositoryId: string;
            provider: components["schemas"]["FixProvider"];
            model: string | null;
            status: components["schemas"]["FixStatus"];
            /** @description A unified diff; null until generated, and for fixes that failed to generate */
            patch: string | null;
            explanation: string | null;
            files: string[];
            usage: {
                tokensIn: number | null;
                tokensOut: number | null;
                costMicroUsd: number | null;
            };
            /** @description NoFixAvailable, InvalidPatch, Provider…, or ValidationFailed for a rejected fix */
            failureType: string | null;
            failureReason: string | null;
            validation: components["schemas"]["FixValidation"] | null;
            pullRequest: {
                branch: string;
                url: string | null;
                number: number | null;
            } | null;
            applied: {
                /** Format: date-time */
                at: string;
                by: string | null;
            } | null;
            workflowId: string;
            /** @description The fixed finding; absent in the answer of POST /api/fixes/generate/{findingId} */
            finding?: {
                ruleId: string;
                path: string;
                startLine: number;
                severity: components["schemas"]["Severity"];
            };
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            /** Format: date-time */
            generatedAt: string | null;
            /** Format: date-time */
            validatedAt: string | null;
            /** Format: date-time */
            prOpenedAt: string | null;
            /** Format: date-time */
            closedAt: string | null;
        };
        FixPage: {
            items: components["schemas"]["Fix"][];
            total: number;
            page: number;
            pageSize: number;
        };
        /** @enum {string} */
        FixProvider: "builtin" | "groq" | "anthropic";
        /** @enum {string} */
        FixStatus: "queued" | "generating" | "generated" | "validated" | "rejected" | "failed" | "pr_open" | "merged" | "closed";
        /** @description What the validation on a clean checkout of the run’s commit saw */
        FixValidation: {
            commitSha: string;
            applies: boolean;
            findingGone: boolean;
            newFindings: components["schemas"]["FixValidationFinding"][];
            parseErrors: components["schemas"]["FixValidationFinding"][];
            analyzedFiles: string[];
        };
        FixValidationFinding: {
            ruleId: string;
            path: string;
            line: number;
            message: string;
        };
        FlowStep: {
            path: string;
            line: number;
            column: number;
            endLine: number;
            endColumn: number;
            note: string;
        };
        Gate: {
            passed: boolean;
            conditions: components["schemas"]["GateCondition"][];
        };
        GateCondition: {
            /**
             * @description The severity limited, or `secrets`: new committed secrets of any severity
             * @enum {string}
             */
            severity: "critical" | "high" | "medium" | "low" | "info" | "secrets";
            maxNew: number;
            actualNew: number;
            passed: boolean;
        };
        GitHubAppStatus: {
            /** @description Whether this Argus installation can send people to the App’s install page */
            configured: boolean;
            slug: string | null;
            /** @description The App’s public page on GitHub */
            publicUrl: string | null;
            /** @description Why the install flow is unavailable, for people */
            reason: string | null;
        };
        GitHubInstallStart: {
            /** @description Send the browser here */
            installUrl: string;
            /** Format: date-time */
            expiresAt: string;
        };
        GitHubInstallation: {
            id: string;
            /** @description GitHub’s id of the installation */
            installationId: number;
            accountLogin: string;
            /** @description Organization or User */
            accountType: string;
            /** @enum {string} */
            status: "active" | "suspended" | "uninstalled";
            /** Format: date-time */
            claimedAt: string | null;
            activeRepositories: number;
            /** @description Where an owner changes the installation (its repositories) on GitHub */
            settingsUrl: string | null;
        };
        GitHubInstallationRepository: {
            githubRepoId: number;
            fullName: string;
            private: boolean;
            defaultBranch: string;
            htmlUrl: string;
            /** @description Whether Argus analyzes it in this workspace */
            active: boolean;
            /** @description The Argus repository, when active */
            repositoryId: string | null;
        };
        GitHubInstallationRepositoryPage: {
            items: components["schemas"]["GitHubInstallationRepository"][];
            total: number;
            page: number;
            pageSize: number;
        };
        GitHubRepositoryActivation: {
            githubRepoId: number;
            fullName: string;
            active: boolean;
            repositoryId: string | null;
        };
        GitHubSetupResult: {
            /** @enum {string} */
            status: "linked" | "requested";
            workspaceId: string;
            installation: components["schemas"]["GitHubInstallation"] | null;
            message: string;
        };
        HealthDriver: {
            /** @enum {string} */
            dimension: "security" | "reliability" | "maintainability";
            rating: components["schemas"]["Rating"];
            /** @description Why the rating is what it is, e.g. "D because 2 high security findings in src/auth.ts" */
            reason: string;
            severity: ("critical" | "high" | "medium" | "low" | "info") | null;
            count: number;
            files: {
                path: string;
                repository?: string;
                count: number;
            }[];
        };
        HealthScore: {
            /** @description 0–100; null before the first finished default-branch run */
            score: number | null;
            ratings: {
                security: {
                    rating: components["schemas"]["Rating"];
                    score: number;
                };
                reliability: {
                    rating: components["schemas"]["Rating"];
                    score: number;
                };
                maintainability: {
                    rating: components["schemas"]["Rating"];
                    score: number;
                };
            } | null;
            drivers: components["schemas"]["HealthDriver"][];
            openFindings: number;
            linesOfCode: number | null;
            /** @description Open maintainability findings per 1,000 lines */
            density: number;
        };
        HealthTrend: {
            /** @enum {string} */
            direction: "improving" | "stable" | "needs_attention";
            /** @description Points gained (or lost) over the window, by the least-squares slope */
            change: number;
            slopePerDay: number;
            points: number;
        };
        ImpersonationSession: {
            id: string;
            staff: {
                id: string;
                name: string | null;
                email: string | null;
            };
            user: {
                id: string;
                name: string | null;
                email: string | null;
            };
            reason: string;
            /** Format: date-time */
            startedAt: string;
            /** Format: date-time */
            expiresAt: string;
            /** Format: date-time */
            endedAt: string | null;
            active: boolean;
        };
        InvitationPreview: {
            teamName: string;
            invitedBy: string | null;
            /** @enum {string} */
            role: "admin" | "developer" | "viewer";
            email: string;
            expiresAt: string;
            /** @enum {string} */
            status: "pending" | "accepted" | "revoked" | "expired";
            /** @description The signed-in user is the invited address (only they can accept) */
            forYou: boolean;
        };
        Invoice: {
            id: string;
            number: string;
            workspaceId: string;
            tierName: string;
            /** Format: date-time */
            billingPeriodStart: string;
            /** Format: date-time */
            billingPeriodEnd: string;
            currency: string;
            subtotalCents: number;
            taxCents: number;
            taxRateBps: number;
            totalCents: number;
            overageChargesCents: number;
            creditsAppliedCents: number;
            amountRefundedCents: number;
            status: components["schemas"]["InvoiceStatus"];
            /** Format: date-time */
            paidAt: string | null;
            paymentAttempts: number;
            lastPaymentError: string | null;
            /** Format: date-time */
            createdAt: string;
            items: components["schemas"]["InvoiceItem"][];
        };
        InvoiceItem: {
            id: string;
            /** @enum {string} */
            type: "subscription" | "overage" | "credit" | "proration";
            description: string;
            quantity: number;
            unitPriceCents: number;
            totalCents: number;
        };
        InvoicePage: {
            items: components["schemas"]["InvoiceSummary"][];
            total: number;
            page: number;
            pageSize: number;
        };
        /** @enum {string} */
        InvoiceStatus: "draft" | "sent" | "paid" | "failed" | "refunded";
        InvoiceSummary: {
            id: string;
            number: string;
            workspaceId: string;
            tierName: string;
            /** Format: date-time */
            billingPeriodStart: string;
            /** Format: date-time */
            billingPeriodEnd: string;
            currency: string;
            subtotalCents: number;
            taxCents: number;
            taxRateBps: number;
            totalCents: number;
            overageChargesCents: number;
            creditsAppliedCents: number;
            amountRefundedCents: number;
            status: components["schemas"]["InvoiceStatus"];
            /** Format: date-time */
            paidAt: string | null;
            paymentAttempts: number;
            lastPaymentError: string | null;
            /** Format: date-time */
            createdAt: string;
        };
        IssueCategories: {
            range: components["schemas"]["AnalyticsRange"];
            categories: {
                /** @enum {string} */
                category: "security" | "bug" | "performance" | "maintainability" | "style";
                open: number;
                found: number;
                /** @description Share of open findings, 0–100 */
                share: number;
            }[];
            daily: {
                day: string;
                found: {
                    security: number;
                    bug: number;
                    performance: number;
                    maintainability: number;
                    style: number;
                };
            }[];
        };
        IssueSeverity: {
            range: components["schemas"]["AnalyticsRange"];
            severities: {
                /** @enum {string} */
                severity: "critical" | "high" | "medium" | "low" | "info";
                open: number;
                found: number;
                share: number;
            }[];
            daily: {
                day: string;
                open: {
                    critical: number;
                    high: number;
                    medium: number;
                    low: number;
                    info: number;
                };
                found: {
                    critical: number;
                    high: number;
                    medium: number;
                    low: number;
                    info: number;
                };
            }[];
        };
        Kpi: {
            key: string;
            label: string;
            value: number | null;
            previous: number | null;
            /** @description value − previous */
            delta: number | null;
            /** @enum {string} */
            unit: "count" | "percent" | "seconds" | "score";
            /** @enum {string} */
            betterWhen: "higher" | "lower";
        };
        MaintenanceNotice: {
            enabled: boolean;
            message: string;
            retryAfterSeconds: number;
            /** Format: date-time */
            since: string | null;
        };
        MaintenanceState: {
            enabled: boolean;
            message: string;
            retryAfterSeconds: number;
            /** Format: date-time */
            since: string | null;
            changedBy: {
                id: string;
                name: string | null;
            } | null;
        };
        Me: {
            user: {
                id: string;
                email: string;
                name: string;
                /** Format: date-time */
                emailVerifiedAt: string | null;
                /** @enum {string|null} */
                staffRole: "super_admin" | "billing_admin" | "support_admin" | "analytics_admin" | null;
            };
            /** @description Personal workspace first; only the token’s workspace for an API token */
            workspaces: {
                id: string;
                name: string;
                slug: string;
                description: string;
                /** @enum {string} */
                kind: "personal" | "team";
                /** @enum {string} */
                role: "admin" | "developer" | "viewer";
                memberCount: number;
                settings: {
                    maxRepositories: number;
                    maxConcurrentRuns: number;
                };
            }[];
        };
        /** @description The same formula on the findings introduced in the window only */
        NewCodeHealth: {
            /** @description 0–100; null before the first finished default-branch run */
            score: number | null;
            ratings: {
                security: {
                    rating: components["schemas"]["Rating"];
                    score: number;
                };
                reliability: {
                    rating: components["schemas"]["Rating"];
                    score: number;
                };
                maintainability: {
                    rating: components["schemas"]["Rating"];
                    score: number;
                };
            } | null;
            drivers: components["schemas"]["HealthDriver"][];
            openFindings: number;
            linesOfCode: number | null;
            /** @description Open maintainability findings per 1,000 lines */
            density: number;
            newFindings: number;
        };
        PaymentMethod: {
            id: string;
            brand: string;
            last4: string;
            expMonth: number | null;
            expYear: number | null;
            isDefault: boolean;
            /** Format: date-time */
            createdAt: string;
        };
        PaymentMethodList: {
            /** @enum {string} */
            mode: "stripe" | "manual";
            /** @description For Stripe Elements; null when none is configured */
            publishableKey: string | null;
            items: components["schemas"]["PaymentMethod"][];
        };
        PaymentRetry: {
            /** @enum {string} */
            outcome: "paid" | "failed" | "pending" | "manual" | "not_owed";
            message: string;
            invoice: components["schemas"]["Invoice"];
        };
        PlanPreview: {
            allowed: boolean;
            message: string;
            /** @enum {string} */
            effective: "now" | "period_end";
            /** @description Added to the next invoice, before tax */
            prorationCents: number;
            startsTrial: boolean;
            from: components["schemas"]["Tier"];
            to: components["schemas"]["Tier"] | null;
        };
        PlatformSettings: {
            environment: string;
            release: string;
            urls: {
                portal: string;
                console: string;
                publicApi: string;
            };
            temporal: {
                address: string;
                namespace: string;
                taskQueue: string;
                uiUrl: string;
                workflowsUrl: string;
            };
            billing: {
                /** @enum {string} */
                mode: "stripe" | "manual";
                defaultTier: string;
                billingPeriod: string;
                trialPeriod: string | null;
                dunningDelays: string[];
                taxRates: {
                    country: string;
                    basisPoints: number;
                }[];
                invoicingEvery: string;
                currency: string;
                stripeWebhookConfigured: boolean;
            };
            mail: {
                /**
                 * @description smtp: mail is sent; outbox: kept in the outbox for staff to read (no SMTP_URL)
                 * @enum {string}
                 */
                transport: "smtp" | "outbox";
                smtpHost: string | null;
                from: string;
                outbox: {
                    pending: number;
                    sent: number;
                    failed: number;
                    kept: number;
                    /** Format: date-time */
                    oldestPendingAt: string | null;
                };
            };
            maintenance: {
                enabled: boolean;
                message: string;
                retryAfterSeconds: number;
                /** Format: date-time */
                since: string | null;
            };
            integrations: {
                name: string;
                configured: boolean;
                detail: string;
            }[];
            limits: {
                authRequestsPerMinute: number;
                systemLogEntriesPerMinute: number;
                trustProxy: string;
            };
            staff: {
                /** @enum {string} */
                role: "super_admin" | "billing_admin" | "support_admin" | "analytics_admin";
                members: number;
            }[];
        };
        Problem: {
            type: string;
            title: string;
            status: number;
            detail?: string;
            instance?: string;
            errorId: string;
            errors?: {
                path: string;
                message: string;
            }[];
        };
        /** @enum {string} */
        Rating: "A" | "B" | "C" | "D" | "E";
        Repository: {
            id: string;
            workspaceId: string;
            /** @enum {string} */
            provider: "github" | "git";
            fullName: string;
            cloneUrl: string;
            defaultBranch: string;
            hasCredential: boolean;
            /** @description Five-field cron expression, or null for none */
            analysisSchedule: string | null;
            /** Format: date-time */
            createdAt: string;
            /** @description The newest run; only the list fills it in, single-repository answers carry null */
            lastRun: components["schemas"]["RepositoryLastRun"] | null;
        };
        RepositoryAnalysisSettings: {
            repositoryId: string;
            /** @description The gate set in the portal (defaults where nobody set a value) */
            gate: {
                /** @description Max new findings before the gate fails; null = no limit */
                critical: number | null;
                /** @description Max new findings before the gate fails; null = no limit */
                high: number | null;
                /** @description Max new findings before the gate fails; null = no limit */
                medium: number | null;
                /** @description Max new findings before the gate fails; null = no limit */
                low: number | null;
                /** @description Max new secrets (any severity); null = no limit */
                secrets: number | null;
            };
            /**
             * @description Where the gate of the next analysis comes from
             * @enum {string}
             */
            gateSource: "portal" | "default" | "argus.yml";
            /** @description Rule ids turned off in the portal */
            rulesOff: string[];
            /** @description What the newest analysis found in .argus.yml; null before the first analysis or without a file */
            argusYml: components["schemas"]["ArgusYmlSeen"] | null;
            /** @description Whether the caller may change the settings (workspace admins) */
            canEdit: boolean;
            /** Format: date-time */
            updatedAt: string | null;
        };
        RepositoryHealth: {
            range: components["schemas"]["AnalyticsRange"];
            repositoryId: string | null;
            healthScore: number | null;
            health: components["schemas"]["HealthScore"];
            newCode: components["schemas"]["NewCodeHealth"];
            trend: components["schemas"]["HealthTrend"];
            history: {
                day: string;
                score: number | null;
            }[];
            metrics: {
                successRate: number;
                totalRuns: number;
                totalIssues: number;
                averageIssuesPerRun: number;
                fixedIssues: number;
            };
            lastAnalyzedAt: string | null;
        };
        RepositoryLastRun: {
            id: string;
            status: components["schemas"]["RunStatus"];
            /** @description null until the run has a gate */
            gatePassed: boolean | null;
            /** Format: date-time */
            createdAt: string;
        };
        RepositoryPage: {
            items: components["schemas"]["Repository"][];
            total: number;
            page: number;
            pageSize: number;
        };
        RuleDoc: {
            id: string;
            tool: string;
            /** @enum {string} */
            language: "javascript" | "python" | "any" | "docker" | "github-actions" | "templates";
            title: string;
            category: components["schemas"]["Category"];
            severity: components["schemas"]["Severity"];
            cwe: string[];
            owasp: string[];
            description: string;
            why: string;
            fix: string;
            noncompliant: string | null;
            compliant: string | null;
            helpUri: string;
        };
        RuleFacet: {
            ruleId: string;
            tool: string;
            count: number;
        };
        RuleFindings: {
            items: {
                id: string;
                runId: string;
                path: string;
                startLine: number;
                /** @enum {string} */
                severity: "critical" | "high" | "medium" | "low" | "info";
                message: string;
                /** Format: date-time */
                firstSeenAt: string;
            }[];
        };
        RuleGroup: {
            ruleId: string;
            tool: string;
            /** @enum {string} */
            category: "security" | "bug" | "performance" | "maintainability" | "style";
            /** @enum {string} */
            severity: "critical" | "high" | "medium" | "low" | "info";
            count: number;
            repositories: number;
            files: number;
            message: string;
            sampleFindingId: string;
        };
        /** @description Open findings of each repository’s latest default-branch run, grouped by rule */
        RuleGroupsPage: {
            items: components["schemas"]["RuleGroup"][];
            total: number;
            page: number;
            pageSize: number;
        };
        RulesPage: {
            items: components["schemas"]["RuleDoc"][];
            total: number;
            page: number;
            pageSize: number;
        };
        Run: {
            id: string;
            workspaceId: string;
            repositoryId: string;
            repositoryName: string;
            workflowId: string;
            trigger: components["schemas"]["RunTrigger"];
            ref: string | null;
            commitSha: string | null;
            baseSha: string | null;
            pullRequestNumber: number | null;
            status: components["schemas"]["RunStatus"];
            progress: components["schemas"]["RunProgress"];
            summary: components["schemas"]["RunSummary"] | null;
            gate: components["schemas"]["Gate"] | null;
            configErrors: components["schemas"]["ConfigError"][];
            isBaseline: boolean;
            comparedToRunId: string | null;
            /**
             * @description incremental: only the files a pull request changed (and their importers) were analyzed; the other findings were carried from carriedFromRunId.
             * @enum {string|null}
             */
            analysisMode: "full" | "incremental" | null;
            filesAnalyzed: number | null;
            filesChanged: number | null;
            carriedFromRunId: string | null;
            error: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            startedAt: string | null;
            /** Format: date-time */
            finishedAt: string | null;
        };
        RunPage: {
            items: components["schemas"]["Run"][];
            total: number;
            page: number;
            pageSize: number;
        };
        RunProgress: {
            /** @description waiting, cloning, analyzing, reporting, done, failed or cancelled */
            phase?: string;
            filesDone?: number;
            filesTotal?: number;
            detail?: string;
            /** @description Files per language */
            languages?: {
                [key: string]: number;
            };
            /** @description How many files discovery skipped (vendored, generated, binary, too large) */
            skipped?: number;
        };
        RunStats: {
            range: components["schemas"]["AnalyticsRange"];
            summary: {
                totalRuns: number;
                completed: number;
                failed: number;
                cancelled: number;
                skipped: number;
                /** @description Completed runs per finished run (completed, failed, cancelled), 0–100 */
                successRate: number;
                /** @description Open findings reported by the window’s completed runs */
                totalIssues: number;
                averageIssuesPerRun: number;
                newIssues: number;
                fixedIssues: number;
                averageRunSeconds: number | null;
            };
            dailyBreakdown: {
                day: string;
                runs: number;
                completed: number;
                failed: number;
                cancelled: number;
                skipped: number;
                issues: number;
                newIssues: number;
                fixedIssues: number;
            }[];
        };
        /** @enum {string} */
        RunStatus: "queued" | "running" | "completed" | "failed" | "cancelled" | "skipped";
        /** @description Open findings of production code count toward bySeverity, byCategory and new; suppressed, triaged and non-production ones do not. */
        RunSummary: {
            total: number;
            open: number;
            new: number;
            suppressed: number;
            triaged: number;
            bySeverity: {
                critical: number;
                high: number;
                medium: number;
                low: number;
                info: number;
            };
            byCategory: {
                security: number;
                bug: number;
                performance: number;
                maintainability: number;
                style: number;
            };
            newBySeverity: {
                critical: number;
                high: number;
                medium: number;
                low: number;
                info: number;
            };
            /** @description Findings in test, example, docs and fixture files: listed under their own filter, counted nowhere else */
            outsideProduction?: number;
            /** @description New open secrets in production code (the gate’s secrets limit) */
            newSecrets?: number;
        };
        /** @enum {string} */
        RunTrigger: "push" | "pull_request" | "manual" | "schedule";
        SarifImportResult: {
            imported: number;
            duplicates: number;
            /** @description Results without a location or rule id */
            skipped: number;
        };
        SavedSearch: {
            id: string;
            name: string;
            q: string;
            scope: string;
            filters: components["schemas"]["SavedSearchFilters"];
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        SavedSearchFilters: {
            status?: string;
            /** Format: uuid */
            owner_id?: string;
            date_from?: string;
            date_to?: string;
            severity?: string;
            category?: string;
            /** Format: uuid */
            repository_id?: string;
        };
        SearchGroups: {
            q: string;
            total: number;
            groups: {
                type: components["schemas"]["SearchResultType"];
                total: number;
                items: components["schemas"]["SearchHit"][];
            }[];
            /** @description A close term of the workspace when nothing matched */
            didYouMean: string | null;
            /**
             * @description Which backend answered (Typesense falls back to Postgres when unreachable)
             * @enum {string}
             */
            backend: "postgres" | "typesense";
        };
        SearchHistory: {
            items: {
                query: string;
                times: number;
                /** Format: date-time */
                lastSearchedAt: string;
            }[];
        };
        SearchHit: {
            type: components["schemas"]["SearchResultType"];
            id: string;
            title: string;
            subtitle: string;
            /** @description A short excerpt (the finding message, the run error, the fix explanation …) */
            body: string;
            /** @description Where the portal shows it */
            url: string;
            repositoryId: string | null;
            repositoryName: string | null;
            runId: string | null;
            status: string | null;
            severity: string | null;
            category: string | null;
            /** Format: date-time */
            createdAt: string;
            /** @description Findings: one hit per finding (repository and fingerprint), its latest run’s occurrence; this counts the matching runs it appears in. Null for other types. */
            runCount: number | null;
            highlights: {
                title: components["schemas"]["SearchSegment"][];
                body: components["schemas"]["SearchSegment"][];
            };
        };
        SearchIndexState: {
            /** @enum {string} */
            backend: "postgres" | "typesense";
            outboxEnabled: boolean;
            pending: number;
            /** Format: date-time */
            lastReindexStartedAt: string | null;
            /** Format: date-time */
            lastReindexFinishedAt: string | null;
            lastReindexDocuments: number | null;
        };
        SearchPage: {
            items: components["schemas"]["SearchHit"][];
            total: number;
            limit: number;
            offset: number;
            /**
             * @description Which backend answered (Typesense falls back to Postgres when unreachable)
             * @enum {string}
             */
            backend: "postgres" | "typesense";
        };
        /** @enum {string} */
        SearchResultType: "repository" | "run" | "finding" | "fix" | "member" | "team" | "ticket";
        SearchSegment: {
            text: string;
            match: boolean;
        };
        SearchSuggestions: {
            items: {
                text: string;
                /** @enum {string} */
                kind: "repository" | "rule" | "recent";
            }[];
        };
        SetupIntent: {
            setupIntentId: string;
            clientSecret: string;
            publishableKey: string | null;
        };
        /**
         * @description Most severe first.
         * @enum {string}
         */
        Severity: "critical" | "high" | "medium" | "low" | "info";
        StaffSearchHit: {
            /** @enum {string} */
            type: "user" | "workspace" | "subscription" | "invoice" | "ticket";
            id: string;
            title: string;
            subtitle: string;
            /** @description Where the console shows it */
            url: string;
            /** Format: date-time */
            createdAt: string;
            highlights: {
                title: components["schemas"]["SearchSegment"][];
                subtitle: components["schemas"]["SearchSegment"][];
            };
        };
        StaffSearchResult: {
            groups: {
                /** @enum {string} */
                type: "user" | "workspace" | "subscription" | "invoice" | "ticket";
                total: number;
                items: components["schemas"]["StaffSearchHit"][];
            }[];
        };
        StripeWebhookAck: {
            /** @enum {boolean} */
            received: true;
            duplicate: boolean;
            outcome: string;
        };
        Subscription: {
            id: string;
            workspaceId: string;
            status: components["schemas"]["SubscriptionStatus"];
            tier: components["schemas"]["Tier"];
            /** @description A downgrade that takes effect at the end of the period */
            pendingTier: components["schemas"]["Tier"] | null;
            /** Format: date-time */
            currentPeriodStart: string;
            /** Format: date-time */
            currentPeriodEnd: string;
            /**
             * Format: date-time
             * @description Null when the subscription ends at the period end
             */
            renewsAt: string | null;
            /** Format: date-time */
            trialEnd: string | null;
            cancelAtPeriodEnd: boolean;
            /** Format: date-time */
            cancelledAt: string | null;
            /** Format: date-time */
            pastDueSince: string | null;
            /** @description Every dunning retry failed: no new analyses until an invoice is paid */
            restricted: boolean;
            billingEmail: string | null;
            billingCountry: string | null;
            /**
             * @description manual: no Stripe keys; invoices are marked paid by a billing admin
             * @enum {string}
             */
            mode: "stripe" | "manual";
            dunning: {
                attempt: number;
                /** Format: date-time */
                nextAttemptAt: string | null;
            } | null;
            /** @description Whether the caller may change the plan (workspace admins) */
            canManage: boolean;
        };
        SubscriptionChange: {
            /** @enum {string} */
            effective: "now" | "period_end";
            prorationCents: number;
            message: string;
            invoiceId: string | null;
            subscription: components["schemas"]["Subscription"];
        };
        /** @enum {string} */
        SubscriptionStatus: "trial" | "active" | "past_due" | "cancelled";
        SupportTicket: {
            id: string;
            number: number;
            workspaceId: string;
            workspaceName: string;
            subject: string;
            description: string;
            priority: components["schemas"]["TicketPriority"];
            status: components["schemas"]["TicketStatus"];
            runId: string | null;
            findingId: string | null;
            openedBy: {
                id: string;
                name: string;
                email: string;
            } | null;
            messageCount: number;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            /** Format: date-time */
            lastMessageAt: string | null;
            /** Format: date-time */
            firstResponseAt: string | null;
            /** Format: date-time */
            resolvedAt: string | null;
            /** Format: date-time */
            closedAt: string | null;
            sla: components["schemas"]["TicketSla"];
        };
        SupportTicketDetail: {
            ticket: components["schemas"]["SupportTicket"];
            messages: components["schemas"]["TicketMessage"][];
        };
        SupportTicketPage: {
            items: components["schemas"]["SupportTicket"][];
            total: number;
            page: number;
            pageSize: number;
        };
        TicketMessage: {
            id: string;
            ticketId: string;
            senderId: string | null;
            senderName: string | null;
            /** @enum {string} */
            senderKind: "customer" | "staff";
            internal: boolean;
            content: string;
            /** Format: date-time */
            createdAt: string;
        };
        /** @enum {string} */
        TicketPriority: "low" | "medium" | "high" | "critical";
        TicketSla: {
            /** @description First-response target for the priority */
            targetMinutes: number;
            /** @description Minutes since the ticket was opened, until it was resolved or closed */
            ageMinutes: number;
            firstResponseMinutes: number | null;
            /** @description The first staff reply came (or is still missing) after the target */
            breached: boolean;
        };
        /** @enum {string} */
        TicketStatus: "open" | "in_progress" | "resolved" | "closed";
        Tier: {
            id: string;
            /** @description free, professional, enterprise (or a tier a billing admin added) */
            name: string;
            displayName: string;
            description: string;
            monthlyPriceCents: number;
            /** @description Per analysis over the allowance, on tiers that allow overage */
            overagePriceCents: number;
            overageAllowed: boolean;
            includesPrioritySupport: boolean;
            includesAdvancedAnalytics: boolean;
            limits: {
                analysesPerMonth: number | null;
                aiFixesPerMonth: number | null;
                seats: number | null;
                repositories: number | null;
                storageGb: number | null;
                concurrentRuns: number | null;
                apiRequestsPerMinute: number;
            };
        };
        TierList: {
            items: components["schemas"]["Tier"][];
        };
        TopIssues: {
            range: components["schemas"]["AnalyticsRange"];
            items: components["schemas"]["RuleGroup"][];
        };
        /** @enum {string} */
        TriageStatus: "open" | "false_positive" | "wont_fix" | "accepted";
        Usage: {
            workspaceId: string;
            /** Format: date-time */
            periodStart: string;
            /** Format: date-time */
            periodEnd: string;
            meters: components["schemas"]["UsageMeter"][];
            /** @description Analyses over the allowance so far this period, and what they add to the next invoice */
            overage: {
                analyses: number;
                estimatedCents: number;
            };
        };
        UsageMeter: {
            /** @enum {string} */
            metric: "analyses" | "ai_fixes" | "seats" | "repositories" | "concurrent_runs";
            label: string;
            used: number;
            limit: number | null;
            /** @description used / limit × 100, null when unlimited */
            percent: number | null;
            /**
             * @description warning from 80 %, exceeded at 100 %
             * @enum {string}
             */
            level: "ok" | "warning" | "exceeded";
        };
        WorkspaceGitHub: {
            app: components["schemas"]["GitHubAppStatus"];
            installations: components["schemas"]["GitHubInstallation"][];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
