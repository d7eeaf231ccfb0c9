import { QueryFailedError } from 'typeorm';

/** PostgreSQL's SQLSTATE of a failed query (23505 unique, 23503 foreign key, 55P03 lock not available…), if it is one. */
export const pgCode = (e: unknown): string | undefined => (e instanceof QueryFailedError ? (e.driverError as { code?: string }).code : undefined);
