package dev.orca.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/** Validation of Services, Endpoints and EndpointSlices, with kube-apiserver's messages. */
final class ServiceValidation {
  static final List<String> TYPES = List.of(ServiceSpec.CLUSTER_IP, ServiceSpec.EXTERNAL_NAME,
      ServiceSpec.LOAD_BALANCER, ServiceSpec.NODE_PORT);
  static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");
  private static final Pattern IPV4 = Pattern.compile(
      "((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");

  private ServiceValidation() {}

  static boolean isIpv4(String value) {
    return value != null && IPV4.matcher(value).matches();
  }

  static List<FieldError> serviceSpec(ServiceSpec spec, String path) {
    List<FieldError> errors = new ArrayList<>();
    if (spec == null) {
      errors.add(FieldError.required(path, ""));
      return errors;
    }
    String type = spec.type() == null ? ServiceSpec.CLUSTER_IP : spec.type();
    if (!TYPES.contains(type)) {
      errors.add(FieldError.notSupported(path + ".type", type, TYPES));
    }
    boolean externalName = ServiceSpec.EXTERNAL_NAME.equals(type);
    if (externalName) {
      if (spec.externalName() == null || spec.externalName().isEmpty()) {
        errors.add(FieldError.required(path + ".externalName", ""));
      } else {
        NameRules.dns1123SubdomainErrors(spec.externalName())
            .forEach(m -> errors.add(FieldError.invalid(path + ".externalName", spec.externalName(), m)));
      }
    }
    String clusterIP = spec.clusterIP();
    if (clusterIP != null && !clusterIP.isEmpty() && !ServiceSpec.NONE.equals(clusterIP) && !isIpv4(clusterIP)) {
      errors.add(FieldError.invalid(path + ".clusterIPs[0]", clusterIP, "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"));
    }
    if (ServiceSpec.NONE.equals(clusterIP) && (ServiceSpec.NODE_PORT.equals(type) || ServiceSpec.LOAD_BALANCER.equals(type))) {
      errors.add(FieldError.invalid(path + ".clusterIPs[0]", clusterIP, "may not be set to 'None' for " + type + " services"));
    }
    if (spec.sessionAffinity() != null && !List.of("None", "ClientIP").contains(spec.sessionAffinity())) {
      errors.add(FieldError.notSupported(path + ".sessionAffinity", spec.sessionAffinity(), List.of("ClientIP", "None")));
    }
    List<ServicePort> ports = spec.ports() == null ? List.of() : spec.ports();
    if (ports.isEmpty() && !externalName && !ServiceSpec.NONE.equals(clusterIP)) {
      errors.add(FieldError.required(path + ".ports", ""));
    }
    Set<String> names = new HashSet<>();
    Set<String> portProtocols = new HashSet<>();
    for (int i = 0; i < ports.size(); i++) {
      errors.addAll(port(ports.get(i), path + ".ports[" + i + "]", ports.size() > 1, type, names, portProtocols));
    }
    if (spec.selector() != null) {
      spec.selector().forEach((k, v) -> {
        NameRules.qualifiedNameErrors(k).forEach(m -> errors.add(FieldError.invalid(path + ".selector", k, m)));
        NameRules.labelValueErrors(v).forEach(m -> errors.add(FieldError.invalid(path + ".selector", v, m)));
      });
    }
    return errors;
  }

  private static List<FieldError> port(ServicePort p, String path, boolean many, String type, Set<String> names,
      Set<String> portProtocols) {
    List<FieldError> errors = new ArrayList<>();
    if (p == null) {
      errors.add(FieldError.required(path, ""));
      return errors;
    }
    if (p.name() == null || p.name().isEmpty()) {
      if (many) {
        errors.add(FieldError.required(path + ".name", ""));
      }
    } else {
      NameRules.dns1123LabelErrors(p.name()).forEach(m -> errors.add(FieldError.invalid(path + ".name", p.name(), m)));
      if (!names.add(p.name())) {
        errors.add(FieldError.duplicate(path + ".name", p.name()));
      }
    }
    if (p.port() == null) {
      errors.add(FieldError.required(path + ".port", ""));
    } else {
      NameRules.portNumberErrors(p.port()).forEach(m -> errors.add(FieldError.invalid(path + ".port", p.port(), m)));
    }
    String protocol = p.protocol() == null ? "TCP" : p.protocol();
    if (!PROTOCOLS.contains(protocol)) {
      errors.add(FieldError.notSupported(path + ".protocol", protocol, PROTOCOLS));
    }
    if (p.port() != null && !portProtocols.add(p.port() + "/" + protocol)) {
      errors.add(FieldError.duplicate(path, p.port() + "/" + protocol));
    }
    IntOrString target = p.targetPort();
    if (target != null) {
      if (target.intValue() != null) {
        NameRules.portNumberErrors(target.intValue())
            .forEach(m -> errors.add(FieldError.invalid(path + ".targetPort", target.intValue(), m)));
      } else {
        NameRules.portNameErrors(target.stringValue())
            .forEach(m -> errors.add(FieldError.invalid(path + ".targetPort", target.stringValue(), m)));
      }
    }
    if (p.nodePort() != null && p.nodePort() != 0) {
      if (!ServiceSpec.NODE_PORT.equals(type) && !ServiceSpec.LOAD_BALANCER.equals(type)) {
        errors.add(FieldError.forbidden(path + ".nodePort", "may not be used when `type` is '" + type + "'"));
      } else {
        NameRules.portNumberErrors(p.nodePort())
            .forEach(m -> errors.add(FieldError.invalid(path + ".nodePort", p.nodePort(), m)));
      }
    }
    return errors;
  }

  /** A Service's cluster IP may not change once it is set, nor may it be taken away. */
  static List<FieldError> serviceUpdate(Service oldService, Service newService) {
    String before = oldService.spec() == null ? null : oldService.spec().clusterIP();
    String after = newService.spec() == null ? null : newService.spec().clusterIP();
    boolean typeChange = oldService.spec() != null && newService.spec() != null
        && !Objects.equals(oldService.spec().type(), newService.spec().type());
    if (before != null && !before.isEmpty() && !typeChange && !Objects.equals(before, after)) {
      return List.of(FieldError.invalid("spec.clusterIPs[0]", after == null ? "" : after,
          "may not change once set"));
    }
    return List.of();
  }

  static List<FieldError> endpoints(Endpoints endpoints) {
    List<FieldError> errors = new ArrayList<>();
    List<EndpointSubset> subsets = endpoints.subsets() == null ? List.of() : endpoints.subsets();
    for (int i = 0; i < subsets.size(); i++) {
      EndpointSubset s = subsets.get(i);
      String path = "subsets[" + i + "]";
      addresses(s.addresses(), path + ".addresses", errors);
      addresses(s.notReadyAddresses(), path + ".notReadyAddresses", errors);
      List<EndpointPort> ports = s.ports() == null ? List.of() : s.ports();
      for (int j = 0; j < ports.size(); j++) {
        EndpointPort p = ports.get(j);
        if (p.port() == null) {
          errors.add(FieldError.required(path + ".ports[" + j + "].port", ""));
        } else {
          int port = p.port();
          String field = path + ".ports[" + j + "].port";
          NameRules.portNumberErrors(port).forEach(m -> errors.add(FieldError.invalid(field, port, m)));
        }
      }
    }
    return errors;
  }

  private static void addresses(List<EndpointAddress> addresses, String path, List<FieldError> errors) {
    if (addresses == null) {
      return;
    }
    for (int j = 0; j < addresses.size(); j++) {
      String ip = addresses.get(j).ip();
      if (!isIpv4(ip)) {
        errors.add(FieldError.invalid(path + "[" + j + "].ip", ip == null ? "" : ip, "must be a valid IP address"));
      }
    }
  }

  static List<FieldError> endpointSlice(EndpointSlice slice) {
    List<FieldError> errors = new ArrayList<>();
    List<String> types = List.of("FQDN", "IPv4", "IPv6");
    if (slice.addressType() == null || slice.addressType().isEmpty()) {
      errors.add(FieldError.required("addressType", ""));
    } else if (!types.contains(slice.addressType())) {
      errors.add(FieldError.notSupported("addressType", slice.addressType(), types));
    }
    List<SliceEndpoint> endpoints = slice.endpoints() == null ? List.of() : slice.endpoints();
    for (int i = 0; i < endpoints.size(); i++) {
      List<String> addresses = endpoints.get(i).addresses();
      if (addresses == null || addresses.isEmpty()) {
        errors.add(FieldError.required("endpoints[" + i + "].addresses", "must contain at least 1 address"));
      } else if ("IPv4".equals(slice.addressType())) {
        for (int j = 0; j < addresses.size(); j++) {
          if (!isIpv4(addresses.get(j))) {
            errors.add(FieldError.invalid("endpoints[" + i + "].addresses[" + j + "]", addresses.get(j),
                "must be a valid IPv4 address"));
          }
        }
      }
    }
    return errors;
  }
}
