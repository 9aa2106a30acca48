import { ApiError } from '../api/client';

export function describeError(error: unknown): { message: string; errorId?: string; status?: number } {
  if (error instanceof ApiError) {
    return { message: error.message, errorId: error.errorId, status: error.status };
  }
  if (error instanceof Error) return { message: error.message };
  return { message: 'Something unexpected happened.' };
}

/** The message the API attached to one form field, if the error is a problem+json with errors[]. */
export function fieldError(error: unknown, path: string): string | undefined {
  return error instanceof ApiError ? error.fieldError(path) : undefined;
}
