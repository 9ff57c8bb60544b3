package dev.orca.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Request bodies in Kubernetes' protobuf encoding, for the kinds kubectl's typed generators send
 * that way and do not resend as JSON ({@code kubectl create configmap}, {@code create secret}).
 * The body is the magic {@code k8s\0} and a {@code runtime.Unknown} (typeMeta, raw); the raw
 * object is read into the JSON the rest of the API takes, field numbers from k8s.io/api's
 * generated.proto. Fields the server sets itself (creationTimestamp, managedFields, ...) are
 * skipped. A kind not listed here is left to the caller (415, as before).
 */
final class ProtobufBodies {
  private static final byte[] MAGIC = {'k', '8', 's', 0};
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** How one kind's fields read into JSON. */
  private interface KindReader {
    void field(int number, Reader value, ObjectNode into);
  }

  private static final Map<String, KindReader> KINDS = Map.of(
      "ConfigMap", ProtobufBodies::configMapField,
      "Secret", ProtobufBodies::secretField);

  private ProtobufBodies() {}

  /**
   * The object in a protobuf body, or empty when it is not a Kubernetes envelope or its kind is not
   * one this reads.
   *
   * @throws ApiException 400 for a body that is not a well-formed envelope
   */
  static Optional<ObjectNode> read(byte[] body) {
    try {
      if (body.length < MAGIC.length || !java.util.Arrays.equals(body, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
        return Optional.empty();
      }
      Reader unknown = new Reader(body, MAGIC.length, body.length);
      String apiVersion = null;
      String kind = null;
      Reader raw = null;
      while (unknown.more()) {
        int tag = unknown.tag();
        if (tag >>> 3 == 1 && (tag & 7) == 2) {
          Reader typeMeta = unknown.message();
          while (typeMeta.more()) {
            int t = typeMeta.tag();
            if (t >>> 3 == 1) {
              apiVersion = typeMeta.string();
            } else if (t >>> 3 == 2) {
              kind = typeMeta.string();
            } else {
              typeMeta.skip(t);
            }
          }
        } else if (tag >>> 3 == 2 && (tag & 7) == 2) {
          raw = unknown.message();
        } else {
          unknown.skip(tag);
        }
      }
      KindReader reader = kind == null ? null : KINDS.get(kind);
      if (reader == null || raw == null) {
        return Optional.empty();
      }
      ObjectNode object = NODES.objectNode();
      object.put("apiVersion", apiVersion);
      object.put("kind", kind);
      while (raw.more()) {
        int tag = raw.tag();
        if (tag >>> 3 == 1 && (tag & 7) == 2) {
          object.set("metadata", objectMeta(raw.message()));
        } else {
          reader.field(tag, raw, object);
        }
      }
      return Optional.of(object);
    } catch (IndexOutOfBoundsException | IllegalStateException e) {
      throw ApiErrors.badRequest("the protobuf body is malformed");
    }
  }

  /** ConfigMap: data = 2 (string), binaryData = 3 (bytes), immutable = 4. */
  private static void configMapField(int tag, Reader in, ObjectNode into) {
    switch (tag >>> 3) {
      case 2 -> mapEntry(in.message(), into.with("data"), false);
      case 3 -> mapEntry(in.message(), into.with("binaryData"), true);
      case 4 -> into.put("immutable", in.varint() != 0);
      default -> in.skip(tag);
    }
  }

  /** Secret: data = 2 (bytes), type = 3, stringData = 4 (string), immutable = 5. */
  private static void secretField(int tag, Reader in, ObjectNode into) {
    switch (tag >>> 3) {
      case 2 -> mapEntry(in.message(), into.with("data"), true);
      case 3 -> putString(into, "type", in.string());
      case 4 -> mapEntry(in.message(), into.with("stringData"), false);
      case 5 -> into.put("immutable", in.varint() != 0);
      default -> in.skip(tag);
    }
  }

  /**
   * ObjectMeta: name 1, generateName 2, namespace 3, uid 5, resourceVersion 6, labels 11,
   * annotations 12, ownerReferences 13, finalizers 14; the rest is the server's.
   */
  private static ObjectNode objectMeta(Reader in) {
    ObjectNode meta = NODES.objectNode();
    while (in.more()) {
      int tag = in.tag();
      switch (tag >>> 3) {
        case 1 -> putString(meta, "name", in.string());
        case 2 -> putString(meta, "generateName", in.string());
        case 3 -> putString(meta, "namespace", in.string());
        case 5 -> putString(meta, "uid", in.string());
        case 6 -> putString(meta, "resourceVersion", in.string());
        case 11 -> mapEntry(in.message(), meta.with("labels"), false);
        case 12 -> mapEntry(in.message(), meta.with("annotations"), false);
        case 13 -> meta.withArray("ownerReferences").add(ownerReference(in.message()));
        case 14 -> meta.withArray("finalizers").add(in.string());
        default -> in.skip(tag);
      }
    }
    return meta;
  }

  /** OwnerReference: kind 1, name 3, uid 4, apiVersion 5, controller 6, blockOwnerDeletion 7. */
  private static ObjectNode ownerReference(Reader in) {
    ObjectNode ref = NODES.objectNode();
    while (in.more()) {
      int tag = in.tag();
      switch (tag >>> 3) {
        case 1 -> putString(ref, "kind", in.string());
        case 3 -> putString(ref, "name", in.string());
        case 4 -> putString(ref, "uid", in.string());
        case 5 -> putString(ref, "apiVersion", in.string());
        case 6 -> ref.put("controller", in.varint() != 0);
        case 7 -> ref.put("blockOwnerDeletion", in.varint() != 0);
        default -> in.skip(tag);
      }
    }
    return ref;
  }

  /** Go's protobuf writes every string field, empty or not; an empty one is absent, as JSON's omitempty leaves it. */
  private static void putString(ObjectNode into, String field, String value) {
    if (!value.isEmpty()) {
      into.put(field, value);
    }
  }

  /** One map entry (key 1, value 2); bytes values become base64, as JSON carries them. */
  private static void mapEntry(Reader entry, ObjectNode into, boolean bytes) {
    String key = "";
    String value = "";
    while (entry.more()) {
      int tag = entry.tag();
      if (tag >>> 3 == 1) {
        key = entry.string();
      } else if (tag >>> 3 == 2) {
        value = bytes ? Base64.getEncoder().encodeToString(entry.bytes()) : entry.string();
      } else {
        entry.skip(tag);
      }
    }
    into.put(key, value);
  }

  /** Protobuf's wire format over a slice of the body. */
  private static final class Reader {
    private final byte[] buf;
    private int pos;
    private final int end;

    Reader(byte[] buf, int pos, int end) {
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

    Reader message() {
      int length = length();
      Reader inner = new Reader(buf, pos, pos + length);
      pos += length;
      return inner;
    }

    byte[] bytes() {
      int length = length();
      byte[] out = java.util.Arrays.copyOfRange(buf, pos, pos + length);
      pos += length;
      return out;
    }

    String string() {
      return new String(bytes(), StandardCharsets.UTF_8);
    }

    void skip(int tag) {
      switch (tag & 7) {
        case 0 -> varint();
        case 1 -> advance(8);
        case 2 -> advance(length());
        case 5 -> advance(4);
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
}
