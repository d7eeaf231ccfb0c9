import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ErrorResponseDto } from '@haven/platform';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input (VALIDATION_FAILED and others); details list each field at fault',
  401: 'Not signed in, or the token is invalid or expired',
  403: 'Signed in, but the role may not do this',
  404: 'Absent, or outside the caller’s scope',
  409: 'Stale version (VERSION_CONFLICT) or an illegal transition (TRANSITION_NOT_ALLOWED)',
  429: 'Rate limited or account locked (Retry-After says when to try again)',
};

/** Documents the error responses of a route, all in the one error shape. */
export const ApiErrors = (...statuses: number[]) =>
  applyDecorators(...statuses.map((status) => ApiResponse({ status, description: DESCRIPTIONS[status], type: ErrorResponseDto })));
