import { ErrorCode } from './error-codes';

export interface ErrorDetail {
  field?: string;
  message: string;
  [key: string]: unknown;
}

/**
 * A failure the caller can act on. Services throw these; the exception filter
 * maps the code to an HTTP status. Messages must never contain a child's
 * name or identifiers: they reach logs and clients.
 */
export class AppException extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
    /** Extra response headers, e.g. Retry-After for a lockout. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'AppException';
  }

  static notFound(what = 'Resource'): AppException {
    return new AppException(ErrorCode.NotFound, `${what} not found`);
  }

  static forbidden(message = 'Your role may not do this'): AppException {
    return new AppException(ErrorCode.Forbidden, message);
  }

  static validation(details: ErrorDetail[], message = 'The request is not valid'): AppException {
    return new AppException(ErrorCode.ValidationFailed, message, details);
  }

  static versionConflict(current: number): AppException {
    return new AppException(ErrorCode.VersionConflict, 'The record was changed by someone else; reload it and try again', [
      { field: 'version', message: `current version is ${current}`, currentVersion: current },
    ]);
  }
}
