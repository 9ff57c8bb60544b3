package dev.orca.model;

/** A port of a Service: {@code port} on the cluster IP, forwarded to {@code targetPort} (a number or a container port's name) of each endpoint. */
public record ServicePort(
    String name,
    String protocol,
    Integer port,
    IntOrString targetPort,
    Integer nodePort,
    String appProtocol) {

  public ServicePort withNodePort(Integer nodePort) {
    return new ServicePort(name, protocol, port, targetPort, nodePort, appProtocol);
  }
}
