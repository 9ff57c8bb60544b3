package dev.orca.api.patch;

import static dev.orca.api.patch.JsonTesting.assertJson;
import static dev.orca.api.patch.JsonTesting.json;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 7386. */
class JsonMergePatchTest {
  /** Appendix A: original | patch | result. */
  @ParameterizedTest(name = "{0} + {1} = {2}")
  @CsvSource(delimiter = '|', value = {
      "{\"a\":\"b\"}                 | {\"a\":\"c\"}                      | {\"a\":\"c\"}",
      "{\"a\":\"b\"}                 | {\"b\":\"c\"}                      | {\"a\":\"b\",\"b\":\"c\"}",
      "{\"a\":\"b\"}                 | {\"a\":null}                       | {}",
      "{\"a\":\"b\",\"b\":\"c\"}     | {\"a\":null}                       | {\"b\":\"c\"}",
      "{\"a\":[\"b\"]}               | {\"a\":\"c\"}                      | {\"a\":\"c\"}",
      "{\"a\":\"c\"}                 | {\"a\":[\"b\"]}                    | {\"a\":[\"b\"]}",
      "{\"a\":{\"b\":\"c\"}}         | {\"a\":{\"b\":\"d\",\"c\":null}}   | {\"a\":{\"b\":\"d\"}}",
      "{\"a\":[{\"b\":\"c\"}]}       | {\"a\":[1]}                        | {\"a\":[1]}",
      "[\"a\",\"b\"]                 | [\"c\",\"d\"]                      | [\"c\",\"d\"]",
      "{\"a\":\"b\"}                 | [\"c\"]                            | [\"c\"]",
      "{\"a\":\"foo\"}               | null                               | null",
      "{\"a\":\"foo\"}               | \"bar\"                            | \"bar\"",
      "{\"e\":null}                  | {\"a\":1}                          | {\"e\":null,\"a\":1}",
      "[1,2]                         | {\"a\":\"b\",\"c\":null}           | {\"a\":\"b\"}",
      "{}                            | {\"a\":{\"bb\":{\"ccc\":null}}}    | {\"a\":{\"bb\":{}}}",
  })
  void appendixA(String original, String patch, String result) {
    assertJson(result, JsonMergePatch.apply(json(original), json(patch)));
  }

  /** Section 3's example. */
  @Test
  void section3Example() {
    JsonNode target = json("""
        {"title": "Goodbye!",
         "author": {"givenName": "John", "familyName": "Doe"},
         "tags": ["example", "sample"],
         "content": "This will be unchanged"}""");
    JsonNode patch = json("""
        {"title": "Hello!",
         "phoneNumber": "+01-123-456-7890",
         "author": {"familyName": null},
         "tags": ["example"]}""");
    assertJson("""
        {"title": "Hello!",
         "author": {"givenName": "John"},
         "tags": ["example"],
         "content": "This will be unchanged",
         "phoneNumber": "+01-123-456-7890"}""", JsonMergePatch.apply(target, patch));
  }

  @Test
  void neitherInputIsChanged() {
    JsonNode target = json("{\"a\":{\"b\":1},\"c\":[1]}");
    JsonNode patch = json("{\"a\":{\"b\":null,\"d\":{\"e\":1}},\"c\":[2]}");
    assertJson("{\"a\":{\"d\":{\"e\":1}},\"c\":[2]}", JsonMergePatch.apply(target, patch));
    assertJson("{\"a\":{\"b\":1},\"c\":[1]}", target);
    assertJson("{\"a\":{\"b\":null,\"d\":{\"e\":1}},\"c\":[2]}", patch);
  }

  @Test
  void scaleMergePatchFromKubectl() {
    JsonNode scale = json("""
        {"kind":"Scale","apiVersion":"autoscaling/v1",
         "metadata":{"name":"web","namespace":"default","uid":"43c27d6c-c867-45b8-a679-e828af615425","resourceVersion":"1130"},
         "spec":{"replicas":3},"status":{"replicas":3,"selector":"app=web"}}""");
    JsonNode result = JsonMergePatch.apply(scale, JsonTesting.wireJson("scale.body.json"));
    assertJson("{\"replicas\":5}", result.get("spec"));
    assertJson(scale.get("status"), result.get("status"));
  }
}
