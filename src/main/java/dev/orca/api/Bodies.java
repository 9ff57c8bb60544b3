package dev.orca.api;

import java.util.List;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orca.api.Negotiation.Format;
import dev.orca.model.Json;
import java.io.IOException;
import java.util.Locale;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.StatusCodes;

/**
 * Request and response bodies: JSON or YAML in, JSON or YAML out. Parse failures are 400 Status
 * errors whose message names the problem and where it is ({@code line 3, column 12}).
 */
public final class Bodies {
  /** {@code application/yaml}, without a charset parameter, as kube-apiserver writes it. */
  public static final ContentType APPLICATION_YAML =
      ContentTypes.create(MediaTypes.applicationBinary("yaml", true, "yaml", "yml"));

  private static final String JSON_ERROR = "couldn't get version/kind; json parse error: ";
  private static final String YAML_ERROR = "error converting YAML to JSON: yaml: ";

  private Bodies() {}

  /** As {@link #parse(String, byte[])}, for a request entity's content type (may be null). */
  public static JsonNode parse(ContentType contentType, byte[] body) {
    return parse(contentType == null ? null : contentType.mediaType().toString(), body);
  }

  /**
   * Parses a request body. {@code application/json} and {@code *+json} are JSON; {@code
   * application/yaml}, {@code application/x-yaml} and {@code text/yaml} are YAML (one document);
   * anything else, or no content type, is tried as JSON, then as YAML. Arrays and scalars are
   * returned as they are (a JSON patch is an array); see {@link #parseObject} for objects.
   *
   * @throws ApiException 400 BadRequest for an empty, malformed or multi-document body
   */
  public static JsonNode parse(String contentType, byte[] body) {
    if (contentType != null && contentType.contains("protobuf")) {
      // client-go sends protobuf to built-in kinds; the kinds kubectl does not resend as JSON are read here,
      // the others get 415 (on which client-go falls back to JSON)
      return ProtobufBodies.read(body == null ? new byte[0] : body).orElseThrow(
          () -> ApiErrors.unsupportedMediaType(contentType, List.of("application/json", "application/yaml")));
    }
    if (isBlank(body)) {
      throw ApiErrors.badRequest("the request body is empty");
    }
    return switch (syntax(contentType)) {
      case JSON -> parseJson(body);
      case YAML -> parseYaml(body);
      case EITHER -> parseEither(body);
    };
  }

  /** As {@link #parse(String, byte[])}, and the body must be an object. */
  public static ObjectNode parseObject(String contentType, byte[] body) {
    JsonNode node = parse(contentType, body);
    if (!node.isObject()) {
      throw ApiErrors.badRequest(JSON_ERROR + "expected an object, got " + describe(node));
    }
    return (ObjectNode) node;
  }

  public static ObjectNode parseObject(ContentType contentType, byte[] body) {
    return parseObject(contentType == null ? null : contentType.mediaType().toString(), body);
  }

  /**
   * {@code body} as a response with {@code status}: YAML ({@code application/yaml}) when {@code
   * accept} prefers it, JSON ({@code application/json}) otherwise.
   */
  public static HttpResponse render(Object body, int status, String accept) {
    Format format = Negotiation.format(accept);
    return HttpResponse.create()
        .withStatus(StatusCodes.get(status))
        .withEntity(contentType(format), write(body, format));
  }

  /** {@code body} as JSON with {@code status}. */
  public static HttpResponse renderJson(Object body, int status) {
    return render(body, status, null);
  }

  public static byte[] write(Object body, Format format) {
    try {
      return mapper(format).writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw ApiErrors.internal("cannot serialize " + body.getClass().getSimpleName() + ": " + e.getOriginalMessage());
    }
  }

  public static ContentType contentType(Format format) {
    return format == Format.YAML ? APPLICATION_YAML : ContentTypes.APPLICATION_JSON;
  }

  private static ObjectMapper mapper(Format format) {
    return format == Format.YAML ? Json.yaml() : Json.mapper();
  }

  private enum Syntax { JSON, YAML, EITHER }

  private static Syntax syntax(String contentType) {
    if (contentType == null) {
      return Syntax.EITHER;
    }
    int semi = contentType.indexOf(';');
    String type = (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    if (type.equals("application/json") || type.endsWith("+json")) {
      return Syntax.JSON;
    }
    if (type.equals("application/yaml") || type.equals("application/x-yaml") || type.equals("text/yaml")
        || type.equals("text/x-yaml")) {
      return Syntax.YAML;
    }
    return Syntax.EITHER;
  }

  private static JsonNode parseEither(byte[] body) {
    try {
      return parseJson(body);
    } catch (ApiException jsonError) {
      try {
        return parseYaml(body);
      } catch (ApiException yamlError) {
        // Report the error of the syntax the body was most likely written in.
        byte first = firstNonBlank(body);
        throw first == '{' || first == '[' ? jsonError : yamlError;
      }
    }
  }

  private static JsonNode parseJson(byte[] body) {
    ObjectMapper mapper = Json.mapper();
    try (JsonParser parser = mapper.createParser(body)) {
      JsonNode node = mapper.readTree(parser);
      if (node == null || node.isMissingNode()) {
        throw ApiErrors.badRequest("the request body is empty");
      }
      if (parser.nextToken() != null) {
        throw ApiErrors.badRequest(JSON_ERROR + "unexpected data after the top-level value"
            + at(parser.currentTokenLocation()));
      }
      return node;
    } catch (JsonProcessingException e) {
      throw ApiErrors.badRequest(JSON_ERROR + problem(e) + at(e.getLocation()));
    } catch (IOException e) {
      throw ApiErrors.badRequest(JSON_ERROR + e.getMessage());
    }
  }

  private static JsonNode parseYaml(byte[] body) {
    ObjectMapper mapper = Json.yaml();
    try (JsonParser parser = mapper.createParser(body);
        MappingIterator<JsonNode> documents = mapper.readValues(parser, JsonNode.class)) {
      JsonNode result = null;
      while (documents.hasNextValue()) {
        JsonLocation start = parser.currentTokenLocation();
        JsonNode document = documents.nextValue();
        if (isEmptyDocument(document)) {
          continue; // e.g. after a trailing "---"
        }
        if (result != null) {
          throw ApiErrors.badRequest("the request body holds more than one YAML document (the second starts"
              + at(start) + "); send one object per request");
        }
        result = document;
      }
      if (result == null) {
        throw ApiErrors.badRequest("the request body is empty");
      }
      return result;
    } catch (ApiException e) {
      throw e;
    } catch (RuntimeException | IOException e) {
      throw ApiErrors.badRequest(YAML_ERROR + yamlProblem(e));
    }
  }

  /** An empty YAML document reads as null or as an empty string. */
  private static boolean isEmptyDocument(JsonNode document) {
    return document == null || document.isNull() || document.isMissingNode()
        || document.isTextual() && document.textValue().isEmpty();
  }

  /** SnakeYAML knows the line and column of its errors; Jackson's own carry a location. */
  private static String yamlProblem(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof org.yaml.snakeyaml.error.MarkedYAMLException marked && marked.getProblemMark() != null) {
        var mark = marked.getProblemMark();
        String context = marked.getContext() == null ? "" : " (" + marked.getContext() + ")";
        return "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ": "
            + marked.getProblem() + context;
      }
      if (t instanceof JsonProcessingException jpe && !(t.getCause() instanceof RuntimeException)) {
        JsonLocation where = jpe.getLocation();
        if (where != null && where.getLineNr() > 0) {
          return "line " + where.getLineNr() + ", column " + where.getColumnNr() + ": " + problem(jpe);
        }
      }
    }
    return firstLine(e.getMessage());
  }

  private static String problem(JsonProcessingException e) {
    String message = e.getOriginalMessage();
    if (message == null) {
      return e.getClass().getSimpleName();
    }
    // Jackson names the (redacted) source inside some messages; the location follows anyway.
    return firstLine(message.replaceAll("\\[Source: [^;\\]]*; ", "["));
  }

  private static String at(JsonLocation where) {
    return where == null || where.getLineNr() < 1 ? ""
        : " at line " + where.getLineNr() + ", column " + where.getColumnNr();
  }

  private static String describe(JsonNode node) {
    return switch (node.getNodeType()) {
      case ARRAY -> "an array";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
    };
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "malformed body";
    }
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).trim();
  }

  private static boolean isBlank(byte[] body) {
    return body == null || firstNonBlank(body) == 0;
  }

  private static byte firstNonBlank(byte[] body) {
    for (byte b : body) {
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
        return b;
      }
    }
    return 0;
  }
}
