import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { AppException, ErrorCode, flattenValidationErrors, isDatabaseUnavailable } from '@haven/platform';
import { LoginDto } from '../auth/auth.dto';

/**
 * passport-local for the login route. Guards run before pipes, so the body is
 * validated here first: a malformed body is a 400, not a failed sign-in.
 */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const body: unknown = context.switchToHttp().getRequest<{ body?: unknown }>().body ?? {};
    // Anything but a JSON object (an array, a string) is validated as an empty body: 400 naming the fields.
    const dto = plainToInstance(LoginDto, typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {});
    const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length) throw AppException.validation(flattenValidationErrors(errors));
    return (await super.canActivate(context)) as boolean;
  }

  override handleRequest<T>(err: unknown, user: T): T {
    // The database busy or gone is not a wrong password: the filter answers 503.
    if (err instanceof AppException || isDatabaseUnavailable(err)) throw err;
    if (err || !user) throw new AppException(ErrorCode.InvalidCredentials, 'Wrong username or password');
    return user;
  }
}
