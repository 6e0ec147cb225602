import type { ErrorCode } from '@scx/core';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Exhaustive: adding a code to core's ERROR_CODES fails typechecking here until it has a status. */
export const STATUS_OF: Record<ErrorCode, ContentfulStatusCode> = {
  VALIDATION_FAILED: 422,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  ILLEGAL_TRANSITION: 409,
  PRECONDITION_FAILED: 412,
  PRECONDITION_REQUIRED: 428,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  DEADLINE_PASSED: 409,
  IDEMPOTENCY_CONFLICT: 409,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
};

const TITLE_OF: Record<ErrorCode, string> = {
  VALIDATION_FAILED: 'The request has invalid fields',
  BAD_REQUEST: 'The request cannot be read',
  UNAUTHENTICATED: 'Sign-in required',
  FORBIDDEN: 'Not allowed',
  NOT_FOUND: 'Not found',
  CONFLICT: 'Conflict with the current state',
  ILLEGAL_TRANSITION: 'That action is not allowed in the current state',
  PRECONDITION_FAILED: 'The resource has changed since you read it',
  PRECONDITION_REQUIRED: 'An If-Match header is required',
  PAYLOAD_TOO_LARGE: 'The request body is too large',
  UNSUPPORTED_MEDIA_TYPE: 'Unsupported content type',
  RATE_LIMITED: 'Too many requests',
  DEADLINE_PASSED: 'The deadline has passed',
  IDEMPOTENCY_CONFLICT: 'The Idempotency-Key was used for a different request',
  INTERNAL: 'Internal error',
  SERVICE_UNAVAILABLE: 'Service unavailable',
};

export interface FieldError {
  /** Where the bad value is, e.g. `query.limit` or `body.admin.email`. */
  path: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  requestId: string;
  errors?: FieldError[];
}

/** The one error type routes throw; `onError` turns it into application/problem+json. */
export class ApiError extends Error {
  readonly status: ContentfulStatusCode;
  constructor(
    readonly code: ErrorCode,
    detail: string,
    readonly errors?: FieldError[],
    readonly headers?: Record<string, string>,
  ) {
    super(detail);
    this.name = 'ApiError';
    this.status = STATUS_OF[code];
  }
}

export function toProblem(e: ApiError, requestId: string): Problem {
  return {
    type: `https://scenario-exchange.dev/problems/${e.code.toLowerCase().replaceAll('_', '-')}`,
    title: TITLE_OF[e.code],
    status: e.status,
    detail: e.message,
    code: e.code,
    requestId,
    ...(e.errors?.length ? { errors: e.errors } : {}),
  };
}
