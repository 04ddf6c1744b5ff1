// One typed error for the whole app. Services throw it; routes, the JSON API and socket handlers
// translate it (HTTP status from the code, message in the user's language).
export const errorStatus = {
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid_transition: 409,
  frozen: 409,
  payment_unavailable: 409,
  payload_too_large: 413,
  locked: 423,
  rate_limited: 429,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof errorStatus;

/** Field name → message (or message key) for validation errors. */
export type FieldErrors = Record<string, string>;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;
  constructor(code: ErrorCode, message?: string, details?: Record<string, unknown>) {
    super(message ?? code);
    this.name = "AppError";
    this.code = code;
    this.details = details;
  }
  get status(): number {
    return errorStatus[this.code];
  }
}

export function validationError(fields: FieldErrors, message = "Some fields are not valid"): AppError {
  return new AppError("validation_failed", message, { fields });
}

export function notFound(what = "Not found"): AppError {
  return new AppError("not_found", what);
}

export function forbidden(message = "You are not allowed to do this"): AppError {
  return new AppError("forbidden", message);
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
