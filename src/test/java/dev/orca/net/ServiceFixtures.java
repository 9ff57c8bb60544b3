package dev.orca.net;

import dev.orca.model.IntOrString;
import dev.orca.model.Json;
import dev.orca.model.ObjectMeta;
import dev.orca.model.Pod;
import dev.orca.model.PodCondition;
import dev.orca.model.PodStatus;
import dev.orca.model.Service;
import dev.orca.model.ServicePort;
import dev.orca.model.ServiceSpec;
import java.util.List;
import java.util.Map;

/** Services and pods for the pure tests of the net package. */
final class ServiceFixtures {
  private ServiceFixtures() {}

  static Service service(String name, Map<String, String> selector, ServicePort... ports) {
    return new Service("v1", "Service", ObjectMeta.named("default", name).withUid("svc-uid-" + name),
        new ServiceSpec("NodePort", selector, List.of(ports), "127.1.0.10", List.of("127.1.0.10"), null, null, "None",
            null, null, null, null, null), null);
  }

  static ServicePort port(String name, int port, IntOrString target, Integer nodePort) {
    return new ServicePort(name, "TCP", port, target, nodePort, null);
  }

  /** A running pod with the app label, an IP, a container port named "http" = 8080, ready or not. */
  static Pod pod(String name, String app, String ip, boolean ready, boolean deleting) {
    try {
      return podOf(name, app, ip, ready, deleting);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Pod podOf(String name, String app, String ip, boolean ready, boolean deleting) throws java.io.IOException {
    String json = """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s","namespace":"default","uid":"uid-%s","labels":{"app":"%s"}},
         "spec":{"nodeName":"local","containers":[{"name":"c","image":"x","ports":[{"name":"http","containerPort":8080}]}]}}
        """.formatted(name, name, app);
    Pod pod = Json.mapper().readValue(json, Pod.class);
    if (deleting) {
      pod = pod.withMetadata(pod.metadata().withDeletionTimestamp("2026-11-27T00:00:00Z"));
    }
    return pod.withStatus(new PodStatus("Running", List.of(new PodCondition("Ready", ready ? "True" : "False", null, null,
        null, null)), null, null, "127.0.0.1", ip, null, null));
  }
}
