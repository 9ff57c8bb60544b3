package dev.orca.node.network;

/**
 * An IPv4 range such as {@code 10.213.0.0/16}: its addresses by index, membership, overlap.
 *
 * @param base the first address of the range as an unsigned 32-bit number
 * @param prefix the prefix length, 0–32
 */
public record Cidr(long base, int prefix) {

  public Cidr {
    if (prefix < 0 || prefix > 32) {
      throw new IllegalArgumentException("prefix length " + prefix + " is not between 0 and 32");
    }
    base = base & mask(prefix);
  }

  /** Parses {@code a.b.c.d/n}; a bare address is a /32. */
  public static Cidr parse(String text) {
    String s = text.trim();
    int slash = s.indexOf('/');
    int prefix;
    try {
      prefix = slash < 0 ? 32 : Integer.parseInt(s.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not an IPv4 CIDR: " + text);
    }
    return new Cidr(address(slash < 0 ? s : s.substring(0, slash)), prefix);
  }

  /** An IPv4 address as an unsigned 32-bit number. */
  public static long address(String text) {
    String[] parts = text.trim().split("\\.", -1);
    if (parts.length != 4) {
      throw new IllegalArgumentException("not an IPv4 address: " + text);
    }
    long value = 0;
    for (String part : parts) {
      int octet;
      try {
        octet = Integer.parseInt(part);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("not an IPv4 address: " + text);
      }
      if (octet < 0 || octet > 255 || part.isEmpty() || part.length() > 3) {
        throw new IllegalArgumentException("not an IPv4 address: " + text);
      }
      value = (value << 8) | octet;
    }
    return value;
  }

  public static String format(long address) {
    return ((address >> 24) & 0xff) + "." + ((address >> 16) & 0xff) + "." + ((address >> 8) & 0xff) + "." + (address & 0xff);
  }

  /** How many addresses the range holds. */
  public long size() {
    return 1L << (32 - prefix);
  }

  /** The range's n-th address (0 is the network address). */
  public String at(long n) {
    if (n < 0 || n >= size()) {
      throw new IllegalArgumentException(n + " is outside " + this);
    }
    return format(base + n);
  }

  /** The index of an address of the range, or -1 when it lies outside. */
  public long indexOf(String address) {
    long a = address(address);
    return contains(a) ? a - base : -1;
  }

  public boolean contains(long address) {
    return (address & mask(prefix)) == base;
  }

  public boolean contains(String address) {
    return contains(address(address));
  }

  public boolean overlaps(Cidr other) {
    int shorter = Math.min(prefix, other.prefix);
    return (base & mask(shorter)) == (other.base & mask(shorter));
  }

  private static long mask(int prefix) {
    return prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
  }

  @Override
  public String toString() {
    return format(base) + "/" + prefix;
  }
}
