package dev.orca.node.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.orca.model.Container;
import dev.orca.model.ContainerPort;
import dev.orca.model.IntOrString;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A probe's target built from a container, and its ports resolved as kubelet resolves them. */
class ProbeTargetTest {

  private final Container web = new Container("web", null, List.of("python3", "-m", "http.server"), null, "/srv",
      null, List.of(new ContainerPort("http", 8080, "TCP", null), new ContainerPort(null, 9090, "TCP", null)), null,
      null, null, null, null);

  @Test
  void aContainersNamedPortsWorkingDirAndEnvironmentMakeItsTarget() {
    Map<String, String> env = new HashMap<>();
    env.put("POD_IP", "127.0.0.5");
    env.put("UNSET", null);
    ProbeTarget target = ProbeTarget.of("127.0.0.5", web, env);
    assertEquals(new ProbeTarget("127.0.0.5", Map.of("http", 8080), Map.of("POD_IP", "127.0.0.5"), "/srv"), target);
  }

  @Test
  void portsResolveByNumberNameOrNumberWrittenAsAString() {
    ProbeTarget target = ProbeTarget.of("127.0.0.5", web, Map.of());
    assertEquals(9090, target.resolvePort(IntOrString.of(9090)));
    assertEquals(8080, target.resolvePort(IntOrString.of("http")));
    assertEquals(7070, target.resolvePort(IntOrString.of("7070")));
    assertEquals("port admin not found",
        assertThrows(IllegalArgumentException.class, () -> target.resolvePort(IntOrString.of("admin"))).getMessage());
    assertEquals("invalid port number: 70000",
        assertThrows(IllegalArgumentException.class, () -> target.resolvePort(IntOrString.of(70000))).getMessage());
  }

  @Test
  void aProbesOwnHostWinsOverThePodIp() {
    ProbeTarget target = ProbeTarget.of("127.0.0.5");
    assertEquals("127.0.0.5", target.hostOr(null));
    assertEquals("127.0.0.5", target.hostOr(""));
    assertEquals("localhost", target.hostOr("localhost"));
  }
}
