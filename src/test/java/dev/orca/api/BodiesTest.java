package dev.orca.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orca.api.Negotiation.Format;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.junit.jupiter.api.Test;

class BodiesTest {
  @Test
  void parsesJsonAndYamlByContentType() {
    assertEquals("{\"a\":1}", parse("application/json", "{\"a\": 1}").toString());
    assertEquals("{\"a\":1}", parse("application/json; charset=utf-8", "{\"a\": 1}").toString());
    assertEquals("{\"a\":1,\"b\":[\"x\"]}", parse("application/yaml", "a: 1\nb:\n- x\n").toString());
    assertEquals("{\"a\":1}", parse("application/x-yaml", "---\na: 1\n").toString());
    assertEquals("{\"a\":1}", parse("text/yaml", "a: 1\n---\n").toString());
    // Patches: JSON patch is an array; apply-patch+yaml is JSON or YAML.
    assertEquals("[{\"op\":\"remove\",\"path\":\"/a\"}]",
        parse("application/json-patch+json", "[{\"op\":\"remove\",\"path\":\"/a\"}]").toString());
    assertEquals("{\"a\":1}", parse("application/apply-patch+yaml", "{\"a\":1}").toString());
    assertEquals("{\"a\":1}", parse("application/apply-patch+yaml", "a: 1").toString());
  }

  @Test
  void otherOrMissingContentTypeTriesJsonThenYaml() {
    assertEquals("{\"a\":1}", parse(null, "{\"a\":1}").toString());
    assertEquals("{\"a\":1}", parse(null, "a: 1").toString());
    assertEquals("{\"a\":1}", parse("application/octet-stream", "a: 1").toString());
    assertEquals("{\"a\":1}", Bodies.parse(ContentTypes.APPLICATION_OCTET_STREAM, bytes("a: 1")).toString());
    // Looks like JSON: the JSON error is the one reported.
    assertTrue(error(null, "{\"a\": [1,}").startsWith("couldn't get version/kind; json parse error: "));
    assertTrue(error(null, "a: b: c").startsWith("error converting YAML to JSON: yaml: line 1, column 5: "));
  }

  @Test
  void malformedJsonNamesProblemAndPosition() {
    assertEquals("couldn't get version/kind; json parse error: Unexpected character ('}' (code 125)): "
        + "expected a value at line 2, column 11", error("application/json", "{\n  \"name\": }"));
    assertEquals("couldn't get version/kind; json parse error: unexpected data after the top-level value "
        + "at line 1, column 10", error("application/json", "{\"a\": 1} {"));
    String eof = error("application/json", "{\"a\": [1, 2");
    assertTrue(eof.startsWith("couldn't get version/kind; json parse error: Unexpected end-of-input"), eof);
    assertTrue(eof.contains("line 1, column"), eof);
  }

  @Test
  void malformedYamlNamesProblemAndPosition() {
    assertEquals("error converting YAML to JSON: yaml: line 3, column 12: mapping values are not allowed here",
        error("application/yaml", "kind: Pod\nmetadata:\n  name: web: x\n"));
    String tab = error("application/yaml", "a:\n\tb: 1\n");
    assertTrue(tab.startsWith("error converting YAML to JSON: yaml: line 2, column 1: "), tab);
  }

  @Test
  void emptyAndMultiDocumentBodiesAreRejected() {
    assertEquals("the request body is empty", error("application/json", ""));
    assertEquals("the request body is empty", error("application/json", "  \n"));
    assertEquals("the request body is empty", error("application/yaml", "# nothing\n"));
    assertEquals("the request body is empty", error("application/yaml", "---\n"));
    assertEquals("the request body is empty", error(null, null));
    String multi = error("application/yaml", "a: 1\n---\nb: 2\n");
    assertEquals("the request body holds more than one YAML document (the second starts at line 3, column 1); "
        + "send one object per request", multi);
    assertEquals("couldn't get version/kind; json parse error: expected an object, got an array",
        assertThrows(ApiException.class, () -> Bodies.parseObject("application/json", bytes("[1]"))).getMessage());
  }

  @Test
  void negotiatesJsonOrYaml() {
    assertEquals(Format.JSON, Negotiation.format(null));
    assertEquals(Format.JSON, Negotiation.format("*/*"));
    assertEquals(Format.YAML, Negotiation.format("application/yaml"));
    assertEquals(Format.YAML, Negotiation.format("application/yaml, application/json;q=0.9"));
    assertEquals(Format.JSON, Negotiation.format("application/json, application/yaml"));
    assertEquals(Format.JSON, Negotiation.format("application/json;q=0.5, application/yaml;q=0.1"));
    assertEquals(Format.YAML, Negotiation.format("application/json;q=0.5, application/yaml"));
    assertEquals(Format.JSON, Negotiation.format("application/vnd.kubernetes.protobuf,application/json"));
    assertEquals(Format.JSON,
        Negotiation.format("application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json"));
    assertEquals(Format.JSON, Negotiation.format("text/html"));
  }

  @Test
  void rendersYamlWhenPreferred() {
    HttpResponse yaml = Bodies.render(Map.of("kind", "Pod"), 200, "application/yaml");
    assertEquals("application/yaml", yaml.entity().getContentType().toString());
    assertEquals("kind: Pod\n", text(yaml));
    HttpResponse json = Bodies.render(Map.of("kind", "Pod"), 201, "application/json");
    assertEquals(201, json.status().intValue());
    assertEquals("application/json", json.entity().getContentType().toString());
    assertEquals("{\"kind\":\"Pod\"}", text(json));
  }

  private static JsonNode parse(String contentType, String body) {
    return Bodies.parse(contentType, bytes(body));
  }

  private static String error(String contentType, String body) {
    ApiException e = assertThrows(ApiException.class, () -> Bodies.parse(contentType, bytes(body)));
    assertEquals(400, e.code());
    assertEquals("BadRequest", e.reason());
    return e.getMessage();
  }

  private static byte[] bytes(String s) {
    return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(HttpResponse r) {
    return ((HttpEntity.Strict) r.entity()).getData().utf8String();
  }
}
