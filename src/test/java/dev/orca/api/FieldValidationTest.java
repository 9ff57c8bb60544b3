package dev.orca.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orca.model.Json;
import dev.orca.model.ResourceType;
import dev.orca.model.Status;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.junit.jupiter.api.Test;

class FieldValidationTest {
  private static final String ONE_TYPO = """
      {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"},
       "spec": {"replicass": 3, "template": {"spec": {"containers": [{"name": "nginx", "image": "nginx"}]}}}}""";
  private static final String TWO_TYPOS = """
      {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"},
       "spec": {"replicass": 3, "template": {"spec": {"containers": [{"name": "nginx", "imagee": "nginx"}]}}}}""";

  @Test
  void absentOrEmptyMeansWarnAsInKubeApiserver() {
    assertEquals(FieldValidation.WARN, FieldValidation.parse(null));
    assertEquals(FieldValidation.WARN, FieldValidation.parse(""));
    assertEquals(FieldValidation.STRICT, FieldValidation.parse("Strict"));
    assertEquals(FieldValidation.WARN, FieldValidation.parse("Warn"));
    assertEquals(FieldValidation.IGNORE, FieldValidation.parse("Ignore"));
    assertEquals("Strict", FieldValidation.STRICT.value());
  }

  @Test
  void anyOtherValueIsAnInvalidOptionsObject() {
    ApiException e = assertThrows(ApiException.class, () -> FieldValidation.parse("strict"));
    assertEquals(422, e.code());
    assertEquals("Invalid", e.reason());
    assertEquals("CreateOptions.meta.k8s.io \"\" is invalid: fieldValidation: Unsupported value: \"strict\": "
        + "supported values: \"\", \"Ignore\", \"Strict\", \"Warn\"", e.getMessage());
    Status status = e.status();
    assertEquals("meta.k8s.io", status.details().group());
    assertEquals("CreateOptions", status.details().kind());
    assertEquals("fieldValidation", status.details().causes().get(0).field());
    assertEquals("FieldValueNotSupported", status.details().causes().get(0).reason());
    assertEquals("Unsupported value: \"strict\": supported values: \"\", \"Ignore\", \"Strict\", \"Warn\"",
        status.details().causes().get(0).message());

    ApiException patch = assertThrows(ApiException.class,
        () -> FieldValidation.parse("Loud", FieldValidation.PATCH_OPTIONS));
    assertEquals("PatchOptions.meta.k8s.io \"\" is invalid: fieldValidation: Unsupported value: \"Loud\": "
        + "supported values: \"\", \"Ignore\", \"Strict\", \"Warn\"", patch.getMessage());
  }

  @Test
  void strictRejectsOneUnknownFieldAsKubeApiserver() {
    ApiException e = assertThrows(ApiException.class,
        () -> FieldValidation.STRICT.check(ResourceType.DEPLOYMENT, bytes(ONE_TYPO), json(ONE_TYPO)));
    assertEquals(400, e.code());
    assertEquals("BadRequest", e.reason());
    assertEquals("Deployment in version \"v1\" cannot be handled as a Deployment: "
        + "strict decoding error: unknown field \"spec.replicass\"", e.getMessage());
    assertEquals(null, e.status().details());
  }

  @Test
  void strictNamesEverySeveralFieldInOneMessage() {
    ApiException e = assertThrows(ApiException.class,
        () -> FieldValidation.STRICT.check(ResourceType.DEPLOYMENT, bytes(TWO_TYPOS), json(TWO_TYPOS)));
    assertEquals("Deployment in version \"v1\" cannot be handled as a Deployment: strict decoding error: "
        + "unknown field \"spec.replicass\", unknown field \"spec.template.spec.containers[0].imagee\"", e.getMessage());

    String pod = "{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": {\"name\": \"p\", \"name\": \"q\"}, \"spec\": {\"x\": 1}}";
    ApiException p = assertThrows(ApiException.class,
        () -> FieldValidation.STRICT.check(ResourceType.POD, bytes(pod), json(pod)));
    assertEquals("Pod in version \"v1\" cannot be handled as a Pod: strict decoding error: "
        + "duplicate field \"metadata.name\", unknown field \"spec.x\"", p.getMessage());
  }

  @Test
  void strictOnAPatchedObjectIsTheBareStrictDecodingError() {
    ApiException e = assertThrows(ApiException.class,
        () -> FieldValidation.STRICT.checkPatched(ResourceType.DEPLOYMENT, json(TWO_TYPOS)));
    assertEquals(400, e.code());
    assertEquals("strict decoding error: unknown field \"spec.replicass\", "
        + "unknown field \"spec.template.spec.containers[0].imagee\"", e.getMessage());
  }

  @Test
  void aCleanBodyPassesEveryDirective() {
    String clean = ONE_TYPO.replace("replicass", "replicas");
    for (FieldValidation v : FieldValidation.values()) {
      assertEquals(List.of(), v.check(ResourceType.DEPLOYMENT, bytes(clean), json(clean)), v.value());
    }
  }

  @Test
  void warnReturnsTheWarningsAndIgnoreNothing() {
    assertEquals(List.of("unknown field \"spec.replicass\"", "unknown field \"spec.template.spec.containers[0].imagee\""),
        FieldValidation.WARN.check(ResourceType.DEPLOYMENT, bytes(TWO_TYPOS), json(TWO_TYPOS)));
    assertEquals(List.of(), FieldValidation.IGNORE.check(ResourceType.DEPLOYMENT, bytes(TWO_TYPOS), json(TWO_TYPOS)));
    assertEquals(List.of("unknown field \"spec.replicass\""),
        FieldValidation.WARN.checkPatched(ResourceType.DEPLOYMENT, json(ONE_TYPO)));
  }

  @Test
  void aYamlBodyIsCheckedOnItsTree() throws Exception {
    String yaml = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicass: 3\n";
    JsonNode tree = Json.yaml().readTree(yaml);
    assertEquals(List.of("unknown field \"spec.replicass\""),
        FieldValidation.WARN.check(ResourceType.DEPLOYMENT, bytes(yaml), tree));
  }

  @Test
  void warningsAreSentAsKubeApiserverWritesThem() {
    assertEquals("299 - \"unknown field \\\"spec.replicass\\\"\"",
        FieldValidation.warningHeaderValue("unknown field \"spec.replicass\""));
    List<HttpHeader> headers = FieldValidation.warningHeaders(
        List.of("unknown field \"spec.a\"", "duplicate field \"metadata.name\""));
    assertEquals(2, headers.size());
    assertEquals("Warning", headers.get(0).name());
    assertEquals("299 - \"unknown field \\\"spec.a\\\"\"", headers.get(0).value());
    assertEquals("299 - \"duplicate field \\\"metadata.name\\\"\"", headers.get(1).value());
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static JsonNode json(String s) {
    try {
      return Json.mapper().readTree(s);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
