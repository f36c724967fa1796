/** Minimal IPv4 CIDR arithmetic for validating the network configuration. */
export interface Ipv4Cidr {
  readonly network: number;
  readonly prefixLength: number;
  readonly first: number;
  readonly last: number;
}

const CIDR_PATTERN = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** Parses "a.b.c.d/n"; returns undefined when the text is not an IPv4 CIDR block whose host bits are zero. */
export function parseCidr(text: string): Ipv4Cidr | undefined {
  const match = CIDR_PATTERN.exec(text);
  if (!match) {
    return undefined;
  }
  const octets = match.slice(1, 5).map(Number);
  const prefixLength = Number(match[5]);
  if (octets.some((o) => o > 255) || prefixLength > 32) {
    return undefined;
  }
  const address = ((octets[0] << 24) >>> 0) + (octets[1] << 16) + (octets[2] << 8) + octets[3];
  const size = 2 ** (32 - prefixLength);
  if (address % size !== 0) {
    return undefined;
  }
  return { network: address, prefixLength, first: address, last: address + size - 1 };
}

/** True when `inner` lies entirely within `outer`. */
export function cidrContains(outer: Ipv4Cidr, inner: Ipv4Cidr): boolean {
  return inner.first >= outer.first && inner.last <= outer.last;
}

/** True when the two blocks share at least one address. */
export function cidrsOverlap(a: Ipv4Cidr, b: Ipv4Cidr): boolean {
  return a.first <= b.last && b.first <= a.last;
}
