package dev.orca.api.table;

import static dev.orca.api.table.TableFixtures.NOW;
import static dev.orca.api.table.TableFixtures.ago;
import static dev.orca.api.table.TableFixtures.labels;
import static dev.orca.api.table.TableFixtures.meta;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.orca.model.Node;
import dev.orca.model.NodeAddress;
import dev.orca.model.NodeCondition;
import dev.orca.model.NodeSpec;
import dev.orca.model.NodeStatus;
import dev.orca.model.NodeSystemInfo;
import dev.orca.model.ObjectMeta;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodePrinterTest {
  /** What WorkerNodes reports: no kernel version. */
  private static final NodeSystemInfo SIMULATED = new NodeSystemInfo(null, null, null, null, "Orca simulated node",
      "orca-sim://0.1", "v1.32.0-orca", null, "linux", "amd64");

  private static Node node(String name, Map<String, String> labels, Boolean unschedulable, String ready) {
    ObjectMeta meta = meta(null, name, Duration.ofDays(5).plusHours(3)).withLabels(labels);
    List<NodeCondition> conditions = ready == null ? null : List.of(
        new NodeCondition("MemoryPressure", "False", "KubeletHasSufficientMemory", null, ago(Duration.ofSeconds(4)),
            ago(Duration.ofDays(5))),
        new NodeCondition("Ready", ready, "True".equals(ready) ? "KubeletReady" : "NodeStatusUnknown", null,
            ago(Duration.ofSeconds(4)), ago(Duration.ofDays(5))));
    NodeStatus status = new NodeStatus(Map.of("cpu", "4"), Map.of("cpu", "4"), conditions,
        List.of(new NodeAddress("InternalIP", "127.0.0.1"), new NodeAddress("Hostname", name)), SIMULATED);
    return new Node(Node.API_VERSION, Node.KIND, meta, new NodeSpec(unschedulable, null, null, null), status);
  }

  private static List<Object> cells(Node node) {
    return new NodePrinter().row(node, NOW).cells();
  }

  @Test
  void aReadyNode() {
    Node node = node("node-1", labels("kubernetes.io/hostname", "node-1", "type", "simulated"), null, "True");
    assertEquals(List.of("node-1", "Ready", "<none>", "5d3h", "v1.32.0-orca", "127.0.0.1", "<none>",
        "Orca simulated node", "<unknown>", "orca-sim://0.1"), cells(node));
  }

  @Test
  void aNodeNotReadyOrUnheardOf() {
    assertEquals("NotReady", cells(node("node-2", Map.of(), null, "False")).get(1));
    assertEquals("NotReady", cells(node("node-2", Map.of(), null, "Unknown")).get(1));
    assertEquals("Unknown", cells(node("node-2", Map.of(), null, null)).get(1));
  }

  @Test
  void aCordonedNodeHasSchedulingDisabled() {
    assertEquals("Ready,SchedulingDisabled", cells(node("node-3", Map.of(), true, "True")).get(1));
    assertEquals("NotReady,SchedulingDisabled", cells(node("node-3", Map.of(), true, "False")).get(1));
    assertEquals("Unknown,SchedulingDisabled", cells(node("node-3", Map.of(), true, null)).get(1));
    assertEquals("Ready", cells(node("node-3", Map.of(), false, "True")).get(1));
  }

  @Test
  void rolesComeFromRoleLabelsSorted() {
    Node node = node("cp-1", labels("node-role.kubernetes.io/worker", "", "node-role.kubernetes.io/control-plane", "",
        "kubernetes.io/role", "infra", "node-role.kubernetes.io/", "ignored", "role", "not-a-role"), null, "True");
    assertEquals("control-plane,infra,worker", cells(node).get(2));
    assertEquals("<none>", cells(node("n", labels("kubernetes.io/role", ""), null, "True")).get(2));
  }

  @Test
  void aNodeThatReportedNothing() {
    Node bare = new Node(Node.API_VERSION, Node.KIND, meta(null, "bare", Duration.ofSeconds(9)), null, null);
    assertEquals(List.of("bare", "Unknown", "<none>", "9s", "", "<none>", "<none>", "<unknown>", "<unknown>",
        "<unknown>"), cells(bare));
  }

  @Test
  void externalAddressesShowInTheirColumn() {
    Node node = node("edge-1", Map.of(), null, "True");
    Node withExternal = node.withStatus(new NodeStatus(null, null, node.status().conditions(),
        List.of(new NodeAddress("ExternalIP", "203.0.113.7"), new NodeAddress("InternalIP", "10.0.0.7"),
            new NodeAddress("InternalIP", "10.0.0.8")), SIMULATED));
    assertEquals(List.of("10.0.0.7", "203.0.113.7"), cells(withExternal).subList(5, 7));
  }
}
