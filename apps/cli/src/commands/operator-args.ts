import { parseArgs } from 'node:util';

/** A command-line mistake: said plainly, with the usage, and exit status 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** `--name value` options of one command; unknown options and stray words are usage errors. */
export function parseOptions<K extends string>(
  argv: string[],
  strings: readonly K[],
  flags: readonly string[] = [],
): Partial<Record<K, string>> & Record<string, string | boolean | undefined> {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: Object.fromEntries([...strings.map((s) => [s, { type: 'string' as const }]), ...flags.map((f) => [f, { type: 'boolean' as const }])]),
      allowPositionals: true,
      strict: true,
    });
    if (positionals.length) throw new UsageError(`unexpected argument: ${positionals[0]}`);
    return values as Partial<Record<K, string>> & Record<string, string | boolean | undefined>;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError((e as Error).message);
  }
}
