package dev.orca.net;

import dev.orca.model.EndpointPort;
import dev.orca.model.EndpointSlice;
import dev.orca.model.Service;
import dev.orca.model.ServicePort;
import dev.orca.model.ServiceSpec;
import dev.orca.model.SliceEndpoint;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The proxy's table, a pure function of the Services and EndpointSlices: for every TCP port of
 * every Service with a cluster IP, the frontends (cluster IP:port, and 127.0.0.1:nodePort) and the
 * backends — the addresses of the endpoints that are ready (serving and not terminating), on the
 * port the slice gives for that Service port. A frontend with no backends is still listened on,
 * so that a client is refused by a closed connection rather than by nobody listening.
 */
public final class ProxyRoutes {
  public static final String NODE_PORT_HOST = "127.0.0.1";

  private ProxyRoutes() {}

  /** Where connections to a frontend go. */
  public record Route(String service, String portName, List<InetSocketAddress> backends) {}

  public static Map<Frontend, Route> of(Collection<Service> services, Collection<EndpointSlice> slices) {
    Map<String, List<EndpointSlice>> slicesByService = new HashMap<>();
    for (EndpointSlice slice : slices) {
      String name = slice.metadata().labelsOrEmpty().get(EndpointSlice.SERVICE_NAME_LABEL);
      if (name != null && !slice.metadata().isDeleting()) {
        slicesByService.computeIfAbsent(slice.metadata().namespace() + "/" + name, k -> new ArrayList<>()).add(slice);
      }
    }
    Map<Frontend, Route> routes = new LinkedHashMap<>();
    List<Service> sorted = new ArrayList<>(services);
    sorted.sort(Comparator.comparing(s -> s.metadata().namespace() + "/" + s.metadata().name()));
    for (Service service : sorted) {
      ServiceSpec spec = service.spec();
      if (spec == null || spec.ports() == null || service.metadata().isDeleting()
          || spec.clusterIP() == null || spec.clusterIP().isEmpty() || spec.hasNoClusterIp()) {
        continue;
      }
      String id = service.metadata().namespace() + "/" + service.metadata().name();
      List<EndpointSlice> own = slicesByService.getOrDefault(id, List.of());
      for (ServicePort port : spec.ports()) {
        if (port.port() == null || !"TCP".equals(port.protocol() == null ? "TCP" : port.protocol())) {
          continue;
        }
        Route route = new Route(id, port.name(), backends(own, port));
        routes.putIfAbsent(new Frontend(spec.clusterIP(), port.port()), route);
        if (spec.hasNodePorts() && port.nodePort() != null && port.nodePort() > 0) {
          routes.putIfAbsent(new Frontend(NODE_PORT_HOST, port.nodePort()), route);
        }
      }
    }
    return routes;
  }

  private static List<InetSocketAddress> backends(List<EndpointSlice> slices, ServicePort port) {
    List<InetSocketAddress> backends = new ArrayList<>();
    for (EndpointSlice slice : slices) {
      Integer target = null;
      for (EndpointPort p : slice.ports() == null ? List.<EndpointPort>of() : slice.ports()) {
        if (Objects.equals(emptyToNull(p.name()), emptyToNull(port.name()))) {
          target = p.port();
        }
      }
      if (target == null) {
        continue;
      }
      for (SliceEndpoint e : slice.endpoints() == null ? List.<SliceEndpoint>of() : slice.endpoints()) {
        boolean ready = e.conditions() == null || e.conditions().ready() == null || e.conditions().ready();
        if (ready && e.addresses() != null) {
          for (String address : e.addresses()) {
            backends.add(InetSocketAddress.createUnresolved(address, target));
          }
        }
      }
    }
    backends.sort(Comparator.comparing(InetSocketAddress::toString));
    return List.copyOf(backends);
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
