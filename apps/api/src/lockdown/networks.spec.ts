import { describe, expect, it } from 'vitest';
import { addressAllowed, normaliseNetwork } from './networks';

describe('normaliseNetwork', () => {
  it('clears host bits and keeps the prefix', () => {
    expect(normaliseNetwork('10.1.2.3/16')).toBe('10.1.0.0/16');
    expect(normaliseNetwork(' 192.0.2.0/24 ')).toBe('192.0.2.0/24');
    expect(normaliseNetwork('2001:db8:0:0:1::/32')).toBe('2001:db8::/32');
    expect(normaliseNetwork('2001:db8::1/127')).toBe('2001:db8::/127');
  });

  it('makes a bare address its own range', () => {
    expect(normaliseNetwork('203.0.113.7')).toBe('203.0.113.7/32');
    expect(normaliseNetwork('::1')).toBe('::1/128');
  });

  it('reads an IPv4-mapped IPv6 range as the IPv4 range', () => {
    expect(normaliseNetwork('::ffff:10.0.0.0/104')).toBe('10.0.0.0/8');
  });

  it('refuses what is not a range', () => {
    for (const bad of ['', 'lab', '10.0.0.0/33', '10.0.0/8', '2001:db8::/129', '10.0.0.0/', '300.1.1.1']) {
      expect(normaliseNetwork(bad), bad).toBeNull();
    }
  });
});

describe('addressAllowed', () => {
  const lab = ['10.1.0.0/16', '2001:db8::/32'];

  it('admits addresses inside a range, IPv4 and IPv6', () => {
    expect(addressAllowed('10.1.200.3', lab)).toBe(true);
    expect(addressAllowed('2001:db8:ffff::9', lab)).toBe(true);
  });

  it('admits an IPv4 client of a dual-stack server (IPv4-mapped IPv6)', () => {
    expect(addressAllowed('::ffff:10.1.0.9', lab)).toBe(true);
  });

  it('refuses addresses outside every range, and no address at all', () => {
    expect(addressAllowed('10.2.0.1', lab)).toBe(false);
    expect(addressAllowed('2001:db9::1', lab)).toBe(false);
    expect(addressAllowed('::ffff:10.2.0.1', lab)).toBe(false);
    expect(addressAllowed(null, lab)).toBe(false);
    expect(addressAllowed('unknown', lab)).toBe(false);
    expect(addressAllowed('10.1.0.1', [])).toBe(false);
  });
});
