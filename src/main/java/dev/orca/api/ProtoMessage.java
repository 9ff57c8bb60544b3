package dev.orca.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * How one protobuf message of Kubernetes' API reads into the JSON of the same object: each field
 * number names a JSON field and how its value reads. Fields not listed are skipped.
 *
 * <p>Go's protobuf writes every value field, empty or not, while its JSON leaves the empty ones out
 * ({@code omitempty}); so a value field's zero ({@code ""}, 0, false) is left out here too. A
 * pointer field is written only when it is set, so it is kept whatever its value ({@code
 * replicas: 0} is a choice); the {@code ...Set} builders read those.
 */
final class ProtoMessage {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** One field: the wire type it must have and how its value goes into the JSON object. */
  private record Field(int wireType, Reading reading) {}

  private interface Reading {
    void read(ProtoReader in, ObjectNode into);
  }

  private final Map<Integer, Field> fields = new HashMap<>();

  private ProtoMessage add(int number, int wireType, Reading reading) {
    if (fields.put(number, new Field(wireType, reading)) != null) {
      throw new IllegalArgumentException("field " + number + " listed twice");
    }
    return this;
  }

  static ProtoMessage of() {
    return new ProtoMessage();
  }

  ProtoMessage string(int number, String name) {
    return add(number, ProtoReader.LENGTH_DELIMITED, (in, into) -> {
      String value = in.string();
      if (!value.isEmpty()) {
        into.put(name, value);
      }
    });
  }

  /** A repeated string: one occurrence per element. */
  ProtoMessage strings(int number, String name) {
    return add(number, ProtoReader.LENGTH_DELIMITED, (in, into) -> into.withArray(name).add(in.string()));
  }

  ProtoMessage int32(int number, String name) {
    return add(number, ProtoReader.VARINT, (in, into) -> {
      int value = (int) in.varint();
      if (value != 0) {
        into.put(name, value);
      }
    });
  }

  /** An int32 that is a pointer in Go, or has no omitempty: kept even when 0. */
  ProtoMessage int32Set(int number, String name) {
    return add(number, ProtoReader.VARINT, (in, into) -> into.put(name, (int) in.varint()));
  }

  ProtoMessage int64Set(int number, String name) {
    return add(number, ProtoReader.VARINT, (in, into) -> into.put(name, in.varint()));
  }

  ProtoMessage bool(int number, String name) {
    return add(number, ProtoReader.VARINT, (in, into) -> {
      if (in.varint() != 0) {
        into.put(name, true);
      }
    });
  }

  ProtoMessage boolSet(int number, String name) {
    return add(number, ProtoReader.VARINT, (in, into) -> into.put(name, in.varint() != 0));
  }

  ProtoMessage message(int number, String name, ProtoMessage type) {
    return add(number, ProtoReader.LENGTH_DELIMITED, (in, into) -> into.set(name, type.read(in.message())));
  }

  ProtoMessage messages(int number, String name, ProtoMessage type) {
    return add(number, ProtoReader.LENGTH_DELIMITED, (in, into) -> into.withArray(name).add(type.read(in.message())));
  }

  /** A Go struct embedded in its parent, whose fields JSON puts in the parent's (LocalObjectReference). */
  ProtoMessage inline(int number, ProtoMessage type) {
    return add(number, ProtoReader.LENGTH_DELIMITED, (in, into) -> type.readInto(in.message(), into));
  }

  /** A map of strings: one entry message (key 1, value 2) per occurrence. */
  ProtoMessage stringMap(int number, String name) {
    return add(number, ProtoReader.LENGTH_DELIMITED, (in, into) -> entry(in.message(), into.with(name), ProtoReader::string));
  }

  /** A map of bytes, which JSON carries as base64. */
  ProtoMessage bytesMap(int number, String name) {
    return add(number, ProtoReader.LENGTH_DELIMITED, (in, into) -> entry(in.message(), into.with(name),
        value -> Base64.getEncoder().encodeToString(value.bytes())));
  }

  /** A map of resource.Quantity, a message whose field 1 is the quantity as a string ("500m"). */
  ProtoMessage quantityMap(int number, String name) {
    return add(number, ProtoReader.LENGTH_DELIMITED, (in, into) -> entry(in.message(), into.with(name), value -> {
      String quantity = "";
      ProtoReader q = value.message();
      while (q.more()) {
        int tag = q.tag();
        if (tag == (1 << 3 | ProtoReader.LENGTH_DELIMITED)) {
          quantity = q.string();
        } else {
          q.skip(tag);
        }
      }
      return quantity;
    }));
  }

  /**
   * An intstr.IntOrString held by value (a Service's targetPort, a probe's port): type 1 (0 int, 1
   * string), intVal 2, strVal 3. Its zero (0 or "") is unset, as Kubernetes' defaulting takes it.
   */
  ProtoMessage intOrString(int number, String name) {
    return add(number, ProtoReader.LENGTH_DELIMITED, (in, into) -> {
      IntOrStr value = IntOrStr.read(in.message());
      if (value.isString() ? !value.strVal().isEmpty() : value.intVal() != 0) {
        value.put(into, name);
      }
    });
  }

  /** An IntOrString behind a pointer (maxSurge, maxUnavailable): 0 is a value. */
  ProtoMessage intOrStringSet(int number, String name) {
    return add(number, ProtoReader.LENGTH_DELIMITED, (in, into) -> IntOrStr.read(in.message()).put(into, name));
  }

  /** This message as a new JSON object. */
  ObjectNode read(ProtoReader in) {
    ObjectNode object = NODES.objectNode();
    readInto(in, object);
    return object;
  }

  /** This message's fields into an existing JSON object. */
  void readInto(ProtoReader in, ObjectNode into) {
    while (in.more()) {
      int tag = in.tag();
      Field field = fields.get(tag >>> 3);
      if (field == null) {
        in.skip(tag);
      } else if ((tag & 7) != field.wireType()) {
        throw new IllegalStateException("field " + (tag >>> 3) + " has wire type " + (tag & 7));
      } else {
        field.reading().read(in, into);
      }
    }
  }

  private interface ValueReading {
    String read(ProtoReader in);
  }

  private static void entry(ProtoReader entry, ObjectNode into, ValueReading value) {
    String key = "";
    String read = "";
    while (entry.more()) {
      int tag = entry.tag();
      if (tag == (1 << 3 | ProtoReader.LENGTH_DELIMITED)) {
        key = entry.string();
      } else if (tag == (2 << 3 | ProtoReader.LENGTH_DELIMITED)) {
        read = value.read(entry);
      } else {
        entry.skip(tag);
      }
    }
    into.put(key, read);
  }

  private record IntOrStr(long type, int intVal, String strVal) {
    static IntOrStr read(ProtoReader in) {
      long type = 0;
      int intVal = 0;
      String strVal = "";
      while (in.more()) {
        int tag = in.tag();
        switch (tag) {
          case 1 << 3 | ProtoReader.VARINT -> type = in.varint();
          case 2 << 3 | ProtoReader.VARINT -> intVal = (int) in.varint();
          case 3 << 3 | ProtoReader.LENGTH_DELIMITED -> strVal = in.string();
          default -> in.skip(tag);
        }
      }
      return new IntOrStr(type, intVal, strVal);
    }

    boolean isString() {
      return type == 1;
    }

    void put(ObjectNode into, String name) {
      if (isString()) {
        into.put(name, strVal);
      } else {
        into.put(name, intVal);
      }
    }
  }
}
