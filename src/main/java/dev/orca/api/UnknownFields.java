package dev.orca.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.orca.model.KubeObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The fields of a request body that the model does not hold, found by walking the JSON against the
 * record's components: into nested records, list elements and map values; a
 * {@code Map<String, String>} (labels, annotations, resource quantities) takes any key. Paths read as
 * kube-apiserver's strict decoding writes them: {@code spec.replicass},
 * {@code spec.template.spec.containers[0].imagee}, {@code metadata.labels.app} for a map key.
 * A value of the wrong JSON type is not looked into: decoding reports it.
 */
public final class UnknownFields {
  /** What strict decoding objects to; {@link #message()} words it as kube-apiserver. */
  public enum Kind {
    UNKNOWN("unknown field"),
    DUPLICATE("duplicate field");

    private final String words;

    Kind(String words) {
      this.words = words;
    }
  }

  /** One field strict decoding objects to, by its path. */
  public record Problem(Kind kind, String path) {
    /** {@code unknown field "spec.replicass"}, {@code duplicate field "metadata.name"}. */
    public String message() {
      return kind.words + " " + GoStrings.quote(path);
    }
  }

  /** A plain parser: duplicate keys are this class's to report, not the parser's to refuse. */
  private static final JsonFactory JSON = new JsonFactory();

  private UnknownFields() {}

  /** The paths of the fields in {@code body} that {@code type} does not model, in document order. */
  public static List<String> find(JsonNode body, Class<? extends KubeObject> type) {
    return find(body, (Type) type);
  }

  /** As {@link #find(JsonNode, Class)}, against any type the model has (a record, a list, a map). */
  static List<String> find(JsonNode body, Type type) {
    try (JsonParser parser = body.traverse()) {
      return walk(parser, type).stream().filter(p -> p.kind() == Kind.UNKNOWN).map(Problem::path).toList();
    } catch (IOException e) {
      // A tree is always well-formed.
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The unknown and the duplicate fields of a JSON body, in the order kube-apiserver reports them:
   * document order, a duplicate where its second occurrence is, a field both unknown and repeated
   * only once as unknown, each problem once. Empty if {@code json} is not well-formed JSON (YAML,
   * say): see {@link #find} for a body already parsed.
   */
  public static Optional<List<Problem>> problems(byte[] json, Class<? extends KubeObject> type) {
    try (JsonParser parser = JSON.createParser(json)) {
      List<Problem> problems = walk(parser, type);
      return parser.nextToken() == null ? Optional.of(problems) : Optional.empty();
    } catch (JsonProcessingException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Problem> walk(JsonParser parser, Type type) throws IOException {
    Set<Problem> problems = new LinkedHashSet<>();
    if (parser.nextToken() != null) {
      value(parser, type, "", problems);
    }
    return new ArrayList<>(problems);
  }

  /** Walks the value at the parser's current token, leaving the parser on its last token. */
  private static void value(JsonParser parser, Type type, String path, Set<Problem> problems) throws IOException {
    JsonToken token = parser.currentToken();
    RecordTypes.Shape shape = RecordTypes.shape(type);
    if (token == JsonToken.START_OBJECT && (shape == RecordTypes.Shape.RECORD || shape == RecordTypes.Shape.MAP)) {
      object(parser, type, shape, path, problems);
    } else if (token == JsonToken.START_ARRAY && shape == RecordTypes.Shape.LIST) {
      Type element = RecordTypes.elementType(type);
      int index = 0;
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        value(parser, element, path + "[" + index++ + "]", problems);
      }
    } else {
      parser.skipChildren();
    }
  }

  private static void object(JsonParser parser, Type type, RecordTypes.Shape shape, String path,
      Set<Problem> problems) throws IOException {
    Map<String, Type> properties = shape == RecordTypes.Shape.RECORD
        ? RecordTypes.properties(RecordTypes.rawClass(type)) : null;
    Type mapValue = shape == RecordTypes.Shape.MAP ? RecordTypes.elementType(type) : null;
    Set<String> seen = new HashSet<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      String field = path.isEmpty() ? name : path + "." + name;
      parser.nextToken();
      Type child = properties == null ? mapValue : properties.get(name);
      boolean first = seen.add(name);
      if (child == null) {
        problems.add(new Problem(Kind.UNKNOWN, field));
        parser.skipChildren();
        continue;
      }
      if (!first) {
        problems.add(new Problem(Kind.DUPLICATE, field));
      }
      value(parser, child, field, problems);
    }
  }
}
