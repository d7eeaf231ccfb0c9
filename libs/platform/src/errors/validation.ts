import { ValidationError } from '@nestjs/common';
import { AppException, ErrorDetail } from './app.exception';

/** Flattens class-validator's nested errors into one detail per field path. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    for (const message of Object.values(error.constraints ?? {})) {
      // class-validator echoes the property path it was given; show the full path instead.
      out.push({ field, message: message.startsWith(`property ${error.property} `) ? `property ${field} should not exist` : message });
    }
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, field));
  }
  return out;
}

export function validationExceptionFactory(errors: ValidationError[]): AppException {
  return AppException.validation(flattenValidationErrors(errors));
}
