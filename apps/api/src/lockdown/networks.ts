import ipaddr from 'ipaddr.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/**
 * One range of an allow-list in its normal form: the network's address (host bits cleared) and its prefix, e.g.
 * `10.1.0.0/16`, `2001:db8::/32`; a bare address is its own /32 or /128. Null when it is not a range.
 */
export function normaliseNetwork(text: string): string | null {
  const value = text.trim();
  const host = value.split('/')[0];
  // Only the usual forms: ipaddr.js also reads `10.1` and `0x0a000001` as IPv4, which no one means in a list.
  if (!host.includes(':') && !ipaddr.IPv4.isValidFourPartDecimal(host)) return null;
  let address: Address;
  let prefix: number;
  try {
    if (value.includes('/')) [address, prefix] = ipaddr.parseCIDR(value);
    else {
      if (!ipaddr.isValid(value)) return null;
      address = ipaddr.parse(value);
      prefix = address.kind() === 'ipv4' ? 32 : 128;
    }
  } catch {
    return null;
  }
  // A range written as IPv4-mapped IPv6 is the IPv4 range it maps (addresses are compared as ipaddr.process gives).
  if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress() && prefix >= 96) {
    address = (address as ipaddr.IPv6).toIPv4Address();
    prefix -= 96;
  }
  const bytes = address.toByteArray();
  for (let bit = prefix; bit < bytes.length * 8; bit++) bytes[bit >> 3] &= ~(0x80 >> (bit & 7));
  return `${ipaddr.fromByteArray(bytes).toString()}/${prefix}`;
}

/** Whether an address (as Express's req.ip gives it: IPv4, IPv6 or IPv4-mapped IPv6) is in one of the ranges. */
export function addressAllowed(address: string | null | undefined, networks: readonly string[]): boolean {
  if (!address || !ipaddr.isValid(address)) return false;
  // An IPv4 client of a dual-stack server shows as ::ffff:a.b.c.d; process() makes it a.b.c.d again.
  const parsed = ipaddr.process(address);
  return networks.some((network) => {
    try {
      const range = ipaddr.parseCIDR(network);
      return range[0].kind() === parsed.kind() && parsed.match(range);
    } catch {
      return false;
    }
  });
}
