package dev.orca.api.patch;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** JSON in tests: parse a literal, read a fixture, compare as JSON values. */
final class JsonTesting {
  private static final ObjectMapper MAPPER = JsonMapper.builder().build();

  private JsonTesting() {}

  static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A file under src/test/resources/dev/orca/api/patch/wire, as bytes. */
  static byte[] wire(String name) {
    try (InputStream in = JsonTesting.class.getResourceAsStream("wire/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture wire/" + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode wireJson(String name) {
    return json(new String(wire(name), StandardCharsets.UTF_8));
  }

  /** Equal as JSON values: member order aside, list order counts. */
  static void assertJson(JsonNode expected, JsonNode actual) {
    if (!JsonValues.equal(expected, actual)) {
      fail("expected:\n" + expected.toPrettyString() + "\nbut was:\n" + (actual == null ? "null" : actual.toPrettyString()));
    }
  }

  static void assertJson(String expected, JsonNode actual) {
    assertJson(json(expected), actual);
  }
}
