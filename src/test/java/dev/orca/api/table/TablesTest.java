package dev.orca.api.table;

import static dev.orca.api.table.TableFixtures.NOW;
import static dev.orca.api.table.TableFixtures.conditions;
import static dev.orca.api.table.TableFixtures.container;
import static dev.orca.api.table.TableFixtures.labels;
import static dev.orca.api.table.TableFixtures.pod;
import static dev.orca.api.table.TableFixtures.podStatus;
import static dev.orca.api.table.TableFixtures.running;
import static dev.orca.api.table.TableFixtures.spec;
import static dev.orca.api.table.TableFixtures.status;
import static dev.orca.api.table.TableFixtures.terminated;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orca.model.Deployment;
import dev.orca.model.DeploymentStatus;
import dev.orca.model.Json;
import dev.orca.model.LabelSelector;
import dev.orca.model.ObjectMeta;
import dev.orca.model.OwnerReference;
import dev.orca.model.Pod;
import dev.orca.model.PodTemplateSpec;
import dev.orca.model.ResourceType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TablesTest {
  /** kubectl 1.32's Accept for {@code get} (get-pods.server.log). */
  private static final String KUBECTL_ACCEPT = "application/json;as=Table;v=v1;g=meta.k8s.io,"
      + "application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";

  // The column definitions of the recordings, without the descriptions (see descriptionsAreKubes).
  /** get-pods.server.log #43 (the last column's tail is cut off in the log; kube names it Readiness Gates). */
  private static final String WIRE_POD_COLUMNS = "[{'name':'Name','type':'string','format':'name','priority':0},"
      + "{'name':'Ready','type':'string','format':'','priority':0},"
      + "{'name':'Status','type':'string','format':'','priority':0},"
      + "{'name':'Restarts','type':'string','format':'','priority':0},"
      + "{'name':'Age','type':'string','format':'','priority':0},"
      + "{'name':'IP','type':'string','format':'','priority':1},"
      + "{'name':'Node','type':'string','format':'','priority':1},"
      + "{'name':'Nominated Node','type':'string','format':'','priority':1},"
      + "{'name':'Readiness Gates','type':'string','format':'','priority':1}]";
  /** get-nodes.server.log #66 (Container-Runtime's priority is cut off in the log). */
  private static final String WIRE_NODE_COLUMNS = "[{'name':'Name','type':'string','format':'name','priority':0},"
      + "{'name':'Status','type':'string','format':'','priority':0},"
      + "{'name':'Roles','type':'string','format':'','priority':0},"
      + "{'name':'Age','type':'string','format':'','priority':0},"
      + "{'name':'Version','type':'string','format':'','priority':0},"
      + "{'name':'Internal-IP','type':'string','format':'','priority':1},"
      + "{'name':'External-IP','type':'string','format':'','priority':1},"
      + "{'name':'OS-Image','type':'string','format':'','priority':1},"
      + "{'name':'Kernel-Version','type':'string','format':'','priority':1},"
      + "{'name':'Container-Runtime','type':'string','format':'','priority':1}]";
  /** get-deploy-rs-pods.server.log #60. */
  private static final String WIRE_DEPLOYMENT_COLUMNS = "[{'name':'Name','type':'string','format':'name','priority':0},"
      + "{'name':'Ready','type':'string','format':'','priority':0},"
      + "{'name':'Up-to-date','type':'integer','format':'','priority':0},"
      + "{'name':'Available','type':'integer','format':'','priority':0},"
      + "{'name':'Age','type':'string','format':'','priority':0},"
      + "{'name':'Containers','type':'string','format':'','priority':1},"
      + "{'name':'Images','type':'string','format':'','priority':1},"
      + "{'name':'Selector','type':'string','format':'','priority':1}]";
  /** get-deploy-rs-pods.server.log #61. */
  private static final String WIRE_REPLICA_SET_COLUMNS = "[{'name':'Name','type':'string','format':'name','priority':0},"
      + "{'name':'Desired','type':'integer','format':'','priority':0},"
      + "{'name':'Current','type':'integer','format':'','priority':0},"
      + "{'name':'Ready','type':'integer','format':'','priority':0},"
      + "{'name':'Age','type':'string','format':'','priority':0},"
      + "{'name':'Containers','type':'string','format':'','priority':1},"
      + "{'name':'Images','type':'string','format':'','priority':1},"
      + "{'name':'Selector','type':'string','format':'','priority':1}]";

  /** The whole Deployment Table of get-deploy-pods-nocolformat.server.log #92, less its column definitions. */
  private static final String WIRE_DEPLOYMENT_TABLE = "{'kind': 'Table', 'apiVersion': 'meta.k8s.io/v1', "
      + "'metadata': {'resourceVersion': '1042'}, 'rows': [{'cells': ['web', '3/3', 3, 3, '14s', 'nginx', "
      + "'nginx:1.25', 'app=web'], 'object': {'kind': 'PartialObjectMetadata', 'apiVersion': 'meta.k8s.io/v1', "
      + "'metadata': {'labels': {'app': 'web'}, 'name': 'web', 'namespace': 'default', "
      + "'uid': '8fe8a188-a798-4389-9cff-3a96e5dd3612', 'creationTimestamp': '2026-11-27T00:28:40Z', "
      + "'generation': 1, 'resourceVersion': '1042', "
      + "'annotations': {'deployment.kubernetes.io/revision': '1'}}}}]}";
  /** The first row of the Pod Table of get-deploy-pods-nocolformat.server.log #93. */
  private static final String WIRE_POD_ROW = "{'cells': ['web-9hggkk59kz-m2w6k', '1/1', 'Running', '0', '14s', "
      + "'10.244.0.16', 'node-1', '<none>', '<none>'], 'object': {'kind': 'PartialObjectMetadata', "
      + "'apiVersion': 'meta.k8s.io/v1', 'metadata': {'name': 'web-9hggkk59kz-m2w6k', 'namespace': 'default', "
      + "'labels': {'app': 'web', 'pod-template-hash': '9hggkk59kz'}, 'ownerReferences': [{'apiVersion': 'apps/v1', "
      + "'kind': 'ReplicaSet', 'name': 'web-9hggkk59kz', 'uid': '2d2333cf-8100-40ae-b445-ec71cbf8af58', "
      + "'controller': true, 'blockOwnerDeletion': true}], 'uid': 'ed598ba1-ff14-47df-820a-8a10794217ca', "
      + "'creationTimestamp': '2026-11-27T00:28:40Z', 'generation': 1, 'resourceVersion': '1035'}}}";

  private static JsonNode json(String singleQuoted) {
    try {
      return Json.mapper().readTree(singleQuoted.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The recorded Deployment "web". */
  static Deployment web() {
    ObjectMeta meta = new ObjectMeta("web", null, "default", "8fe8a188-a798-4389-9cff-3a96e5dd3612",
        Map.of("app", "web"), Map.of("deployment.kubernetes.io/revision", "1"), null, null, "2026-11-27T00:28:40Z",
        null, null, 1L, "1042");
    return new Deployment(Deployment.API_VERSION, Deployment.KIND, meta,
        new dev.orca.model.DeploymentSpec(3, new LabelSelector(Map.of("app", "web"), null),
            new PodTemplateSpec(ObjectMeta.named(null, null).withLabels(Map.of("app", "web")),
                spec(null, container("nginx", "nginx:1.25"))), null, null, null, null, null),
        new DeploymentStatus(1L, 3, 3, 3, 3, null, null, null));
  }

  /** The recorded pod web-9hggkk59kz-m2w6k. */
  static Pod webPod() {
    ObjectMeta meta = new ObjectMeta("web-9hggkk59kz-m2w6k", null, "default", "ed598ba1-ff14-47df-820a-8a10794217ca",
        labels("app", "web", "pod-template-hash", "9hggkk59kz"), null,
        List.of(new OwnerReference("apps/v1", "ReplicaSet", "web-9hggkk59kz", "2d2333cf-8100-40ae-b445-ec71cbf8af58",
            true, true)), null, "2026-11-27T00:28:40Z", null, null, 1L, "1035");
    return pod(meta, spec("node-1", container("nginx", "nginx:1.25")), podStatus("Running", conditions(true), null,
        "10.244.0.16", status("nginx", running(Duration.ofSeconds(13)), null, true, 0)));
  }

  /** A node as a client reads it off the wire: numbers as the smallest type that holds them. */
  private static JsonNode wire(JsonNode node) {
    return json(node.toString());
  }

  /** name, type, format and priority of each column definition. */
  private static JsonNode withoutDescriptions(JsonNode columns) {
    ArrayNode out = Json.mapper().createArrayNode();
    for (JsonNode c : columns) {
      ObjectNode copy = ((ObjectNode) c).deepCopy();
      copy.remove("description");
      out.add(copy);
    }
    return out;
  }

  private static ObjectNode list(ResourceType type, List<? extends dev.orca.model.KubeObject> objects) {
    return Tables.table(type, objects, "1042", null, NOW, IncludeObject.METADATA);
  }

  @Test
  void aDeploymentTableIsTheRecordedOne() {
    ObjectNode table = list(ResourceType.DEPLOYMENT, List.of(web()));
    ObjectNode expected = (ObjectNode) json(WIRE_DEPLOYMENT_TABLE);
    assertEquals(List.of("kind", "apiVersion", "metadata", "columnDefinitions", "rows"), fieldNames(table));
    table.remove("columnDefinitions");
    assertEquals(expected, wire(table));
  }

  @Test
  void aPodTableRowIsTheRecordedOne() {
    ObjectNode table = list(ResourceType.POD, List.of(webPod()));
    assertEquals(json(WIRE_POD_ROW), wire(table.get("rows").get(0)));
    assertEquals(List.of("cells", "object"), fieldNames(table.get("rows").get(0)));
  }

  @Test
  void columnDefinitionsHaveTheRecordedNamesFormatsAndPriorities() {
    assertEquals(json(WIRE_POD_COLUMNS), withoutDescriptions(Tables.columnDefinitions(ResourceType.POD)));
    assertEquals(json(WIRE_NODE_COLUMNS), withoutDescriptions(Tables.columnDefinitions(ResourceType.NODE)));
    assertEquals(json(WIRE_REPLICA_SET_COLUMNS),
        withoutDescriptions(Tables.columnDefinitions(ResourceType.REPLICA_SET)));
    // kube-apiserver declares these two as string columns (with integer cells); the recording
    // server said integer. kube's printers win.
    JsonNode deployment = json(WIRE_DEPLOYMENT_COLUMNS);
    ((ObjectNode) deployment.get(2)).put("type", "string");
    ((ObjectNode) deployment.get(3)).put("type", "string");
    assertEquals(deployment, withoutDescriptions(Tables.columnDefinitions(ResourceType.DEPLOYMENT)));
  }

  @Test
  void descriptionsAreKubes() {
    // The recording server shortened these (e.g. Name: "Name must be unique within a namespace.",
    // Node Status: "Status"); kube-apiserver sends the API documentation and its printers' texts.
    JsonNode pod = Tables.columnDefinitions(ResourceType.POD);
    assertTrue(pod.get(0).get("description").asText().startsWith("Name must be unique within a namespace. Is "));
    assertEquals("The aggregate readiness state of this pod for accepting traffic.",
        pod.get(1).get("description").asText());
    assertTrue(pod.get(4).get("description").asText().startsWith("CreationTimestamp is a timestamp representing the "
        + "server time when this object was created. It is not guaranteed"));
    assertEquals("The status of the node", Tables.columnDefinitions(ResourceType.NODE).get(1).get("description")
        .asText());
    assertEquals("Number of the pod with ready state",
        Tables.columnDefinitions(ResourceType.DEPLOYMENT).get(1).get("description").asText());
    assertEquals("The number of ready replicas for this replica set.",
        Tables.columnDefinitions(ResourceType.REPLICA_SET).get(3).get("description").asText());
    assertEquals(List.of("name", "type", "format", "description", "priority"),
        fieldNames(Tables.columnDefinitions(ResourceType.NAMESPACE).get(0)));
  }

  @Test
  void eventAndNamespaceColumns() {
    JsonNode events = withoutDescriptions(Tables.columnDefinitions(ResourceType.EVENT));
    assertEquals(json("[{'name':'Last Seen','type':'string','format':'','priority':0},"
        + "{'name':'Type','type':'string','format':'','priority':0},"
        + "{'name':'Reason','type':'string','format':'','priority':0},"
        + "{'name':'Object','type':'string','format':'','priority':0},"
        + "{'name':'Subobject','type':'string','format':'','priority':1},"
        + "{'name':'Source','type':'string','format':'','priority':1},"
        + "{'name':'Message','type':'string','format':'','priority':0},"
        + "{'name':'First Seen','type':'string','format':'','priority':1},"
        + "{'name':'Count','type':'string','format':'','priority':1},"
        + "{'name':'Name','type':'string','format':'name','priority':1}]"), events);
    assertEquals(json("[{'name':'Name','type':'string','format':'name','priority':0},"
        + "{'name':'Status','type':'string','format':'','priority':0},"
        + "{'name':'Age','type':'string','format':'','priority':0}]"),
        withoutDescriptions(Tables.columnDefinitions(ResourceType.NAMESPACE)));
  }

  @Test
  void everyKindHasItsOwnPrinterAndTheDefaultIsNameAndAge() {
    for (ResourceType type : ResourceType.values()) {
      assertNotSame(TablePrinters.defaultPrinter(), TablePrinters.of(type), type.name());
    }
    List<Column> columns = TablePrinters.defaultPrinter().columns();
    assertEquals(List.of("Name", "Age"), columns.stream().map(Column::name).toList());
    assertEquals("date", columns.get(1).type());
    assertEquals(List.of("web", "14s"), TablePrinters.defaultPrinter().row(web(), NOW).cells());
  }

  @Test
  void anEmptyListIsATableWithoutRows() {
    ObjectNode table = Tables.table(ResourceType.POD, List.of(), "7", "", NOW, IncludeObject.METADATA);
    assertEquals(json("{'resourceVersion':'7'}"), table.get("metadata"));
    assertTrue(table.get("rows").isArray());
    assertEquals(0, table.get("rows").size());
    assertEquals(9, table.get("columnDefinitions").size());
  }

  @Test
  void aPagedListCarriesItsContinueToken() {
    ObjectNode table = Tables.table(ResourceType.POD, List.of(webPod()), "1042", "eyJydiI6MTA0Mn0", NOW,
        IncludeObject.METADATA);
    assertEquals(json("{'resourceVersion':'1042','continue':'eyJydiI6MTA0Mn0'}"), table.get("metadata"));
    assertEquals(json("{}"), Tables.table(ResourceType.POD, List.of(), null, null, NOW, IncludeObject.METADATA)
        .get("metadata"));
  }

  @Test
  void includeObjectNoneAndObject() {
    JsonNode none = Tables.table(ResourceType.DEPLOYMENT, List.of(web()), "1042", null, NOW, IncludeObject.NONE)
        .get("rows").get(0);
    assertTrue(none.has("object"));
    assertTrue(none.get("object").isNull());

    JsonNode whole = Tables.table(ResourceType.DEPLOYMENT, List.of(web()), "1042", null, NOW, IncludeObject.OBJECT)
        .get("rows").get(0).get("object");
    assertEquals(Json.mapper().valueToTree(web()), whole);
    assertEquals(List.of("apiVersion", "kind", "metadata", "spec", "status"), fieldNames(whole));
  }

  @Test
  void includeObjectQueryValues() {
    assertEquals(IncludeObject.METADATA, IncludeObject.fromQuery(null));
    assertEquals(IncludeObject.METADATA, IncludeObject.fromQuery(""));
    assertEquals(IncludeObject.METADATA, IncludeObject.fromQuery("Metadata"));
    assertEquals(IncludeObject.OBJECT, IncludeObject.fromQuery("Object"));
    assertEquals(IncludeObject.NONE, IncludeObject.fromQuery("None"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IncludeObject.fromQuery("object"));
    assertEquals("unrecognized includeObject value: \"object\"", e.getMessage());
  }

  @Test
  void aV1beta1TableSaysSoTwice() {
    ObjectNode table = Tables.table(TableVersion.V1BETA1, ResourceType.POD, List.of(webPod()), "1042", null, NOW,
        IncludeObject.METADATA);
    assertEquals("meta.k8s.io/v1beta1", table.get("apiVersion").asText());
    assertEquals("meta.k8s.io/v1beta1", table.get("rows").get(0).get("object").get("apiVersion").asText());
  }

  @Test
  void finishedPodsCarryTheCompletedRowCondition() {
    Pod done = pod(webPod().metadata().withName("job-1"), spec("node-1", container("job", "busybox")),
        podStatus("Succeeded", conditions(false), null, null,
            status("job", terminated(0, "Completed", Duration.ofSeconds(5)), null, false, 0)));
    JsonNode row = list(ResourceType.POD, List.of(done)).get("rows").get(0);
    assertEquals(List.of("cells", "conditions", "object"), fieldNames(row));
    assertEquals(json("[{'type':'Completed','status':'True','reason':'Succeeded',"
        + "'message':'The pod has completed successfully.'}]"), row.get("conditions"));
  }

  @Test
  void aWatchEventObjectIsAOneRowTableWithTheObjectsResourceVersion() {
    ObjectNode event = Tables.row(ResourceType.POD, webPod(), NOW, IncludeObject.METADATA, true);
    assertEquals("Table", event.get("kind").asText());
    assertEquals(json("{'resourceVersion':'1035'}"), event.get("metadata"));
    assertEquals(Tables.columnDefinitions(ResourceType.POD), event.get("columnDefinitions"));
    assertEquals(1, event.get("rows").size());
    assertEquals(json(WIRE_POD_ROW), wire(event.get("rows").get(0)));

    ObjectNode later = Tables.row(ResourceType.POD, webPod(), NOW, IncludeObject.METADATA, false);
    assertTrue(later.has("columnDefinitions"));
    assertTrue(later.get("columnDefinitions").isNull());
    assertEquals(event.get("rows"), later.get("rows"));
  }

  @Test
  void aTableWatchSendsColumnDefinitionsWithTheFirstEventOnly() {
    TableWatch watch = new TableWatch(ResourceType.POD, TableVersion.V1, IncludeObject.METADATA);
    assertTrue(watch.next(webPod(), NOW).get("columnDefinitions").isArray());
    assertTrue(watch.next(webPod(), NOW).get("columnDefinitions").isNull());

    TableWatch afterError = new TableWatch(ResourceType.POD, TableVersion.V1, IncludeObject.METADATA);
    afterError.skipped();
    assertTrue(afterError.next(webPod(), NOW).get("columnDefinitions").isNull());
  }

  @Test
  void kubectlsAcceptAsksForAV1Table() {
    assertEquals(Optional.of(TableVersion.V1), Tables.accepts(KUBECTL_ACCEPT));
    assertEquals(Optional.of(TableVersion.V1BETA1),
        Tables.accepts("application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json"));
    assertEquals(Optional.of(TableVersion.V1), Tables.accepts("application/json; as=Table; g=meta.k8s.io; v=v1"));
    assertEquals(Optional.of(TableVersion.V1), Tables.accepts("*/*;as=Table;v=v1;g=meta.k8s.io"));
  }

  @Test
  void plainAcceptsAskForNoTable() {
    assertEquals(Optional.empty(), Tables.accepts(null));
    assertEquals(Optional.empty(), Tables.accepts(""));
    assertEquals(Optional.empty(), Tables.accepts("application/json"));
    assertEquals(Optional.empty(), Tables.accepts("*/*"));
    assertEquals(Optional.empty(), Tables.accepts("application/yaml"));
    assertEquals(Optional.empty(), Tables.accepts("application/vnd.kubernetes.protobuf,application/json"));
    assertEquals(Optional.empty(), Tables.accepts("application/json, " + KUBECTL_ACCEPT));
    assertEquals(Optional.empty(), Tables.accepts("application/yaml," + KUBECTL_ACCEPT));
  }

  @Test
  void tableRangesTheServerCannotAnswerArePassedOver() {
    assertEquals(Optional.empty(), Tables.accepts("application/json;as=Table;v=v2;g=meta.k8s.io,application/json"));
    assertEquals(Optional.empty(), Tables.accepts("application/json;as=Table;g=meta.k8s.io"));
    assertEquals(Optional.empty(), Tables.accepts("application/json;as=Table;v=v1;g=apps"));
    assertEquals(Optional.empty(), Tables.accepts("application/json;as=table;v=v1;g=meta.k8s.io"));
    assertEquals(Optional.of(TableVersion.V1), Tables.accepts(
        "application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io," + KUBECTL_ACCEPT));
    assertEquals(Optional.of(TableVersion.V1), Tables.accepts(
        "application/vnd.kubernetes.protobuf;as=Table;v=v1;g=meta.k8s.io," + KUBECTL_ACCEPT));
  }

  @Test
  void qValuesOrderTheRanges() {
    assertEquals(Optional.of(TableVersion.V1),
        Tables.accepts("application/json;q=0.5,application/json;as=Table;v=v1;g=meta.k8s.io"));
    assertEquals(Optional.empty(),
        Tables.accepts("application/json;as=Table;v=v1;g=meta.k8s.io;q=0.5,application/json"));
    assertEquals(Optional.of(TableVersion.V1BETA1), Tables.accepts("application/json;as=Table;v=v1;g=meta.k8s.io;q=0,"
        + "application/json;as=Table;v=v1beta1;g=meta.k8s.io"));
    assertEquals(Optional.of(TableVersion.V1),
        Tables.accepts("*/*,application/json;as=Table;v=v1;g=meta.k8s.io"));
  }

  @Test
  void aPrinterGivenTheWrongKindSaysSo() {
    assertThrows(IllegalArgumentException.class,
        () -> Tables.table(ResourceType.NODE, List.of(webPod()), "1", null, NOW, IncludeObject.METADATA));
  }

  @Test
  void rowsFollowTheListOrder() {
    Pod a = webPod();
    Pod b = pod(a.metadata().withName("web-9hggkk59kz-wh8kh"), spec("node-2", container("nginx", "nginx:1.25")),
        podStatus("Running", conditions(true), null, "10.244.0.17",
            status("nginx", running(Duration.ofSeconds(13)), null, true, 0)));
    JsonNode rows = list(ResourceType.POD, List.of(a, b)).get("rows");
    // get-deploy-pods-nocolformat.server.log #93, second row
    assertEquals(json("['web-9hggkk59kz-wh8kh', '1/1', 'Running', '0', '14s', '10.244.0.17', 'node-2', '<none>', "
        + "'<none>']"), rows.get(1).get("cells"));
    assertEquals(2, rows.size());
    assertEquals("web-9hggkk59kz-m2w6k", rows.get(0).get("cells").get(0).asText());
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
