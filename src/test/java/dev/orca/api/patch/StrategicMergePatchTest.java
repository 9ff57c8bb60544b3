package dev.orca.api.patch;

import static dev.orca.api.patch.JsonTesting.assertJson;
import static dev.orca.api.patch.JsonTesting.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

class StrategicMergePatchTest {
  private static final PatchSchema POD = PatchSchema.forKind("Pod");
  private static final PatchSchema DEPLOYMENT = PatchSchema.forKind("Deployment");
  private static final PatchSchema NODE = PatchSchema.forKind("Node");

  private static final String POD_JSON = """
      {"apiVersion":"v1","kind":"Pod",
       "metadata":{"name":"web","namespace":"default","labels":{"app":"web","tier":"front"},
                   "finalizers":["orca.dev/a","orca.dev/b"]},
       "spec":{
         "containers":[
           {"name":"web","image":"nginx:1.25",
            "ports":[{"containerPort":80,"protocol":"TCP"}],
            "env":[{"name":"A","value":"1"},{"name":"B","value":"2"}],
            "volumeMounts":[{"name":"data","mountPath":"/data"}]},
           {"name":"sidecar","image":"busybox:1.36","command":["sleep","3600"]}],
         "tolerations":[{"key":"node.kubernetes.io/not-ready","operator":"Exists","effect":"NoExecute","tolerationSeconds":300},
                        {"key":"node.kubernetes.io/unreachable","operator":"Exists","effect":"NoExecute","tolerationSeconds":300}],
         "nodeSelector":{"disk":"ssd"},
         "restartPolicy":"Always"},
       "status":{"phase":"Running",
         "conditions":[{"type":"Ready","status":"True"},{"type":"PodScheduled","status":"True"}]}}""";

  private static JsonNode pod(String patch) {
    return StrategicMergePatch.apply(json(POD_JSON), json(patch), POD);
  }

  private static JsonNode container(JsonNode pod, int index) {
    return pod.get("spec").get("containers").get(index);
  }

  private static PatchException failure(String original, String patch, PatchSchema schema) {
    return assertThrows(PatchException.class, () -> StrategicMergePatch.apply(json(original), json(patch), schema));
  }

  @Test
  void containersMergeByNameSoChangingOneImageKeepsTheOther() {
    JsonNode result = pod("{\"spec\":{\"containers\":[{\"name\":\"sidecar\",\"image\":\"busybox:1.37\"}]}}");
    assertEquals(2, result.get("spec").get("containers").size());
    assertJson(json(POD_JSON).get("spec").get("containers").get(0), container(result, 0));
    assertJson("{\"name\":\"sidecar\",\"image\":\"busybox:1.37\",\"command\":[\"sleep\",\"3600\"]}", container(result, 1));
  }

  @Test
  void envMergesByNameAndPortsByContainerPort() {
    JsonNode result = pod("""
        {"spec":{"containers":[{"name":"web",
          "env":[{"name":"B","value":"3"},{"name":"C","value":"4"}],
          "ports":[{"containerPort":80,"name":"http"}]}]}}""");
    assertJson("[{\"name\":\"A\",\"value\":\"1\"},{\"name\":\"B\",\"value\":\"3\"},{\"name\":\"C\",\"value\":\"4\"}]",
        container(result, 0).get("env"));
    assertJson("[{\"containerPort\":80,\"protocol\":\"TCP\",\"name\":\"http\"}]", container(result, 0).get("ports"));
    assertJson("[{\"name\":\"data\",\"mountPath\":\"/data\"}]", container(result, 0).get("volumeMounts"));
  }

  @Test
  void aValueNullInsideAMergedItemRemovesThatField() {
    JsonNode result = pod("{\"spec\":{\"containers\":[{\"name\":\"sidecar\",\"command\":null}]}}");
    assertJson("{\"name\":\"sidecar\",\"image\":\"busybox:1.36\"}", container(result, 1));
  }

  @Test
  void anItemAddedWithoutSetElementOrderGoesFirstAsInKube() {
    JsonNode result = pod("{\"spec\":{\"containers\":[{\"name\":\"log\",\"image\":\"fluent-bit:3\"}]}}");
    assertJson("[\"log\",\"web\",\"sidecar\"]", names(result.get("spec").get("containers")));
  }

  @Test
  void patchDeleteRemovesOneContainer() {
    JsonNode result = pod("{\"spec\":{\"containers\":[{\"name\":\"sidecar\",\"$patch\":\"delete\"}]}}");
    assertJson("[\"web\"]", names(result.get("spec").get("containers")));
    assertJson(json(POD_JSON).get("spec").get("containers").get(0), container(result, 0));
  }

  @Test
  void deletingAnItemTheListLacksChangesNothing() {
    JsonNode result = pod("{\"spec\":{\"containers\":[{\"name\":\"nope\",\"$patch\":\"delete\"}]}}");
    assertJson(json(POD_JSON), result);
  }

  @Test
  void setElementOrderOrdersTheMergedList() {
    JsonNode result = pod("""
        {"spec":{"$setElementOrder/containers":[{"name":"sidecar"},{"name":"log"},{"name":"web"}],
                 "containers":[{"name":"log","image":"fluent-bit:3"}]}}""");
    assertJson("[\"sidecar\",\"log\",\"web\"]", names(result.get("spec").get("containers")));
    assertJson(json(POD_JSON).get("spec").get("containers").get(0), container(result, 2));
  }

  @Test
  void setElementOrderWithoutTheListOnlyReorders() {
    JsonNode result = pod("{\"spec\":{\"$setElementOrder/containers\":[{\"name\":\"sidecar\"},{\"name\":\"web\"}]}}");
    assertJson("[\"sidecar\",\"web\"]", names(result.get("spec").get("containers")));
  }

  /** kube's test case "merge lists of maps" (patch_test.go), on a Pod's containers. */
  @Test
  void setElementOrderPlacesLiveItemsBetweenPatchItems() {
    String live = """
        {"spec":{"containers":[{"name":"1","other":"a"},{"name":"2","value":"2","other":"b"}]}}""";
    JsonNode result = StrategicMergePatch.apply(json(live), json("""
        {"spec":{"$setElementOrder/containers":[{"name":"4"},{"name":"1"},{"name":"2"},{"name":"3"}],
                 "containers":[{"name":"4","value":"4"},{"name":"3","value":"3"}]}}"""), POD);
    assertJson("""
        [{"name":"4","value":"4"},{"name":"1","other":"a"},{"name":"2","value":"2","other":"b"},{"name":"3","value":"3"}]""",
        result.get("spec").get("containers"));
  }

  @Test
  void setElementOrderThatDisagreesWithThePatchListIs400() {
    PatchException e = failure("{\"spec\":{\"containers\":[{\"name\":\"a\"},{\"name\":\"b\"}]}}", """
        {"spec":{"$setElementOrder/containers":[{"name":"a"},{"name":"b"}],
                 "containers":[{"name":"b","image":"x"},{"name":"a","image":"y"}]}}""", POD);
    assertEquals(PatchException.Kind.INVALID, e.kind());
    assertEquals("the order in patch list:\n[map[image:x name:b] map[image:y name:a]]\n"
        + " doesn't match $setElementOrder list:\n[map[name:a] map[name:b]]", e.getMessage());
  }

  @Test
  void retainKeysOnTheDeploymentStrategyWhenSwitchingToRecreate() {
    JsonNode deployment = json("""
        {"spec":{"replicas":3,
                 "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":"25%","maxSurge":"25%"}}}}""");
    // what kubectl apply sends when the manifest's strategy becomes {type: Recreate}
    JsonNode patch = json("{\"spec\":{\"strategy\":{\"$retainKeys\":[\"type\"],\"rollingUpdate\":null,\"type\":\"Recreate\"}}}");
    JsonNode result = StrategicMergePatch.apply(deployment, patch, DEPLOYMENT);
    assertJson("{\"spec\":{\"replicas\":3,\"strategy\":{\"type\":\"Recreate\"}}}", result);
    // without the null the key still goes, since it is not retained
    assertJson("{\"spec\":{\"replicas\":3,\"strategy\":{\"type\":\"Recreate\"}}}", StrategicMergePatch.apply(deployment,
        json("{\"spec\":{\"strategy\":{\"$retainKeys\":[\"type\"],\"type\":\"Recreate\"}}}"), DEPLOYMENT));
  }

  @Test
  void retainKeysMustListEveryKeyThePatchSets() {
    PatchException e = failure("{\"spec\":{\"strategy\":{\"type\":\"RollingUpdate\"}}}",
        "{\"spec\":{\"strategy\":{\"$retainKeys\":[\"type\"],\"type\":\"RollingUpdate\",\"rollingUpdate\":{\"maxSurge\":1}}}}",
        DEPLOYMENT);
    assertEquals(PatchException.Kind.INVALID, e.kind());
    assertEquals("invalid patch format of retainKeys", e.getMessage());
    assertEquals("invalid patch format of retainKeys",
        failure("{}", "{\"spec\":{\"$retainKeys\":\"type\"}}", DEPLOYMENT).getMessage());
  }

  @Test
  void tolerationsHaveNoMergeKeySoThePatchReplacesThem() {
    JsonNode result = pod("{\"spec\":{\"tolerations\":[{\"key\":\"dedicated\",\"operator\":\"Equal\",\"value\":\"gpu\",\"effect\":\"NoSchedule\"}]}}");
    assertJson("[{\"key\":\"dedicated\",\"operator\":\"Equal\",\"value\":\"gpu\",\"effect\":\"NoSchedule\"}]",
        result.get("spec").get("tolerations"));
  }

  @Test
  void nullRemovesALabelAndOtherKeysMerge() {
    JsonNode result = pod("{\"metadata\":{\"labels\":{\"tier\":null,\"track\":\"canary\"}}}");
    assertJson("{\"app\":\"web\",\"track\":\"canary\"}", result.get("metadata").get("labels"));
  }

  @Test
  void nullForAKeyTheObjectLacksIsDropped() {
    JsonNode result = pod("{\"metadata\":{\"annotations\":{\"a\":null,\"b\":\"1\"}},\"spec\":{\"priority\":null}}");
    assertJson("{\"b\":\"1\"}", result.get("metadata").get("annotations"));
    assertEquals(false, result.get("spec").has("priority"));
  }

  @Test
  void finalizersMergeAsASetAndDeleteFromPrimitiveListRemoves() {
    JsonNode added = pod("{\"metadata\":{\"finalizers\":[\"orca.dev/b\",\"orca.dev/c\"]}}");
    assertJson("[\"orca.dev/a\",\"orca.dev/b\",\"orca.dev/c\"]", added.get("metadata").get("finalizers"));
    JsonNode removed = pod("{\"metadata\":{\"$deleteFromPrimitiveList/finalizers\":[\"orca.dev/a\"]}}");
    assertJson("[\"orca.dev/b\"]", removed.get("metadata").get("finalizers"));
  }

  /** kube's test case "add and delete items in lists of scalars", on finalizers. */
  @Test
  void primitiveListWithOrderAdditionAndDeletion() {
    JsonNode result = StrategicMergePatch.apply(json("{\"metadata\":{\"finalizers\":[\"1\",\"2\",\"3\",\"4\"]}}"), json("""
        {"metadata":{"$setElementOrder/finalizers":["1","2","4"],
                     "$deleteFromPrimitiveList/finalizers":["3"],
                     "finalizers":["4"]}}"""), POD);
    assertJson("[\"1\",\"2\",\"4\"]", result.get("metadata").get("finalizers"));
  }

  @Test
  void ownerReferencesMergeByUid() {
    String live = """
        {"metadata":{"ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"web-1","uid":"u1","controller":true}]}}""";
    JsonNode result = StrategicMergePatch.apply(json(live), json("""
        {"metadata":{"ownerReferences":[{"uid":"u1","blockOwnerDeletion":true},{"apiVersion":"v1","kind":"Node","name":"n","uid":"u2"}]}}"""),
        PatchSchema.forKind("ReplicaSet"));
    assertJson("""
        [{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"web-1","uid":"u1","controller":true,"blockOwnerDeletion":true},
         {"apiVersion":"v1","kind":"Node","name":"n","uid":"u2"}]""", result.get("metadata").get("ownerReferences"));
  }

  @Test
  void statusConditionsMergeByType() {
    JsonNode result = pod("{\"status\":{\"conditions\":[{\"type\":\"Ready\",\"status\":\"False\",\"reason\":\"ContainersNotReady\"}]}}");
    assertJson("""
        [{"type":"Ready","status":"False","reason":"ContainersNotReady"},{"type":"PodScheduled","status":"True"}]""",
        result.get("status").get("conditions"));
  }

  @Test
  void nodeTaintsAreReplacedAndAddressesMergeByType() {
    String node = """
        {"spec":{"taints":[{"key":"a","effect":"NoSchedule"},{"key":"b","effect":"NoExecute"}]},
         "status":{"addresses":[{"type":"InternalIP","address":"192.168.0.11"},{"type":"Hostname","address":"node-2"}]}}""";
    JsonNode result = StrategicMergePatch.apply(json(node), json("""
        {"spec":{"taints":[{"key":"b","effect":"NoSchedule"}]},
         "status":{"addresses":[{"type":"InternalIP","address":"192.168.0.12"}]}}"""), NODE);
    assertJson("[{\"key\":\"b\",\"effect\":\"NoSchedule\"}]", result.get("spec").get("taints"));
    assertJson("[{\"type\":\"InternalIP\",\"address\":\"192.168.0.12\"},{\"type\":\"Hostname\",\"address\":\"node-2\"}]",
        result.get("status").get("addresses"));
  }

  @Test
  void rolloutRestartAddsTheTemplateAnnotation() {
    String deployment = """
        {"spec":{"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"nginx","image":"nginx:1.25"}]}}}}""";
    JsonNode result = StrategicMergePatch.apply(json(deployment), json("""
        {"spec":{"template":{"metadata":{"annotations":{"kubectl.kubernetes.io/restartedAt":"2026-11-27T00:29:17Z"}}}}}"""),
        DEPLOYMENT);
    assertJson("""
        {"spec":{"template":{"metadata":{"labels":{"app":"web"},
                                         "annotations":{"kubectl.kubernetes.io/restartedAt":"2026-11-27T00:29:17Z"}},
                             "spec":{"containers":[{"name":"nginx","image":"nginx:1.25"}]}}}}""", result);
  }

  @Test
  void patchReplaceOnAMapAndOnAList() {
    JsonNode labels = pod("{\"metadata\":{\"labels\":{\"$patch\":\"replace\",\"only\":\"this\"}}}");
    assertJson("{\"only\":\"this\"}", labels.get("metadata").get("labels"));
    JsonNode containers = pod("{\"spec\":{\"containers\":[{\"name\":\"solo\",\"image\":\"x\"},{\"$patch\":\"replace\"}]}}");
    assertJson("[{\"name\":\"solo\",\"image\":\"x\"}]", containers.get("spec").get("containers"));
  }

  @Test
  void patchDeleteOnAMapEmptiesIt() {
    JsonNode result = pod("{\"spec\":{\"nodeSelector\":{\"$patch\":\"delete\"}}}");
    assertJson("{}", result.get("spec").get("nodeSelector"));
  }

  @Test
  void fieldsTheSchemaDoesNotKnowMergeAsAJsonMergePatch() {
    JsonNode result = StrategicMergePatch.apply(json("{\"spec\":{\"extra\":{\"a\":1,\"list\":[{\"name\":\"x\",\"v\":1}]}}}"),
        json("{\"spec\":{\"extra\":{\"b\":2,\"list\":[{\"name\":\"y\"}]}}}"), POD);
    assertJson("{\"spec\":{\"extra\":{\"a\":1,\"b\":2,\"list\":[{\"name\":\"y\"}]}}}", result);
    JsonNode noSchema = StrategicMergePatch.apply(json(POD_JSON),
        json("{\"spec\":{\"containers\":[{\"name\":\"solo\"}]}}"), PatchSchema.NONE);
    assertJson("[{\"name\":\"solo\"}]", noSchema.get("spec").get("containers"));
  }

  @Test
  void directivesInValuesTheObjectLacksAreAppliedToNothing() {
    JsonNode result = StrategicMergePatch.apply(json("{\"spec\":{}}"), json("""
        {"spec":{"$setElementOrder/containers":[{"name":"b"},{"name":"a"}],
                 "containers":[{"name":"b"},{"name":"a","env":[{"name":"X","value":null}]},{"name":"c","$patch":"delete"}]}}"""),
        POD);
    assertJson("{\"spec\":{\"containers\":[{\"name\":\"b\"},{\"name\":\"a\",\"env\":[{\"name\":\"X\"}]}]}}", result);
  }

  @Test
  void neitherInputIsChanged() {
    JsonNode live = json(POD_JSON);
    JsonNode patch = json("{\"spec\":{\"containers\":[{\"name\":\"sidecar\",\"$patch\":\"delete\"}]},\"metadata\":{\"labels\":null}}");
    StrategicMergePatch.apply(live, patch, POD);
    assertJson(json(POD_JSON), live);
    assertJson("{\"spec\":{\"containers\":[{\"name\":\"sidecar\",\"$patch\":\"delete\"}]},\"metadata\":{\"labels\":null}}", patch);
  }

  @Test
  void malformedDirectivesAre400() {
    PatchException noKey = failure(POD_JSON, "{\"spec\":{\"containers\":[{\"image\":\"nginx\"}]}}", POD);
    assertEquals(PatchException.Kind.INVALID, noKey.kind());
    assertEquals("map: map[image:nginx] does not contain declared merge key: name", noKey.getMessage());
    assertEquals("unknown patch type: shuffle in map: map[$patch:shuffle name:web]",
        failure(POD_JSON, "{\"spec\":{\"containers\":[{\"name\":\"web\",\"$patch\":\"shuffle\"}]}}", POD).getMessage());
    assertEquals("unknown patch type: shuffle in map: map[$patch:shuffle]",
        failure(POD_JSON, "{\"metadata\":{\"labels\":{\"$patch\":\"shuffle\"}}}", POD).getMessage());
    assertEquals("merging lists cannot yet be specified in the patch",
        failure(POD_JSON, "{\"spec\":{\"containers\":[{\"$patch\":\"merge\"}]}}", POD).getMessage());
    assertEquals("invalid patch format of setElementOrder list",
        failure(POD_JSON, "{\"spec\":{\"$setElementOrderContainers\":[]}}", POD).getMessage());
    assertEquals("invalid patch format of primitive list",
        failure(POD_JSON, "{\"metadata\":{\"$deleteFromPrimitiveList\":[\"a\"]}}", POD).getMessage());
    assertEquals("list element types are not identical: [[map[name:a]] [b]]",
        failure("{\"spec\":{\"containers\":[{\"name\":\"a\"}]}}", "{\"spec\":{\"containers\":[\"b\"]}}", POD).getMessage());
    assertEquals("json: cannot unmarshal array into Go value of type map[string]interface {}",
        failure(POD_JSON, "[]", POD).getMessage());
  }

  @Test
  void listsOfListsAre422() {
    PatchException e = failure("{\"metadata\":{\"finalizers\":[\"a\"]}}", "{\"metadata\":{\"finalizers\":[[\"b\"]]}}", POD);
    assertEquals(PatchException.Kind.UNPROCESSABLE, e.kind());
    assertEquals("lists of lists are not supported", e.detail());
  }

  private static JsonNode names(JsonNode list) {
    ArrayNode names = JsonNodeFactory.instance.arrayNode();
    list.forEach(item -> names.add(item.get("name")));
    return names;
  }
}
