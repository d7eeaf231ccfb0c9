import { ClassConstructor, plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { AppException } from './app.exception';
import { flattenValidationErrors } from './validation';

/**
 * Validates a plain object against a DTO class the way the global pipe does
 * (whitelist, forbid unknown fields), for bodies whose shape depends on their
 * content. Field paths in the 400 carry the given prefix.
 */
export async function validateObject<T extends object>(cls: ClassConstructor<T>, value: unknown, prefix: string): Promise<T> {
  const instance = plainToInstance(cls, value ?? {});
  const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length) throw AppException.validation(flattenValidationErrors(errors, prefix));
  return instance;
}
