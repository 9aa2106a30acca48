import { randomUUID } from 'node:crypto';
import { ValidationError as ObjectionValidationError, NotFoundError as ObjectionNotFoundError, DBError, DataError, UniqueViolationError, ForeignKeyViolationError, CheckViolationError, NotNullViolationError } from 'objection';
import { WorkflowNotFoundError, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { ZodError } from 'zod';
import { wrapError } from 'db-errors';
import { fieldLabel } from './zod-messages';

/** The one error hierarchy. Each class carries its HTTP status; `toProblem` is the one place that maps errors. */
export class AppError extends Error {
  readonly status: number = 500;
  readonly title: string = 'Internal Server Error';
  constructor(
    readonly detail?: string,
    readonly extras: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(detail, options);
    this.name = new.target.name;
  }
}
export class BadRequestError extends AppError { override status = 400; override title = 'Bad Request'; }
export class RequestValidationError extends AppError {
  override status = 400;
  override title = 'Invalid request';
  constructor(readonly errors: { path: string; message: string }[]) {
    super(errors.map((e) => `${fieldLabel(e.path)} ${e.message}`).join('; ') + '.');
  }
}
export class UnauthorizedError extends AppError { override status = 401; override title = 'Unauthorized'; }
/** The plan does not cover it (a quota is used up); extras carry the limit, the usage and an upgrade hint. */
export class PaymentRequiredError extends AppError { override status = 402; override title = 'Payment Required'; }
export class ForbiddenError extends AppError { override status = 403; override title = 'Forbidden'; }
export class NotFoundError extends AppError { override status = 404; override title = 'Not Found'; }
export class ConflictError extends AppError { override status = 409; override title = 'Conflict'; }
export class GoneError extends AppError { override status = 410; override title = 'Gone'; }
export class TooManyRequestsError extends AppError {
  override status = 429;
  override title = 'Too Many Requests';
  constructor(detail: string, readonly retryAfterSeconds: number) {
    super(detail);
  }
}
/** An upstream service Argus depends on for this request (GitHub, say) failed or did not answer. */
export class BadGatewayError extends AppError { override status = 502; override title = 'Bad Gateway'; }
export class ServiceUnavailableError extends AppError { override status = 503; override title = 'Service Unavailable'; }
/** Maintenance mode refuses a write on purpose: expected, so neither logged as a failure nor sent to Sentry. */
export class MaintenanceModeError extends AppError {
  override status = 503;
  override title = 'Service Unavailable';
  constructor(detail: string, readonly retryAfterSeconds: number, extras: Record<string, unknown> = {}) {
    super(detail, extras);
  }
}

export function zodIssuesToErrors(error: ZodError, prefix: string): { path: string; message: string }[] {
  return error.issues.map((i) => ({ path: [prefix, ...i.path.map(String)].filter(Boolean).join('.'), message: i.message }));
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errorId: string;
  errors?: { path: string; message: string }[];
  [key: string]: unknown;
}

/** Sentry event ids are 32 hex characters; using the same shape lets the error id be the event id. */
export function newErrorId(): string {
  return randomUUID().replace(/-/g, '');
}

/** Maps any thrown value to problem+json. Unknown errors never leak their message, stack or SQL. */
export function toProblem(err: unknown, instance: string, errorId = newErrorId()): Problem {
  const base = (status: number, title: string, detail?: string): Problem => ({
    type: status >= 500 ? 'about:blank' : `https://argus.dev/problems/${title.toLowerCase().replace(/\s+/g, '-')}`,
    title,
    status,
    ...(detail ? { detail } : {}),
    instance,
    errorId,
  });

  if (err instanceof RequestValidationError) return { ...base(400, err.title, err.detail), errors: err.errors };
  if (err instanceof AppError) return { ...base(err.status, err.title, err.detail), ...err.extras };

  // Express decodes path parameters; `%ZZ` makes decodeURIComponent throw.
  if (err instanceof URIError) return base(400, 'Bad Request', 'The address contains malformed percent-encoding (a % must be followed by two hexadecimal digits).');
  // Body-parser and friends attach an HTTP status to their errors.
  const httpish = err as { status?: number; statusCode?: number; type?: string; expose?: boolean };
  const status = httpish?.status ?? httpish?.statusCode;
  if (status === 413) return base(413, 'Payload Too Large', 'The request body is too large.');
  if (httpish?.type === 'entity.parse.failed') return base(400, 'Bad Request', 'The request body is not valid JSON.');
  if (status && status >= 400 && status < 500 && httpish.expose) return base(status, 'Bad Request', 'The request could not be read.');

  // Plain knex queries throw raw driver errors; db-errors gives them the same classes Objection uses.
  if ((err as { code?: unknown })?.code && typeof (err as { code?: unknown }).code === 'string' && (err as Error).constructor?.name === 'DatabaseError') err = wrapError(err as Error);
  if (err instanceof ObjectionValidationError) return base(400, 'Invalid request', 'The data failed validation.');
  if (err instanceof ObjectionNotFoundError) return base(404, 'Not Found', 'The resource does not exist.');
  // Never name a table or column to the caller.
  if (err instanceof UniqueViolationError) return base(409, 'Conflict', 'Something with the same name or key already exists.');
  if (err instanceof ForeignKeyViolationError) return base(409, 'Conflict', 'The change refers to, or is referred to by, another record.');
  if (err instanceof CheckViolationError || err instanceof NotNullViolationError) return base(400, 'Invalid request', 'A value is out of its allowed range.');
  // A safety net behind the zod schemas (which bound every value): Postgres refusing a value is the input's fault.
  if (err instanceof DataError) return base(400, 'Invalid request', 'A value in the request is not valid: too long, out of range or malformed.');
  if (err instanceof DBError) return base(500, 'Internal Server Error');

  if (err instanceof WorkflowNotFoundError) return base(404, 'Not Found', 'The workflow does not exist.');
  if (err instanceof WorkflowExecutionAlreadyStartedError) return base(409, 'Conflict', 'That workflow is already running.');

  return base(500, 'Internal Server Error', 'Something went wrong on our side. Quote the error id when you contact support.');
}
