/**
 * What of an unknown error may be logged: its type, message and stack, and a
 * database error's code and constraint. Never a failed query's parameters or
 * the server's `detail`, which echo the values (names, dates of birth).
 */
export function safeError(exception: unknown): Record<string, unknown> {
  if (!(exception instanceof Error)) return { type: typeof exception };
  const driver = (exception as { driverError?: { code?: string; constraint?: string; table?: string } }).driverError;
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
