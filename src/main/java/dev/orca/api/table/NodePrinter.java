package dev.orca.api.table;

import static dev.orca.api.table.Templates.nonNull;

import dev.orca.model.KubeObject;
import dev.orca.model.Node;
import dev.orca.model.NodeAddress;
import dev.orca.model.NodeCondition;
import dev.orca.model.NodeStatus;
import dev.orca.model.NodeSystemInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Nodes as kube-apiserver prints them: NAME, STATUS ({@code Ready}, {@code NotReady}, or
 * {@code Unknown} without a Ready condition, then {@code ,SchedulingDisabled} when cordoned),
 * ROLES (from {@code node-role.kubernetes.io/<role>} and {@code kubernetes.io/role} labels,
 * sorted), AGE, VERSION; wide: INTERNAL-IP, EXTERNAL-IP, OS-IMAGE, KERNEL-VERSION, CONTAINER-RUNTIME.
 */
final class NodePrinter implements TablePrinter {
  private static final String ROLE_PREFIX = "node-role.kubernetes.io/";
  private static final String ROLE_LABEL = "kubernetes.io/role";

  static final List<Column> COLUMNS = List.of(
      Column.nameColumn(),
      Column.string("Status", Descriptions.NODE_STATUS),
      Column.string("Roles", Descriptions.NODE_ROLES),
      Column.ageColumn(),
      Column.string("Version", Descriptions.KUBELET_VERSION),
      Column.wide("Internal-IP", Descriptions.NODE_ADDRESSES),
      Column.wide("External-IP", Descriptions.NODE_ADDRESSES),
      Column.wide("OS-Image", Descriptions.OS_IMAGE),
      Column.wide("Kernel-Version", Descriptions.KERNEL_VERSION),
      Column.wide("Container-Runtime", Descriptions.CONTAINER_RUNTIME_VERSION));

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public Row row(KubeObject object, Instant now) {
    if (!(object instanceof Node node)) {
      throw new IllegalArgumentException("not a Node: " + object.kind());
    }
    return row(node, now);
  }

  static Row row(Node node, Instant now) {
    NodeStatus status = node.status();
    NodeSystemInfo info = status == null || status.nodeInfo() == null
        ? new NodeSystemInfo(null, null, null, null, null, null, null, null, null, null) : status.nodeInfo();
    String name = node.metadata() == null ? "" : nonNull(node.metadata().name());
    String created = node.metadata() == null ? null : node.metadata().creationTimestamp();
    return Row.of(name, status(node), roles(node), Timestamps.age(created, now), nonNull(info.kubeletVersion()),
        address(status, "InternalIP"), address(status, "ExternalIP"), orUnknown(info.osImage()),
        orUnknown(info.kernelVersion()), orUnknown(info.containerRuntimeVersion()));
  }

  static String status(Node node) {
    NodeCondition ready = null;
    if (node.status() != null && node.status().conditions() != null) {
      for (NodeCondition c : node.status().conditions()) {
        if ("Ready".equals(c.type())) {
          ready = c; // kube keeps the last condition of a type
        }
      }
    }
    List<String> status = new ArrayList<>();
    if (ready == null) {
      status.add("Unknown");
    } else {
      status.add("True".equals(ready.status()) ? "Ready" : "NotReady");
    }
    if (node.spec() != null && Boolean.TRUE.equals(node.spec().unschedulable())) {
      status.add("SchedulingDisabled");
    }
    return String.join(",", status);
  }

  static String roles(Node node) {
    Map<String, String> labels = node.metadata() == null ? Map.of() : node.metadata().labelsOrEmpty();
    TreeSet<String> roles = new TreeSet<>();
    labels.forEach((key, value) -> {
      if (key.startsWith(ROLE_PREFIX)) {
        String role = key.substring(ROLE_PREFIX.length());
        if (!role.isEmpty()) {
          roles.add(role);
        }
      } else if (key.equals(ROLE_LABEL) && value != null && !value.isEmpty()) {
        roles.add(value);
      }
    });
    return roles.isEmpty() ? "<none>" : String.join(",", roles);
  }

  private static String address(NodeStatus status, String type) {
    if (status != null && status.addresses() != null) {
      for (NodeAddress a : status.addresses()) {
        if (type.equals(a.type())) {
          return nonNull(a.address());
        }
      }
    }
    return "<none>";
  }

  private static String orUnknown(String s) {
    return s == null || s.isEmpty() ? "<unknown>" : s;
  }
}
