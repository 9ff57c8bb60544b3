package dev.orca.net;

import static dev.orca.net.ServiceFixtures.port;
import static dev.orca.net.ServiceFixtures.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.orca.model.IntOrString;
import dev.orca.model.Service;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceEnvironmentTest {

  @Test
  void kubernetesServiceVariables() {
    Service api = service("web-api", Map.of("app", "web"), port("http", 80, IntOrString.of(8080), null),
        port("admin", 9000, IntOrString.of(9000), null));
    Map<String, String> env = ServiceEnvironment.of(List.of(api));
    assertEquals("127.1.0.10", env.get("WEB_API_SERVICE_HOST"));
    assertEquals("80", env.get("WEB_API_SERVICE_PORT"));
    assertEquals("80", env.get("WEB_API_SERVICE_PORT_HTTP"));
    assertEquals("9000", env.get("WEB_API_SERVICE_PORT_ADMIN"));
    assertEquals("tcp://127.1.0.10:80", env.get("WEB_API_PORT"));
    assertEquals("tcp://127.1.0.10:9000", env.get("WEB_API_PORT_9000_TCP"));
    assertEquals("tcp", env.get("WEB_API_PORT_80_TCP_PROTO"));
    assertEquals("80", env.get("WEB_API_PORT_80_TCP_PORT"));
    assertEquals("127.1.0.10", env.get("WEB_API_PORT_80_TCP_ADDR"));
  }

  @Test
  void headlessServicesGiveNone() {
    Service headless = service("h", Map.of("app", "web"), port("p", 80, IntOrString.of(80), null));
    headless = headless.withSpec(headless.spec().withAddresses("None", headless.spec().ports()));
    assertTrue(ServiceEnvironment.of(List.of(headless)).isEmpty());
  }
}
