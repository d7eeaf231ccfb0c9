import { isIP } from 'node:net';

/** A comma-separated variable as its non-empty, trimmed entries. */
export const toList = ({ value }: { value: unknown }): string[] | undefined =>
  value === undefined
    ? undefined
    : String(value)
        .split(',')
        .map((entry) => entry.trim())
        .filter((entry) => entry !== '');

/** An IPv4 or IPv6 address, optionally with a prefix length (CIDR) that fits its family. */
export function isIpOrCidr(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const [address, prefix, ...rest] = value.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}
