package dev.orca.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Validation of a pod's containers: names, images, ports, environment, resources and probes. */
final class ContainerValidation {
  static final List<String> PULL_POLICIES = List.of("Always", "IfNotPresent", "Never");
  static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");

  private ContainerValidation() {}

  static List<FieldError> containers(List<Container> containers, String path) {
    if (containers == null || containers.isEmpty()) {
      return List.of(FieldError.required(path, ""));
    }
    List<FieldError> errors = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < containers.size(); i++) {
      Container c = containers.get(i);
      String at = path + "[" + i + "]";
      if (MetadataValidation.isEmpty(c.name())) {
        errors.add(FieldError.required(at + ".name", ""));
      } else {
        List<String> nameErrors = NameRules.dns1123LabelErrors(c.name());
        nameErrors.forEach(msg -> errors.add(FieldError.invalid(at + ".name", c.name(), msg)));
        if (nameErrors.isEmpty() && !names.add(c.name())) {
          errors.add(FieldError.duplicate(at + ".name", c.name()));
        }
      }
      if (MetadataValidation.isEmpty(c.image())) {
        errors.add(FieldError.required(at + ".image", ""));
      } else if (!c.image().strip().equals(c.image())) {
        errors.add(FieldError.invalid(at + ".image", c.image(), "must not have leading or trailing whitespace"));
      }
      String pullPolicy = c.imagePullPolicy();
      if (!MetadataValidation.isEmpty(pullPolicy) && !PULL_POLICIES.contains(pullPolicy)) {
        errors.add(FieldError.notSupported(at + ".imagePullPolicy", pullPolicy, PULL_POLICIES));
      }
      errors.addAll(ports(c.ports(), at + ".ports"));
      errors.addAll(envFrom(c.envFrom(), at + ".envFrom"));
      errors.addAll(env(c.env(), at + ".env"));
      errors.addAll(ResourceValidation.requirements(c.resources(), at + ".resources"));
      errors.addAll(probe(c.livenessProbe(), at + ".livenessProbe", true));
      errors.addAll(probe(c.readinessProbe(), at + ".readinessProbe", false));
      errors.addAll(probe(c.startupProbe(), at + ".startupProbe", true));
      errors.addAll(lifecycle(c.lifecycle(), at + ".lifecycle"));
    }
    return errors;
  }

  private static List<FieldError> ports(List<ContainerPort> ports, String path) {
    List<FieldError> errors = new ArrayList<>();
    if (ports == null) {
      return errors;
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < ports.size(); i++) {
      ContainerPort p = ports.get(i);
      String at = path + "[" + i + "]";
      if (!MetadataValidation.isEmpty(p.name())) {
        List<String> nameErrors = NameRules.portNameErrors(p.name());
        nameErrors.forEach(msg -> errors.add(FieldError.invalid(at + ".name", p.name(), msg)));
        if (nameErrors.isEmpty() && !names.add(p.name())) {
          errors.add(FieldError.duplicate(at + ".name", p.name()));
        }
      }
      if (p.containerPort() == null || p.containerPort() == 0) {
        errors.add(FieldError.required(at + ".containerPort", ""));
      } else {
        NameRules.portNumberErrors(p.containerPort())
            .forEach(msg -> errors.add(FieldError.invalid(at + ".containerPort", p.containerPort(), msg)));
      }
      if (p.hostPort() != null && p.hostPort() != 0) {
        NameRules.portNumberErrors(p.hostPort())
            .forEach(msg -> errors.add(FieldError.invalid(at + ".hostPort", p.hostPort(), msg)));
      }
      if (!MetadataValidation.isEmpty(p.protocol()) && !PROTOCOLS.contains(p.protocol())) {
        errors.add(FieldError.notSupported(at + ".protocol", p.protocol(), PROTOCOLS));
      }
    }
    return errors;
  }

  private static List<FieldError> env(List<EnvVar> env, String path) {
    List<FieldError> errors = new ArrayList<>();
    if (env == null) {
      return errors;
    }
    for (int i = 0; i < env.size(); i++) {
      String name = env.get(i).name();
      String at = path + "[" + i + "].name";
      if (MetadataValidation.isEmpty(name)) {
        errors.add(FieldError.required(at, ""));
      } else {
        NameRules.envVarNameErrors(name).forEach(msg -> errors.add(FieldError.invalid(at, name, msg)));
      }
      errors.addAll(valueFrom(env.get(i), path + "[" + i + "]"));
    }
    return errors;
  }

  /** The pod fields an env var may take its value from (the Downward API as containers see it). */
  static final List<String> ENV_FIELD_PATHS = List.of("metadata.name", "metadata.namespace", "metadata.uid",
      "spec.nodeName", "status.hostIP", "status.podIP");

  private static List<FieldError> valueFrom(EnvVar var, String at) {
    List<FieldError> errors = new ArrayList<>();
    EnvVarSource from = var.valueFrom();
    if (from == null) {
      return errors;
    }
    int sources = 0;
    ObjectFieldSelector ref = from.fieldRef();
    if (ref != null) {
      sources++;
      if (MetadataValidation.isEmpty(ref.fieldPath())) {
        errors.add(FieldError.required(at + ".valueFrom.fieldRef.fieldPath", ""));
      } else if (!ENV_FIELD_PATHS.contains(ref.fieldPath())) {
        errors.add(FieldError.notSupported(at + ".valueFrom.fieldRef.fieldPath", ref.fieldPath(), ENV_FIELD_PATHS));
      }
    }
    if (from.configMapKeyRef() != null) {
      sources++;
      errors.addAll(keySelector(from.configMapKeyRef().name(), from.configMapKeyRef().key(),
          at + ".valueFrom.configMapKeyRef"));
    }
    if (from.secretKeyRef() != null) {
      sources++;
      errors.addAll(keySelector(from.secretKeyRef().name(), from.secretKeyRef().key(), at + ".valueFrom.secretKeyRef"));
    }
    if (sources == 0) {
      errors.add(FieldError.invalid(at + ".valueFrom", "",
          "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"));
    } else if (!MetadataValidation.isEmpty(var.value())) {
      errors.add(FieldError.invalid(at + ".valueFrom", "", "may not be specified when `value` is not empty"));
    } else if (sources > 1) {
      errors.add(FieldError.invalid(at + ".valueFrom", "", "may not have more than one field specified at a time"));
    }
    return errors;
  }

  /** A ConfigMap's or Secret's key: the object's name (a DNS subdomain) and the key (a config key) are required. */
  private static List<FieldError> keySelector(String name, String key, String at) {
    List<FieldError> errors = new ArrayList<>(objectName(name, at + ".name"));
    if (MetadataValidation.isEmpty(key)) {
      errors.add(FieldError.required(at + ".key", ""));
    } else {
      ConfigData.configKeyErrors(key).forEach(msg -> errors.add(FieldError.invalid(at + ".key", key, msg)));
    }
    return errors;
  }

  private static List<FieldError> objectName(String name, String at) {
    List<FieldError> errors = new ArrayList<>();
    if (MetadataValidation.isEmpty(name)) {
      errors.add(FieldError.required(at, ""));
    } else {
      NameRules.dns1123SubdomainErrors(name).forEach(msg -> errors.add(FieldError.invalid(at, name, msg)));
    }
    return errors;
  }

  /** Each envFrom names exactly one ConfigMap or Secret; a prefix must itself be a valid variable name. */
  private static List<FieldError> envFrom(List<EnvFromSource> envFrom, String path) {
    List<FieldError> errors = new ArrayList<>();
    if (envFrom == null) {
      return errors;
    }
    for (int i = 0; i < envFrom.size(); i++) {
      EnvFromSource source = envFrom.get(i);
      String at = path + "[" + i + "]";
      if (!MetadataValidation.isEmpty(source.prefix())) {
        NameRules.envVarNameErrors(source.prefix())
            .forEach(msg -> errors.add(FieldError.invalid(at + ".prefix", source.prefix(), msg)));
      }
      int sources = 0;
      if (source.configMapRef() != null) {
        sources++;
        errors.addAll(objectName(source.configMapRef().name(), at + ".configMapRef.name"));
      }
      if (source.secretRef() != null) {
        sources++;
        errors.addAll(objectName(source.secretRef().name(), at + ".secretRef.name"));
      }
      if (sources == 0) {
        errors.add(FieldError.invalid(path, "", "must specify one of: `configMapRef` or `secretRef`"));
      } else if (sources > 1) {
        errors.add(FieldError.invalid(path, "", "may not have more than one field specified at a time"));
      }
    }
    return errors;
  }

  private static List<FieldError> probe(Probe probe, String path, boolean successThresholdMustBeOne) {
    List<FieldError> errors = new ArrayList<>();
    if (probe == null) {
      return errors;
    }
    int handlers = 0;
    if (probe.exec() != null) {
      handlers++;
      if (probe.exec().command() == null || probe.exec().command().isEmpty()) {
        errors.add(FieldError.required(path + ".exec.command", ""));
      }
    }
    if (probe.httpGet() != null) {
      if (handlers++ > 0) {
        errors.add(FieldError.forbidden(path + ".httpGet", "may not specify more than 1 handler type"));
      } else {
        errors.addAll(portNumberOrName(probe.httpGet().port(), path + ".httpGet.port"));
        String scheme = probe.httpGet().scheme();
        if (!MetadataValidation.isEmpty(scheme) && !scheme.equals("HTTP") && !scheme.equals("HTTPS")) {
          errors.add(FieldError.notSupported(path + ".httpGet.scheme", scheme, List.of("HTTP", "HTTPS")));
        }
      }
    }
    if (probe.tcpSocket() != null) {
      if (handlers++ > 0) {
        errors.add(FieldError.forbidden(path + ".tcpSocket", "may not specify more than 1 handler type"));
      } else {
        errors.addAll(portNumberOrName(probe.tcpSocket().port(), path + ".tcpSocket.port"));
      }
    }
    if (handlers == 0) {
      errors.add(FieldError.required(path, "must specify a handler type"));
    }
    errors.addAll(nonNegative(probe.initialDelaySeconds(), path + ".initialDelaySeconds"));
    errors.addAll(nonNegative(probe.timeoutSeconds(), path + ".timeoutSeconds"));
    errors.addAll(nonNegative(probe.periodSeconds(), path + ".periodSeconds"));
    errors.addAll(nonNegative(probe.successThreshold(), path + ".successThreshold"));
    errors.addAll(nonNegative(probe.failureThreshold(), path + ".failureThreshold"));
    Integer success = probe.successThreshold();
    if (successThresholdMustBeOne && success != null && success != 0 && success != 1) {
      errors.add(FieldError.invalid(path + ".successThreshold", success, "must be 1"));
    }
    return errors;
  }

  private static List<FieldError> lifecycle(Lifecycle lifecycle, String path) {
    List<FieldError> errors = new ArrayList<>();
    if (lifecycle != null) {
      errors.addAll(handler(lifecycle.postStart(), path + ".postStart"));
      errors.addAll(handler(lifecycle.preStop(), path + ".preStop"));
    }
    return errors;
  }

  /** A lifecycle hook names exactly one handler, each complete (kube-apiserver's validateHandler). */
  private static List<FieldError> handler(LifecycleHandler handler, String path) {
    List<FieldError> errors = new ArrayList<>();
    if (handler == null) {
      return errors;
    }
    int handlers = 0;
    if (handler.exec() != null) {
      handlers++;
      if (handler.exec().command() == null || handler.exec().command().isEmpty()) {
        errors.add(FieldError.required(path + ".exec.command", ""));
      }
    }
    if (handler.httpGet() != null) {
      if (handlers++ > 0) {
        errors.add(FieldError.forbidden(path + ".httpGet", "may not specify more than 1 handler type"));
      } else {
        errors.addAll(portNumberOrName(handler.httpGet().port(), path + ".httpGet.port"));
        String scheme = handler.httpGet().scheme();
        if (!MetadataValidation.isEmpty(scheme) && !scheme.equals("HTTP") && !scheme.equals("HTTPS")) {
          errors.add(FieldError.notSupported(path + ".httpGet.scheme", scheme, List.of("HTTP", "HTTPS")));
        }
      }
    }
    if (handlers == 0) {
      errors.add(FieldError.required(path, "must specify a handler type"));
    }
    return errors;
  }

  private static List<FieldError> portNumberOrName(IntOrString port, String path) {
    List<FieldError> errors = new ArrayList<>();
    if (port == null) {
      errors.add(FieldError.required(path, ""));
    } else if (port.intValue() != null) {
      NameRules.portNumberErrors(port.intValue()).forEach(msg -> errors.add(FieldError.invalid(path, port.intValue(), msg)));
    } else {
      NameRules.portNameErrors(port.stringValue()).forEach(msg -> errors.add(FieldError.invalid(path, port.stringValue(), msg)));
    }
    return errors;
  }

  private static List<FieldError> nonNegative(Integer value, String path) {
    return value == null ? List.of() : MetadataValidation.nonNegative(value, path);
  }
}
