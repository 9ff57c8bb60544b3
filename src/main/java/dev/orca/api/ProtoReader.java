package dev.orca.api;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Protobuf's wire format over a slice of a request body. Every read checks its bounds and throws
 * {@link IllegalStateException} for a body that is cut short or otherwise malformed.
 */
final class ProtoReader {
  static final int VARINT = 0;
  static final int FIXED64 = 1;
  static final int LENGTH_DELIMITED = 2;
  static final int FIXED32 = 5;

  private final byte[] buf;
  private int pos;
  private final int end;

  ProtoReader(byte[] buf, int pos, int end) {
    this.buf = buf;
    this.pos = pos;
    this.end = end;
  }

  boolean more() {
    return pos < end;
  }

  int tag() {
    return (int) varint();
  }

  long varint() {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos >= end) {
        throw new IllegalStateException("truncated varint");
      }
      byte b = buf[pos++];
      value |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw new IllegalStateException("varint too long");
  }

  private int length() {
    long length = varint();
    if (length < 0 || length > end - pos) {
      throw new IllegalStateException("length past the end");
    }
    return (int) length;
  }

  ProtoReader message() {
    int length = length();
    ProtoReader inner = new ProtoReader(buf, pos, pos + length);
    pos += length;
    return inner;
  }

  byte[] bytes() {
    int length = length();
    byte[] out = Arrays.copyOfRange(buf, pos, pos + length);
    pos += length;
    return out;
  }

  String string() {
    return new String(bytes(), StandardCharsets.UTF_8);
  }

  /** Passes over a field this does not read, whatever its wire type. */
  void skip(int tag) {
    switch (tag & 7) {
      case VARINT -> varint();
      case FIXED64 -> advance(8);
      case LENGTH_DELIMITED -> advance(length());
      case FIXED32 -> advance(4);
      default -> throw new IllegalStateException("unsupported wire type " + (tag & 7));
    }
  }

  private void advance(int n) {
    if (n > end - pos) {
      throw new IllegalStateException("field past the end");
    }
    pos += n;
  }
}
