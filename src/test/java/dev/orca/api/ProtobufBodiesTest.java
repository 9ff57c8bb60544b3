package dev.orca.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Kubernetes' protobuf envelope, as kubectl's typed generators send ConfigMaps and Secrets. */
class ProtobufBodiesTest {

  /** A protobuf message written field by field. */
  private static final class Message {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private void varint(long v) {
      while ((v & ~0x7fL) != 0) {
        out.write((int) ((v & 0x7f) | 0x80));
        v >>>= 7;
      }
      out.write((int) v);
    }

    Message bytes(int field, byte[] value) {
      varint((long) field << 3 | 2);
      varint(value.length);
      out.writeBytes(value);
      return this;
    }

    Message string(int field, String value) {
      return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    Message message(int field, Message value) {
      return bytes(field, value.out.toByteArray());
    }

    Message bool(int field, boolean value) {
      varint((long) field << 3);
      varint(value ? 1 : 0);
      return this;
    }

    Message entry(int field, String key, byte[] value) {
      return message(field, new Message().string(1, key).bytes(2, value));
    }

    byte[] envelope(String kind) {
      Message unknown = new Message().message(1, new Message().string(1, "v1").string(2, kind)).message(2, this)
          .string(3, "").string(4, "");
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      body.writeBytes(new byte[] {'k', '8', 's', 0});
      body.writeBytes(unknown.out.toByteArray());
      return body.toByteArray();
    }
  }

  /** ObjectMeta as Go writes it: every string field, empty ones too, and a zero creationTimestamp. */
  private static Message meta(String name) {
    return new Message().string(1, name).string(2, "").string(3, "").string(4, "").string(5, "").string(6, "")
        .message(8, new Message()).entry(11, "app", "web".getBytes(StandardCharsets.UTF_8));
  }

  private static JsonNode parse(byte[] body) {
    return Bodies.parse("application/vnd.kubernetes.protobuf", body);
  }

  @Test
  void aConfigMapReadsAsItsJson() {
    byte[] body = new Message().message(1, meta("x"))
        .entry(2, "a", "b".getBytes(StandardCharsets.UTF_8))
        .entry(3, "raw", new byte[] {0, 1, 2})
        .bool(4, true)
        .envelope("ConfigMap");
    assertEquals("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"x\",\"labels\":{\"app\":\"web\"}},"
        + "\"data\":{\"a\":\"b\"},\"binaryData\":{\"raw\":\"AAEC\"},\"immutable\":true}", parse(body).toString());
  }

  @Test
  void aSecretsBytesBecomeBase64() {
    byte[] body = new Message().message(1, meta("s"))
        .entry(2, "k", "v".getBytes(StandardCharsets.UTF_8))
        .string(3, "Opaque")
        .entry(4, "plain", "text".getBytes(StandardCharsets.UTF_8))
        .envelope("Secret");
    assertEquals("{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"s\",\"labels\":{\"app\":\"web\"}},"
        + "\"data\":{\"k\":\"dg==\"},\"type\":\"Opaque\",\"stringData\":{\"plain\":\"text\"}}", parse(body).toString());
  }

  @Test
  void otherKindsAndOtherBodiesAreStillUnsupported() {
    ApiException pod = assertThrows(ApiException.class, () -> parse(new Message().message(1, meta("p")).envelope("Pod")));
    assertEquals(415, pod.status().code());
    ApiException garbage = assertThrows(ApiException.class, () -> parse(new byte[] {1, 2, 3}));
    assertEquals(415, garbage.status().code());
    byte[] truncated = new Message().message(1, meta("x")).envelope("ConfigMap");
    ApiException malformed = assertThrows(ApiException.class,
        () -> parse(java.util.Arrays.copyOf(truncated, truncated.length - 3)));
    assertEquals(400, malformed.status().code());
  }
}
