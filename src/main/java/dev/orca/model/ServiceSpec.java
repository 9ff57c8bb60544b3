package dev.orca.model;

import java.util.List;
import java.util.Map;

/**
 * What a Service asks for. {@code type} is ClusterIP (the default), NodePort, LoadBalancer
 * (treated as NodePort: there is no external balancer) or ExternalName; {@code clusterIP "None"}
 * makes a headless Service, which gets endpoints but no address and no proxy.
 */
public record ServiceSpec(
    String type,
    Map<String, String> selector,
    List<ServicePort> ports,
    String clusterIP,
    List<String> clusterIPs,
    String externalName,
    List<String> externalIPs,
    String sessionAffinity,
    List<String> ipFamilies,
    String ipFamilyPolicy,
    String internalTrafficPolicy,
    String externalTrafficPolicy,
    Boolean publishNotReadyAddresses) {

  public static final String CLUSTER_IP = "ClusterIP";
  public static final String NODE_PORT = "NodePort";
  public static final String LOAD_BALANCER = "LoadBalancer";
  public static final String EXTERNAL_NAME = "ExternalName";
  public static final String NONE = "None";

  public ServiceSpec withAddresses(String clusterIP, List<ServicePort> ports) {
    return new ServiceSpec(type, selector, ports, clusterIP,
        clusterIP == null || clusterIP.isEmpty() ? clusterIPs : List.of(clusterIP), externalName, externalIPs,
        sessionAffinity, ipFamilies, ipFamilyPolicy, internalTrafficPolicy, externalTrafficPolicy,
        publishNotReadyAddresses);
  }

  /** Whether node ports are opened for it (NodePort and LoadBalancer). */
  public boolean hasNodePorts() {
    return NODE_PORT.equals(type) || LOAD_BALANCER.equals(type);
  }

  /** Whether it is headless (clusterIP None) or an ExternalName: no address of its own. */
  public boolean hasNoClusterIp() {
    return NONE.equals(clusterIP) || EXTERNAL_NAME.equals(type);
  }
}
