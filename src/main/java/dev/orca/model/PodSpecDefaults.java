package dev.orca.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes' defaults for a pod spec and its containers. Only what is missing is filled in, so
 * applying them twice changes nothing.
 */
final class PodSpecDefaults {
  static final String DEFAULT_SCHEDULER = "default-scheduler";
  static final long DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS = 30;

  private PodSpecDefaults() {}

  /**
   * The spec with restartPolicy, terminationGracePeriodSeconds, schedulerName and the containers'
   * defaults. {@code requestsFromLimits} fills a missing request from its limit; Kubernetes does
   * that for pods but not for pod templates.
   */
  static PodSpec apply(PodSpec spec, boolean requestsFromLimits) {
    if (spec == null) {
      return null;
    }
    List<Container> containers = spec.containers() == null ? null
        : spec.containers().stream().map(c -> container(c, requestsFromLimits)).toList();
    return new PodSpec(
        containers,
        spec.nodeName(),
        spec.nodeSelector(),
        spec.affinity(),
        spec.tolerations(),
        isEmpty(spec.restartPolicy()) ? "Always" : spec.restartPolicy(),
        spec.terminationGracePeriodSeconds() == null ? DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS
            : spec.terminationGracePeriodSeconds(),
        isEmpty(spec.schedulerName()) ? DEFAULT_SCHEDULER : spec.schedulerName(),
        spec.hostname());
  }

  /** Always for an image tagged {@code latest} or not tagged at all, IfNotPresent otherwise. */
  static String pullPolicyFor(String image) {
    String reference = image;
    boolean digest = false;
    int at = reference.indexOf('@');
    if (at >= 0) {
      reference = reference.substring(0, at);
      digest = true;
    }
    int slash = reference.lastIndexOf('/');
    int colon = reference.lastIndexOf(':');
    String tag = colon > slash ? reference.substring(colon + 1) : "";
    if (tag.isEmpty() && !digest) {
      tag = "latest";
    }
    return tag.equals("latest") ? "Always" : "IfNotPresent";
  }

  private static Container container(Container c, boolean requestsFromLimits) {
    String pullPolicy = c.imagePullPolicy();
    if (isEmpty(pullPolicy) && !isEmpty(c.image())) {
      pullPolicy = pullPolicyFor(c.image());
    }
    List<ContainerPort> ports = c.ports() == null ? null : c.ports().stream()
        .map(p -> isEmpty(p.protocol()) ? new ContainerPort(p.name(), p.containerPort(), "TCP", p.hostPort()) : p)
        .toList();
    ResourceRequirements resources = requestsFromLimits ? requestsFromLimits(c.resources()) : c.resources();
    return new Container(c.name(), c.image(), c.command(), c.args(), c.workingDir(), c.envFrom(), c.env(), ports, resources,
        probe(c.livenessProbe()), probe(c.readinessProbe()), probe(c.startupProbe()), pullPolicy,
        lifecycle(c.lifecycle()));
  }

  /** A hook's HTTP GET defaults as a probe's does: path "/", scheme HTTP. */
  private static Lifecycle lifecycle(Lifecycle lifecycle) {
    if (lifecycle == null) {
      return null;
    }
    return new Lifecycle(handler(lifecycle.postStart()), handler(lifecycle.preStop()));
  }

  private static LifecycleHandler handler(LifecycleHandler handler) {
    if (handler == null || handler.httpGet() == null) {
      return handler;
    }
    HTTPGetAction http = handler.httpGet();
    return new LifecycleHandler(handler.exec(), new HTTPGetAction(isEmpty(http.path()) ? "/" : http.path(), http.port(),
        http.host(), isEmpty(http.scheme()) ? "HTTP" : http.scheme()));
  }

  private static ResourceRequirements requestsFromLimits(ResourceRequirements resources) {
    if (resources == null || resources.limits() == null) {
      return resources;
    }
    Map<String, String> requests = new LinkedHashMap<>();
    if (resources.requests() != null) {
      requests.putAll(resources.requests());
    }
    resources.limits().forEach(requests::putIfAbsent);
    return new ResourceRequirements(Collections.unmodifiableMap(requests), resources.limits());
  }

  /** timeoutSeconds 1, periodSeconds 10, successThreshold 1, failureThreshold 3; an HTTP GET to "/" over HTTP. */
  private static Probe probe(Probe probe) {
    if (probe == null) {
      return null;
    }
    HTTPGetAction http = probe.httpGet();
    if (http != null) {
      http = new HTTPGetAction(isEmpty(http.path()) ? "/" : http.path(), http.port(), http.host(),
          isEmpty(http.scheme()) ? "HTTP" : http.scheme());
    }
    return new Probe(probe.exec(), http, probe.tcpSocket(), probe.initialDelaySeconds(),
        orDefault(probe.periodSeconds(), 10), orDefault(probe.timeoutSeconds(), 1),
        orDefault(probe.successThreshold(), 1), orDefault(probe.failureThreshold(), 3));
  }

  /** Zero counts as unset, as it does in Kubernetes' Go types. */
  private static Integer orDefault(Integer value, int fallback) {
    return value == null || value == 0 ? fallback : value;
  }

  private static boolean isEmpty(String value) {
    return value == null || value.isEmpty();
  }
}
