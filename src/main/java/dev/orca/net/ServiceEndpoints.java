package dev.orca.net;

import dev.orca.model.Container;
import dev.orca.model.ContainerPort;
import dev.orca.model.EndpointAddress;
import dev.orca.model.EndpointConditions;
import dev.orca.model.EndpointPort;
import dev.orca.model.EndpointSlice;
import dev.orca.model.EndpointSubset;
import dev.orca.model.Endpoints;
import dev.orca.model.IntOrString;
import dev.orca.model.ObjectMeta;
import dev.orca.model.ObjectReference;
import dev.orca.model.OwnerReference;
import dev.orca.model.Pod;
import dev.orca.model.PodResources;
import dev.orca.model.Service;
import dev.orca.model.ServicePort;
import dev.orca.model.ServiceSpec;
import dev.orca.model.SliceEndpoint;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the endpoints controller writes for a Service, as a pure function of the Service and the
 * pods of its namespace: the {@link Endpoints} of the same name and its {@link EndpointSlice}s.
 *
 * <p>A pod is an endpoint when its labels match the selector, it has an IP and it has not
 * finished. Each Service port's {@code targetPort} is resolved per pod (a name is looked up in
 * the pod's container ports; a pod without it does not serve that port), and pods that resolve
 * to the same ports share a subset (Endpoints) or a slice (EndpointSlice). Endpoints lists ready
 * pods in {@code addresses}, the others in {@code notReadyAddresses}, and leaves terminating pods
 * out; slices list terminating pods too, with {@code ready false, terminating true}, as the
 * EndpointSlice controller does. {@code publishNotReadyAddresses} makes every pod ready.
 */
public final class ServiceEndpoints {
  public static final String MANAGED_BY = "endpointslice-controller.k8s.io";

  private ServiceEndpoints() {}

  /** Whether the endpoints controller manages this Service's endpoints (it has a selector and is not an ExternalName). */
  public static boolean managed(Service service) {
    ServiceSpec spec = service.spec();
    return spec != null && spec.selector() != null && !spec.selector().isEmpty()
        && !ServiceSpec.EXTERNAL_NAME.equals(spec.type()) && !service.metadata().isDeleting();
  }

  /** A pod the Service selects, with the ports it serves and its state. */
  record Member(Pod pod, List<EndpointPort> ports, boolean serving, boolean terminating) {
    EndpointAddress address() {
      return new EndpointAddress(pod.status().podIP(), null, pod.spec().nodeName(), podRef(pod));
    }
  }

  /** The Endpoints object for the Service. */
  public static Endpoints endpoints(Service service, List<Pod> pods) {
    boolean publishNotReady = Boolean.TRUE.equals(service.spec().publishNotReadyAddresses());
    Map<List<EndpointPort>, List<EndpointAddress>> ready = new LinkedHashMap<>();
    Map<List<EndpointPort>, List<EndpointAddress>> notReady = new LinkedHashMap<>();
    for (Member m : members(service, pods)) {
      if (m.terminating() && !publishNotReady) {
        continue;
      }
      ready.computeIfAbsent(m.ports(), k -> new ArrayList<>());
      notReady.computeIfAbsent(m.ports(), k -> new ArrayList<>());
      (m.serving() || publishNotReady ? ready : notReady).get(m.ports()).add(m.address());
    }
    List<EndpointSubset> subsets = new ArrayList<>();
    for (List<EndpointPort> ports : ready.keySet()) {
      List<EndpointAddress> r = sorted(ready.get(ports));
      List<EndpointAddress> n = sorted(notReady.get(ports));
      subsets.add(new EndpointSubset(r.isEmpty() ? null : r, n.isEmpty() ? null : n, ports));
    }
    subsets.sort(Comparator.comparing(s -> s.ports().toString()));
    ObjectMeta meta = ObjectMeta.named(service.metadata().namespace(), service.metadata().name())
        .withLabels(service.metadata().labels())
        .withOwnerReferences(List.of(owner(service)));
    return new Endpoints(Endpoints.API_VERSION, Endpoints.KIND, meta, subsets.isEmpty() ? null : subsets);
  }

  /** The EndpointSlices for the Service, one per distinct set of ports, named after the Service and those ports. */
  public static List<EndpointSlice> slices(Service service, List<Pod> pods) {
    boolean publishNotReady = Boolean.TRUE.equals(service.spec().publishNotReadyAddresses());
    Map<List<EndpointPort>, List<SliceEndpoint>> byPorts = new LinkedHashMap<>();
    for (Member m : members(service, pods)) {
      boolean serving = m.serving() || publishNotReady;
      byPorts.computeIfAbsent(m.ports(), k -> new ArrayList<>()).add(new SliceEndpoint(
          List.of(m.pod().status().podIP()),
          new EndpointConditions(serving && !m.terminating(), serving, m.terminating()),
          null, podRef(m.pod()), m.pod().spec().nodeName(), null));
    }
    if (byPorts.isEmpty()) {
      byPorts.put(servicePortsUnresolved(service), new ArrayList<>());
    }
    List<EndpointSlice> slices = new ArrayList<>();
    for (Map.Entry<List<EndpointPort>, List<SliceEndpoint>> e : byPorts.entrySet()) {
      List<SliceEndpoint> endpoints = new ArrayList<>(e.getValue());
      endpoints.sort(Comparator.comparing(ep -> ep.addresses().get(0)));
      Map<String, String> labels = new HashMap<>();
      if (service.metadata().labels() != null) {
        labels.putAll(service.metadata().labels());
      }
      labels.put(EndpointSlice.SERVICE_NAME_LABEL, service.metadata().name());
      labels.put(EndpointSlice.MANAGED_BY_LABEL, MANAGED_BY);
      ObjectMeta meta = ObjectMeta.named(service.metadata().namespace(), sliceName(service, e.getKey()))
          .withLabels(labels)
          .withOwnerReferences(List.of(owner(service)));
      slices.add(new EndpointSlice(EndpointSlice.API_VERSION, EndpointSlice.KIND, meta, "IPv4",
          endpoints.isEmpty() ? null : endpoints, e.getKey()));
    }
    slices.sort(Comparator.comparing(s -> s.metadata().name()));
    return slices;
  }

  /** The selected pods that have an address and have not finished, each with its resolved ports. */
  static List<Member> members(Service service, List<Pod> pods) {
    Map<String, String> selector = service.spec().selector();
    List<Member> members = new ArrayList<>();
    for (Pod pod : pods) {
      if (pod.status() == null || pod.status().podIP() == null || pod.status().podIP().isEmpty()
          || pod.spec() == null || !matches(selector, pod.metadata().labelsOrEmpty())
          || "Succeeded".equals(pod.status().phase()) || "Failed".equals(pod.status().phase())) {
        continue;
      }
      List<EndpointPort> ports = new ArrayList<>();
      for (ServicePort sp : service.spec().ports() == null ? List.<ServicePort>of() : service.spec().ports()) {
        Integer target = targetPort(sp, pod);
        if (target != null) {
          ports.add(new EndpointPort(sp.name(), target, sp.protocol(), sp.appProtocol()));
        }
      }
      if (ports.isEmpty() && service.spec().ports() != null && !service.spec().ports().isEmpty()) {
        continue;
      }
      members.add(new Member(pod, ports, PodResources.isReady(pod), pod.metadata().isDeleting()));
    }
    return members;
  }

  /** The port a Service port reaches on this pod: the number, or the number of the container port of that name. */
  static Integer targetPort(ServicePort servicePort, Pod pod) {
    IntOrString target = servicePort.targetPort();
    if (target == null) {
      return servicePort.port();
    }
    if (target.intValue() != null) {
      return target.intValue();
    }
    for (Container c : pod.spec().containers() == null ? List.<Container>of() : pod.spec().containers()) {
      for (ContainerPort p : c.ports() == null ? List.<ContainerPort>of() : c.ports()) {
        String protocol = p.protocol() == null ? "TCP" : p.protocol();
        if (target.stringValue().equals(p.name()) && protocol.equals(servicePort.protocol() == null ? "TCP" : servicePort.protocol())) {
          return p.containerPort();
        }
      }
    }
    return null;
  }

  private static List<EndpointPort> servicePortsUnresolved(Service service) {
    List<EndpointPort> ports = new ArrayList<>();
    for (ServicePort sp : service.spec().ports() == null ? List.<ServicePort>of() : service.spec().ports()) {
      if (sp.targetPort() == null || sp.targetPort().intValue() != null) {
        ports.add(new EndpointPort(sp.name(), sp.targetPort() == null ? sp.port() : sp.targetPort().intValue(),
            sp.protocol(), sp.appProtocol()));
      }
    }
    return ports;
  }

  private static boolean matches(Map<String, String> selector, Map<String, String> labels) {
    for (Map.Entry<String, String> e : selector.entrySet()) {
      if (!e.getValue().equals(labels.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /** Whether a pod with these labels is selected by the Service. */
  public static boolean selects(Service service, Map<String, String> labels) {
    return managed(service) && matches(service.spec().selector(), labels);
  }

  /** {@code <service>-<5 characters of a hash of the ports>}: stable for the same ports, distinct for others. */
  static String sliceName(Service service, List<EndpointPort> ports) {
    String base = service.metadata().name();
    if (base.length() > 57) {
      base = base.substring(0, 57);
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(ports.toString().getBytes(StandardCharsets.UTF_8));
      String alphabet = "bcdfghjklmnpqrstvwxz2456789";
      StringBuilder suffix = new StringBuilder();
      for (int i = 0; i < 5; i++) {
        suffix.append(alphabet.charAt((digest[i] & 0xff) % alphabet.length()));
      }
      return base + "-" + suffix;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<EndpointAddress> sorted(List<EndpointAddress> addresses) {
    List<EndpointAddress> copy = new ArrayList<>(addresses);
    copy.sort(Comparator.comparing(EndpointAddress::ip));
    return copy;
  }

  private static ObjectReference podRef(Pod pod) {
    return new ObjectReference(null, "Pod", pod.metadata().namespace(), pod.metadata().name(), pod.metadata().uid(),
        null, null);
  }

  private static OwnerReference owner(Service service) {
    return new OwnerReference("v1", "Service", service.metadata().name(), service.metadata().uid(), true, true);
  }
}
