/** The keys of what safeError returns, all strings: so that describing a description changes nothing. */
const DESCRIPTION_KEYS = new Set(['type', 'constructor', 'message', 'stack', 'code', 'constraint', 'table']);

/** Longest message kept from a thrown value that is not an Error (its origin is unknown). */
const MAX_VALUE_MESSAGE = 300;

/** Fields that only a database driver's error carries; their message can quote the values. */
const DRIVER_FIELDS = ['driverError', 'query', 'parameters', 'detail', 'where', 'routine'];

interface DriverErrorFields {
  code?: string;
  constraint?: string;
  table?: string;
}

/** node-postgres's DatabaseError: what the server answered, with the values in its message and detail. */
function isDriverError(error: Error): boolean {
  return 'severity' in error && 'routine' in error;
}

/**
 * pino-http runs its own error serializer before ours: what reaches us is then a copy of the error
 * (every field, the query's parameters included) whose original is behind the inherited `raw`.
 */
function pinoOriginal(value: object): unknown {
  return 'raw' in value && !Object.prototype.hasOwnProperty.call(value, 'raw') ? (value as { raw: unknown }).raw : undefined;
}

/**
 * Already a description: the exception filter describes what it logs, and the logger's `err`
 * serializer (this same function) then runs on that description.
 */
function isDescription(value: object): boolean {
  if (Object.getPrototypeOf(value) !== Object.prototype || typeof (value as { type?: unknown }).type !== 'string') return false;
  return Object.entries(value).every(([key, v]) => DESCRIPTION_KEYS.has(key) && (v === undefined || typeof v === 'string'));
}

/**
 * A thrown value that is not an Error (a plain object, a string, a library's own shape): its type,
 * constructor and, if it has one, its string `message` and `code`. A driver-like object gets its
 * code only, as a driver error does; nothing else of it (a string, its other fields) is kept.
 */
function describeValue(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return { type: value === null ? 'null' : typeof value };
  const { message, code } = value as { message?: unknown; code?: unknown };
  const driverLike = DRIVER_FIELDS.some((f) => f in value);
  const constructorName = Object.getPrototypeOf(value)?.constructor?.name;
  return {
    type: 'object',
    ...(typeof constructorName === 'string' && constructorName && { constructor: constructorName }),
    ...(typeof message === 'string' && {
      message: driverLike ? `database error ${typeof code === 'string' ? code : ''}` : message.slice(0, MAX_VALUE_MESSAGE),
    }),
    ...(typeof code === 'string' && { code }),
  };
}

/**
 * What of an unknown error may be logged: its type, message and stack, and a
 * database error's code and constraint. Never a failed query's parameters or
 * the server's `detail`, which echo the values (names, dates of birth).
 */
export function safeError(exception: unknown): Record<string, unknown> {
  if (!(exception instanceof Error)) {
    if (typeof exception !== 'object' || exception === null) return describeValue(exception);
    const original = pinoOriginal(exception);
    if (typeof original === 'object' && original !== null && original !== exception) return safeError(original);
    return isDescription(exception) ? { ...exception } : describeValue(exception);
  }
  // TypeORM wraps the server's answer (driverError); a query on a bare pg client throws it as is.
  const driver = (exception as { driverError?: DriverErrorFields }).driverError ?? (isDriverError(exception) ? (exception as DriverErrorFields) : undefined);
  return {
    type: exception.name,
    message: driver ? `database error ${driver.code ?? ''}` : exception.message,
    stack: exception.stack
      ?.split('\n')
      .slice(driver ? 1 : 0)
      .join('\n'),
    ...(driver && { code: driver.code, constraint: driver.constraint, table: driver.table }),
  };
}
