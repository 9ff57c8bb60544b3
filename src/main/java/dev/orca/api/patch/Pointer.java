package dev.orca.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A JSON Pointer (RFC 6901): {@code ""} is the whole document, {@code /a/b} names member b of member
 * a; {@code ~1} stands for {@code /} and {@code ~0} for {@code ~}; in an array a token is an index
 * without leading zeros, or {@code -} for the position past the last element.
 */
record Pointer(String text, List<String> tokens) {
  /** Parses {@code text}; a pointer that is not one is a patch that does not apply (422, as kube). */
  static Pointer parse(String text) {
    if (text.isEmpty()) {
      return new Pointer(text, List.of());
    }
    if (text.charAt(0) != '/') {
      throw PatchException.unprocessable("invalid JSON pointer \"" + text + "\": it must be empty or start with '/'");
    }
    List<String> tokens = new ArrayList<>();
    for (String raw : text.substring(1).split("/", -1)) {
      tokens.add(unescape(raw, text));
    }
    return new Pointer(text, Collections.unmodifiableList(tokens));
  }

  private static String unescape(String raw, String text) {
    if (raw.indexOf('~') < 0) {
      return raw;
    }
    StringBuilder token = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c != '~') {
        token.append(c);
        continue;
      }
      char next = i + 1 < raw.length() ? raw.charAt(i + 1) : 0;
      if (next == '0') {
        token.append('~');
      } else if (next == '1') {
        token.append('/');
      } else {
        throw PatchException.unprocessable("invalid JSON pointer \"" + text + "\": '~' must be followed by 0 or 1");
      }
      i++;
    }
    return token.toString();
  }

  boolean isRoot() {
    return tokens.isEmpty();
  }

  /** The pointer to the parent; not defined for the root. */
  List<String> parentTokens() {
    return tokens.subList(0, tokens.size() - 1);
  }

  String last() {
    return tokens.get(tokens.size() - 1);
  }

  /** Whether this pointer names a value strictly inside the one {@code other} names. */
  boolean isInside(Pointer other) {
    return tokens.size() > other.tokens.size() && tokens.subList(0, other.tokens.size()).equals(other.tokens);
  }

  /** The value {@code tokens} name in {@code doc}, or null when there is none. */
  static JsonNode resolve(JsonNode doc, List<String> tokens) {
    JsonNode node = doc;
    for (String token : tokens) {
      if (node == null) {
        return null;
      }
      if (node.isObject()) {
        node = node.get(token);
      } else if (node.isArray()) {
        int index = index(token);
        node = index >= 0 && index < node.size() ? node.get(index) : null;
      } else {
        return null;
      }
    }
    return node;
  }

  /** An array index token as a number; -1 when it is not one (e.g. {@code -}, {@code 01}, {@code x}). */
  static int index(String token) {
    if (token.isEmpty() || token.length() > 9 || token.length() > 1 && token.charAt(0) == '0') {
      return -1;
    }
    for (int i = 0; i < token.length(); i++) {
      if (token.charAt(i) < '0' || token.charAt(i) > '9') {
        return -1;
      }
    }
    return Integer.parseInt(token);
  }

  @Override
  public String toString() {
    return text;
  }
}
