package dev.orca.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How the model's records look in JSON, found by reflection: a record is an object whose
 * properties are its components (renamed by {@code @JsonProperty}, left out by
 * {@code @JsonIgnore}), lists are arrays, maps are objects with any keys, and a record that writes
 * itself as one value ({@code @JsonValue}, like IntOrString) is a scalar.
 */
final class RecordTypes {
  /** What a Java type is in JSON. */
  enum Shape {
    /** An object with the record's properties only. */
    RECORD,
    /** An array of {@link #elementType}. */
    LIST,
    /** An object with any keys, values of {@link #elementType}. */
    MAP,
    /** A string, number or boolean (or a value that reads from one). */
    SCALAR,
    /** Anything: Object, JsonNode. */
    ANY
  }

  private static final Map<Class<?>, Map<String, Type>> PROPERTIES = new ConcurrentHashMap<>();
  /** Whether a record writes itself as one value; asked for every field of every write checked (getMethods copies). */
  private static final Map<Class<?>, Boolean> SCALAR_RECORDS = new ConcurrentHashMap<>();

  private RecordTypes() {}

  static Shape shape(Type type) {
    Class<?> raw = rawClass(type);
    if (raw.isRecord()) {
      return SCALAR_RECORDS.computeIfAbsent(raw, RecordTypes::isScalarRecord) ? Shape.SCALAR : Shape.RECORD;
    }
    if (Collection.class.isAssignableFrom(raw) || (raw.isArray() && raw != byte[].class)) {
      return Shape.LIST;
    }
    if (Map.class.isAssignableFrom(raw)) {
      return Shape.MAP;
    }
    if (raw == Object.class || JsonNode.class.isAssignableFrom(raw)) {
      return Shape.ANY;
    }
    return Shape.SCALAR;
  }

  /** The JSON properties of a record and their types, in declaration order. */
  static Map<String, Type> properties(Class<?> record) {
    return PROPERTIES.computeIfAbsent(record, RecordTypes::read);
  }

  /** The element type of a list or array, the value type of a map; Object if unknown. */
  static Type elementType(Type type) {
    Class<?> raw = rawClass(type);
    if (raw.isArray()) {
      return raw.getComponentType();
    }
    if (type instanceof ParameterizedType p) {
      Type[] args = p.getActualTypeArguments();
      return upperBound(args[args.length - 1]);
    }
    return Object.class;
  }

  static Class<?> rawClass(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p) {
      return (Class<?>) p.getRawType();
    }
    if (type instanceof WildcardType w) {
      return rawClass(upperBound(w));
    }
    return Object.class;
  }

  private static Type upperBound(Type type) {
    return type instanceof WildcardType w ? w.getUpperBounds()[0] : type;
  }

  private static boolean isScalarRecord(Class<?> record) {
    for (Method m : record.getMethods()) {
      if (m.isAnnotationPresent(JsonValue.class)) {
        return true;
      }
    }
    return false;
  }

  private static Map<String, Type> read(Class<?> record) {
    if (!record.isRecord()) {
      throw new IllegalArgumentException(record.getName() + " is not a record");
    }
    Map<String, Type> properties = new LinkedHashMap<>();
    for (RecordComponent c : record.getRecordComponents()) {
      // The annotations written on a component land on its accessor (and field), not on the component.
      Method accessor = c.getAccessor();
      JsonIgnore ignore = accessor.getAnnotation(JsonIgnore.class);
      if (ignore != null && ignore.value()) {
        continue;
      }
      JsonProperty renamed = accessor.getAnnotation(JsonProperty.class);
      String name = renamed != null && !renamed.value().isEmpty() ? renamed.value() : c.getName();
      properties.put(name, c.getGenericType());
    }
    return Collections.unmodifiableMap(properties);
  }
}
