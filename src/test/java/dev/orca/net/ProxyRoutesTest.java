package dev.orca.net;

import static dev.orca.net.ServiceFixtures.pod;
import static dev.orca.net.ServiceFixtures.port;
import static dev.orca.net.ServiceFixtures.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.orca.model.IntOrString;
import dev.orca.model.Service;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProxyRoutesTest {

  @Test
  void clusterIpAndNodePortLeadToTheReadyEndpointsOnly() {
    Service web = service("web", Map.of("app", "web"), port("http", 80, IntOrString.of("http"), 30080));
    var slices = ServiceEndpoints.slices(web, List.of(pod("a", "web", "127.0.1.2", true, false),
        pod("b", "web", "127.0.1.1", false, false), pod("c", "web", "127.0.1.3", true, true)));
    Map<Frontend, ProxyRoutes.Route> routes = ProxyRoutes.of(List.of(web), slices);
    assertEquals(2, routes.size());
    List<InetSocketAddress> backends = routes.get(new Frontend("127.1.0.10", 80)).backends();
    assertEquals(1, backends.size());
    assertEquals("127.0.1.2", backends.get(0).getHostString());
    assertEquals(8080, backends.get(0).getPort());
    assertEquals(backends, routes.get(new Frontend("127.0.0.1", 30080)).backends());
  }

  @Test
  void headlessAndUdpServicesAreNotProxied() {
    Service headless = service("h", Map.of("app", "web"), port("p", 80, IntOrString.of(80), null));
    headless = headless.withSpec(headless.spec().withAddresses("None", headless.spec().ports()));
    Service udp = service("u", Map.of("app", "web"), new dev.orca.model.ServicePort("dns", "UDP", 53, IntOrString.of(53), null, null));
    assertTrue(ProxyRoutes.of(List.of(headless, udp), List.of()).isEmpty());
  }
}
