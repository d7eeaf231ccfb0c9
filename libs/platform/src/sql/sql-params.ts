/**
 * A collector of a statement's parameters while its conditions are written: `add` stores a value
 * and answers the placeholder to put in the SQL. The one thing that differs between raw SQL
 * (`SqlParams`, positional `$n`) and TypeORM query builders (`NamedParams`, `:name`).
 */
export interface Params {
  add(value: unknown): string;
}

/** Positional parameters (`$1`, `$2`, …) for `pg` or `DataSource.query`. */
export class SqlParams implements Params {
  readonly values: unknown[] = [];

  /** `$n` for a new parameter. */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * Named parameters (`:<prefix>_0`, `:<prefix>_1`, …) for a TypeORM query builder: pass `values`
 * to `where`/`andWhere` with the condition. An array goes in as one parameter (TypeORM binds a
 * plain `:name` to one `$n`, and `pg` sends the array as a PostgreSQL array), so `= ANY(:name)`
 * reads the same as in raw SQL. Conditions put into one query builder need distinct prefixes.
 */
export class NamedParams implements Params {
  readonly values: Record<string, unknown> = {};
  private count = 0;

  constructor(private readonly prefix = 'scope') {}

  add(value: unknown): string {
    const name = `${this.prefix}_${this.count++}`;
    this.values[name] = value;
    return `:${name}`;
  }
}
