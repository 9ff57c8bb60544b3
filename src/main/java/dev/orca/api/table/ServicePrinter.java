package dev.orca.api.table;

import static dev.orca.api.table.Templates.nonNull;

import dev.orca.model.KubeObject;
import dev.orca.model.Service;
import dev.orca.model.ServicePort;
import dev.orca.model.ServiceSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Services as kube-apiserver prints them: NAME, TYPE, CLUSTER-IP, EXTERNAL-IP, PORT(S), AGE; wide: SELECTOR. */
final class ServicePrinter implements TablePrinter {
  static final List<Column> COLUMNS = List.of(
      Column.nameColumn(),
      Column.string("Type", "The type of the service: ClusterIP, NodePort, LoadBalancer or ExternalName."),
      Column.string("Cluster-IP", "The IP address of the service, reachable from the cluster."),
      Column.string("External-IP", "The external addresses of the service."),
      Column.string("Port(s)", "The ports the service serves, with their node ports."),
      Column.ageColumn(),
      Column.wide("Selector", "The label selector of the pods the service routes to."));

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public Row row(KubeObject object, Instant now) {
    if (!(object instanceof Service service)) {
      throw new IllegalArgumentException("not a Service: " + object.kind());
    }
    ServiceSpec spec = service.spec();
    String type = spec == null || spec.type() == null ? ServiceSpec.CLUSTER_IP : spec.type();
    String clusterIp = spec == null || spec.clusterIP() == null || spec.clusterIP().isEmpty() ? "<none>" : spec.clusterIP();
    return Row.of(nonNull(service.metadata().name()), type, clusterIp, externalIp(spec, type), ports(spec),
        Timestamps.age(service.metadata().creationTimestamp(), now), selector(spec));
  }

  private static String externalIp(ServiceSpec spec, String type) {
    if (ServiceSpec.EXTERNAL_NAME.equals(type)) {
      return nonNull(spec.externalName());
    }
    if (spec != null && spec.externalIPs() != null && !spec.externalIPs().isEmpty()) {
      return String.join(",", spec.externalIPs());
    }
    return ServiceSpec.LOAD_BALANCER.equals(type) ? "<pending>" : "<none>";
  }

  static String ports(ServiceSpec spec) {
    if (spec == null || spec.ports() == null || spec.ports().isEmpty()) {
      return "<none>";
    }
    List<String> out = new ArrayList<>();
    for (ServicePort p : spec.ports()) {
      String protocol = p.protocol() == null ? "TCP" : p.protocol();
      out.add(p.nodePort() != null && p.nodePort() != 0 ? p.port() + ":" + p.nodePort() + "/" + protocol
          : p.port() + "/" + protocol);
    }
    return String.join(",", out);
  }

  private static String selector(ServiceSpec spec) {
    if (spec == null || spec.selector() == null || spec.selector().isEmpty()) {
      return "<none>";
    }
    List<String> pairs = new ArrayList<>();
    for (Map.Entry<String, String> e : new TreeMap<>(spec.selector()).entrySet()) {
      pairs.add(e.getKey() + "=" + e.getValue());
    }
    return String.join(",", pairs);
  }
}
