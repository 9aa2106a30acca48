import type { ErrorRequestHandler } from 'express';
import { captureError } from '@argus/activities';
import type { AppDeps } from '../app-deps';
import { MaintenanceModeError, TooManyRequestsError, newErrorId, toProblem } from './errors';

/** The one global error handler: report 5xx to Sentry and the system log, answer problem+json with an error id. */
export function createErrorHandler(deps: AppDeps): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const errorId = newErrorId();
    const problem = toProblem(err, req.originalUrl.split('?')[0]!, errorId);
    const log = req.log ?? deps.logger;
    if (problem.status >= 500 && !(err instanceof MaintenanceModeError)) {
      deps.metrics.errors.inc({ kind: 'api' });
      log.error({ err, errorId, route: req.route?.path }, 'request failed');
      captureError(err, { errorId, workspaceId: (req.params?.teamId as string | undefined) ?? null, route: req.route?.path ?? req.path, method: req.method, request_id: String(req.id ?? '') });
    } else {
      log.info({ errorId, status: problem.status, title: problem.title }, 'request rejected');
    }
    if (err instanceof TooManyRequestsError || err instanceof MaintenanceModeError) res.setHeader('Retry-After', String(err.retryAfterSeconds));
    if (res.headersSent) return;
    res.status(problem.status).type('application/problem+json').json(problem);
  };
}
