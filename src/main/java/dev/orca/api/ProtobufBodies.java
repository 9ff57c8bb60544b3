package dev.orca.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Optional;

/**
 * Request bodies in Kubernetes' protobuf encoding, for the kinds kubectl's typed generators send
 * that way and do not resend as JSON ({@code kubectl create configmap|secret|service|deployment|
 * namespace}). The body is the magic {@code k8s\0} and a {@code runtime.Unknown} (typeMeta 1 with
 * apiVersion 1 and kind 2; raw 2); the raw object is read into the JSON the rest of the API takes,
 * as {@link ProtobufKinds} describes it. A kind not listed there is left to the caller (415).
 */
final class ProtobufBodies {
  private static final byte[] MAGIC = {'k', '8', 's', 0};
  private static final int TYPE_META = 1 << 3 | ProtoReader.LENGTH_DELIMITED;
  private static final int API_VERSION = 1 << 3 | ProtoReader.LENGTH_DELIMITED;
  private static final int KIND = 2 << 3 | ProtoReader.LENGTH_DELIMITED;
  private static final int RAW = 2 << 3 | ProtoReader.LENGTH_DELIMITED;

  private ProtobufBodies() {}

  /**
   * The object in a protobuf body, or empty when it is not a Kubernetes envelope or its kind is not
   * one this reads.
   *
   * @throws ApiException 400 for a body that is not a well-formed envelope or object
   */
  static Optional<ObjectNode> read(byte[] body) {
    try {
      if (body.length < MAGIC.length || !Arrays.equals(body, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
        return Optional.empty();
      }
      ProtoReader unknown = new ProtoReader(body, MAGIC.length, body.length);
      String apiVersion = "";
      String kind = "";
      ProtoReader raw = null;
      while (unknown.more()) {
        int tag = unknown.tag();
        if (tag == TYPE_META) {
          ProtoReader typeMeta = unknown.message();
          while (typeMeta.more()) {
            int t = typeMeta.tag();
            if (t == API_VERSION) {
              apiVersion = typeMeta.string();
            } else if (t == KIND) {
              kind = typeMeta.string();
            } else {
              typeMeta.skip(t);
            }
          }
        } else if (tag == RAW) {
          raw = unknown.message();
        } else {
          unknown.skip(tag);
        }
      }
      ProtoMessage message = ProtobufKinds.of(kind);
      if (message == null || raw == null) {
        return Optional.empty();
      }
      ObjectNode object = JsonNodeFactory.instance.objectNode();
      object.put("apiVersion", apiVersion);
      object.put("kind", kind);
      message.readInto(raw, object);
      return Optional.of(object);
    } catch (IndexOutOfBoundsException | IllegalStateException e) {
      throw ApiErrors.badRequest("the protobuf body is malformed: " + e.getMessage());
    }
  }
}
