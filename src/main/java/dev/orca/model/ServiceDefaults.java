package dev.orca.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Service's defaults as kube-apiserver fills them in: type ClusterIP, sessionAffinity None, per
 * port protocol TCP and targetPort = port, one IPv4 family, traffic policies Cluster, an empty
 * load-balancer status. Addresses (clusterIP, nodePorts) are allocated elsewhere, not defaulted.
 */
final class ServiceDefaults {
  private ServiceDefaults() {}

  static Service apply(Service service) {
    ServiceSpec spec = service.spec();
    Service defaulted = service.status() == null
        ? new Service(service.apiVersion(), service.kind(), service.metadata(), spec, new ServiceStatus(Map.of()))
        : service;
    if (spec == null) {
      return defaulted;
    }
    String type = spec.type() == null || spec.type().isEmpty() ? ServiceSpec.CLUSTER_IP : spec.type();
    boolean externalName = ServiceSpec.EXTERNAL_NAME.equals(type);
    boolean nodePorts = ServiceSpec.NODE_PORT.equals(type) || ServiceSpec.LOAD_BALANCER.equals(type);
    List<ServicePort> ports = null;
    if (spec.ports() != null) {
      ports = new ArrayList<>();
      for (ServicePort p : spec.ports()) {
        ports.add(p == null ? null : new ServicePort(p.name(),
            p.protocol() == null || p.protocol().isEmpty() ? "TCP" : p.protocol(), p.port(),
            p.targetPort() == null && p.port() != null ? IntOrString.of(p.port()) : p.targetPort(),
            p.nodePort(), p.appProtocol()));
      }
    }
    List<String> clusterIPs = spec.clusterIPs();
    if ((clusterIPs == null || clusterIPs.isEmpty()) && spec.clusterIP() != null && !spec.clusterIP().isEmpty()) {
      clusterIPs = List.of(spec.clusterIP());
    }
    String clusterIP = spec.clusterIP();
    if ((clusterIP == null || clusterIP.isEmpty()) && clusterIPs != null && !clusterIPs.isEmpty()) {
      clusterIP = clusterIPs.get(0);
    }
    return defaulted.withSpec(new ServiceSpec(type, spec.selector(), ports, clusterIP, clusterIPs, spec.externalName(),
        spec.externalIPs(),
        spec.sessionAffinity() == null || spec.sessionAffinity().isEmpty() ? "None" : spec.sessionAffinity(),
        externalName || spec.ipFamilies() != null ? spec.ipFamilies() : List.of("IPv4"),
        externalName || spec.ipFamilyPolicy() != null ? spec.ipFamilyPolicy() : "SingleStack",
        externalName || spec.internalTrafficPolicy() != null ? spec.internalTrafficPolicy() : "Cluster",
        nodePorts && spec.externalTrafficPolicy() == null ? "Cluster" : spec.externalTrafficPolicy(),
        spec.publishNotReadyAddresses()));
  }
}
