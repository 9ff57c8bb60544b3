package dev.orca.net;

import dev.orca.model.Service;
import dev.orca.model.ServicePort;
import dev.orca.model.ServiceSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The environment variables Kubernetes gives a container for each Service of its namespace that
 * existed when it started ({@code enableServiceLinks}): {@code WEB_SERVICE_HOST},
 * {@code WEB_SERVICE_PORT}, {@code WEB_SERVICE_PORT_HTTP} per named port, and the Docker-link
 * style {@code WEB_PORT=tcp://ip:port}, {@code WEB_PORT_80_TCP…}. Headless and ExternalName
 * Services have no address and give none.
 */
public final class ServiceEnvironment {
  private ServiceEnvironment() {}

  public static Map<String, String> of(List<Service> services) {
    List<Service> sorted = new ArrayList<>(services);
    sorted.sort(Comparator.comparing(s -> s.metadata().name()));
    Map<String, String> env = new LinkedHashMap<>();
    for (Service service : sorted) {
      ServiceSpec spec = service.spec();
      if (spec == null || spec.clusterIP() == null || spec.clusterIP().isEmpty() || spec.hasNoClusterIp()
          || spec.ports() == null || spec.ports().isEmpty() || service.metadata().isDeleting()) {
        continue;
      }
      String prefix = name(service.metadata().name());
      String ip = spec.clusterIP();
      ServicePort first = spec.ports().get(0);
      env.put(prefix + "_SERVICE_HOST", ip);
      env.put(prefix + "_SERVICE_PORT", String.valueOf(first.port()));
      for (ServicePort p : spec.ports()) {
        if (p.name() != null && !p.name().isEmpty()) {
          env.put(prefix + "_SERVICE_PORT_" + name(p.name()), String.valueOf(p.port()));
        }
      }
      env.put(prefix + "_PORT", protocol(first) + "://" + ip + ":" + first.port());
      for (ServicePort p : spec.ports()) {
        String base = prefix + "_PORT_" + p.port() + "_" + protocol(p).toUpperCase(Locale.ROOT);
        env.put(base, protocol(p) + "://" + ip + ":" + p.port());
        env.put(base + "_PROTO", protocol(p));
        env.put(base + "_PORT", String.valueOf(p.port()));
        env.put(base + "_ADDR", ip);
      }
    }
    return env;
  }

  private static String name(String s) {
    return s.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
  }

  private static String protocol(ServicePort p) {
    return (p.protocol() == null ? "TCP" : p.protocol()).toLowerCase(Locale.ROOT);
  }
}
