package dev.orca.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orca.model.Deployment;
import dev.orca.model.Json;
import dev.orca.model.ListMeta;
import dev.orca.model.Node;
import dev.orca.model.Pod;
import dev.orca.model.PodSpec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UnknownFieldsTest {
  private static final String DEPLOYMENT = """
      {"apiVersion": "apps/v1", "kind": "Deployment",
       "metadata": {"name": "web", "labels": {"app": "web", "any.key/at-all": "x"}, "annotations": {"a": "b"}},
       "spec": {"replicas": 3, "selector": {"matchLabels": {"app": "web"}},
         "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": 1}},
         "template": {"metadata": {"labels": {"app": "web"}},
           "spec": {"containers": [
             {"name": "nginx", "image": "nginx:1.25", "ports": [{"containerPort": 80}],
              "resources": {"requests": {"cpu": "100m", "memory": "64Mi", "example.com/gpu": "1"}},
              "env": [{"name": "A", "value": "1"}]},
             {"name": "sidecar", "image": "busybox"}]}}}}
      """;

  @Test
  void aWholeModelledObjectHasNone() throws Exception {
    assertEquals(List.of(), UnknownFields.find(json(DEPLOYMENT), Deployment.class));
  }

  @Test
  void nestedFieldsAreNamedByTheirPath() throws Exception {
    JsonNode body = json(DEPLOYMENT.replace("\"replicas\"", "\"replicass\""));
    assertEquals(List.of("spec.replicass"), UnknownFields.find(body, Deployment.class));
    body = json(DEPLOYMENT.replace("\"maxSurge\"", "\"maxSurges\""));
    assertEquals(List.of("spec.strategy.rollingUpdate.maxSurges"), UnknownFields.find(body, Deployment.class));
  }

  @Test
  void listElementsAreNamedByTheirIndex() throws Exception {
    JsonNode body = json(DEPLOYMENT.replace("\"image\": \"busybox\"", "\"imagee\": \"busybox\"")
        .replace("\"containerPort\"", "\"containerPorts\""));
    assertEquals(List.of("spec.template.spec.containers[0].ports[0].containerPorts",
        "spec.template.spec.containers[1].imagee"), UnknownFields.find(body, Deployment.class));
  }

  @Test
  void mapsOfStringsTakeAnyKeyButTheirOwnerDoesNot() throws Exception {
    JsonNode body = json(DEPLOYMENT.replace("\"requests\"", "\"request\"").replace("\"annotations\"", "\"annotation\""));
    assertEquals(List.of("metadata.annotation", "spec.template.spec.containers[0].resources.request"),
        UnknownFields.find(body, Deployment.class));
  }

  @Test
  void mapValuesThatAreRecordsAreWalkedByKey() throws Exception {
    record Holder(Map<String, PodSpec> specs) {}
    JsonNode body = json("""
        {"specs": {"a": {"nodeName": "n1"}, "b": {"nodeNam": "n2", "containers": [{"name": "c", "imag": "x"}]}}}""");
    assertEquals(List.of("specs.b.nodeNam", "specs.b.containers[0].imag"), UnknownFields.find(body, Holder.class));
  }

  @Test
  void topLevelFieldsAndWhatIsUnderAnUnknownField() throws Exception {
    JsonNode body = json("""
        {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "nme": "x"},
         "specs": {"containers": [{"bogus": 1}]}, "spec": {"containers": []}}""");
    // Nothing under an unknown field is looked at.
    assertEquals(List.of("metadata.nme", "specs"), UnknownFields.find(body, Pod.class));
  }

  @Test
  void valuesOfTheWrongTypeAreLeftToDecoding() throws Exception {
    JsonNode body = json("""
        {"spec": "three", "metadata": {"labels": ["a"]}, "status": {"conditions": {"type": "Ready"}}}""");
    assertEquals(List.of(), UnknownFields.find(body, Node.class));
    // IntOrString reads from one value: an object there is a decoding error, not unknown fields.
    body = json(DEPLOYMENT.replace("\"25%\"", "{\"percent\": 25}"));
    assertEquals(List.of(), UnknownFields.find(body, Deployment.class));
  }

  @Test
  void jsonPropertyNamesCount() throws Exception {
    JsonNode body = json("{\"resourceVersion\": \"1\", \"continue\": \"abc\", \"continueToken\": \"x\"}");
    assertEquals(List.of("continueToken"), UnknownFields.find(body, ListMeta.class));
  }

  /** The body and the expected report of kube-apiserver's field validation integration test. */
  @Test
  void problemsOfRawJsonAreInKubeApiserversOrderWithDuplicates() {
    String body = """
        {
          "apiVersion": "apps/v1",
          "kind": "Deployment",
          "metadata": {
            "name": "dupename",
            "name": "web",
            "labels": {"app": "nginx"},
            "unknownMeta": "metaVal"
          },
          "spec": {
            "unknown1": "val1",
            "unknownDupe": "valDupe",
            "unknownDupe": "valDupe2",
            "paused": true,
            "paused": false,
            "selector": {"matchLabels": {"app": "nginx"}},
            "template": {
              "metadata": {"labels": {"app": "nginx"}},
              "spec": {
                "containers": [{
                  "name": "nginx",
                  "image": "nginx:latest",
                  "unknownNested": "val1",
                  "imagePullPolicy": "Always",
                  "imagePullPolicy": "Never"
                }]
              }
            }
          }
        }""";
    List<String> messages = UnknownFields.problems(body.getBytes(StandardCharsets.UTF_8), Deployment.class)
        .orElseThrow().stream().map(UnknownFields.Problem::message).toList();
    assertEquals(List.of(
        "duplicate field \"metadata.name\"",
        "unknown field \"metadata.unknownMeta\"",
        "unknown field \"spec.unknown1\"",
        "unknown field \"spec.unknownDupe\"",
        "duplicate field \"spec.paused\"",
        "unknown field \"spec.template.spec.containers[0].unknownNested\"",
        "duplicate field \"spec.template.spec.containers[0].imagePullPolicy\""), messages);
  }

  @Test
  void duplicateMapKeysAndRepeatedDuplicatesAreReportedOnce() {
    String body = "{\"metadata\": {\"labels\": {\"a\": \"1\", \"a\": \"2\", \"a\": \"3\"}, \"name\": \"x\"}}";
    List<UnknownFields.Problem> problems =
        UnknownFields.problems(body.getBytes(StandardCharsets.UTF_8), Pod.class).orElseThrow();
    assertEquals(List.of(new UnknownFields.Problem(UnknownFields.Kind.DUPLICATE, "metadata.labels.a")), problems);
  }

  @Test
  void problemsOfABodyThatIsNotJsonAreLeftToTheTree() {
    assertTrue(UnknownFields.problems("kind: Pod\nspec: {}\n".getBytes(StandardCharsets.UTF_8), Pod.class).isEmpty());
    assertTrue(UnknownFields.problems("{\"kind\": ".getBytes(StandardCharsets.UTF_8), Pod.class).isEmpty());
  }

  @Test
  void pathsAreQuotedAsGoQuotesThem() {
    assertEquals("unknown field \"metadata.labels.a\\\"b\"",
        new UnknownFields.Problem(UnknownFields.Kind.UNKNOWN, "metadata.labels.a\"b").message());
  }

  private static JsonNode json(String text) throws Exception {
    return Json.mapper().readTree(text);
  }
}
