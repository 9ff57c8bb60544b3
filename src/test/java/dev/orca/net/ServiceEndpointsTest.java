package dev.orca.net;

import static dev.orca.net.ServiceFixtures.pod;
import static dev.orca.net.ServiceFixtures.port;
import static dev.orca.net.ServiceFixtures.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.orca.model.EndpointSlice;
import dev.orca.model.EndpointSubset;
import dev.orca.model.Endpoints;
import dev.orca.model.IntOrString;
import dev.orca.model.Pod;
import dev.orca.model.Service;
import dev.orca.model.SliceEndpoint;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceEndpointsTest {
  private final Service web = service("web", Map.of("app", "web"), port("http", 80, IntOrString.of("http"), 30080));

  @Test
  void readyPodsAreAddressesTheOthersNotReadyAndTerminatingOnesAreLeftOut() {
    List<Pod> pods = List.of(
        pod("a", "web", "127.0.1.2", true, false),
        pod("b", "web", "127.0.1.1", false, false),
        pod("c", "web", "127.0.1.3", true, true),
        pod("other", "db", "127.0.1.9", true, false));
    Endpoints endpoints = ServiceEndpoints.endpoints(web, pods);
    assertEquals(1, endpoints.subsets().size());
    EndpointSubset subset = endpoints.subsets().get(0);
    assertEquals(List.of("127.0.1.2"), subset.addresses().stream().map(a -> a.ip()).toList());
    assertEquals(List.of("127.0.1.1"), subset.notReadyAddresses().stream().map(a -> a.ip()).toList());
    assertEquals(8080, subset.ports().get(0).port(), "the named target port resolved to the container's");
    assertEquals("http", subset.ports().get(0).name());
    assertEquals("a", subset.addresses().get(0).targetRef().name());
    assertEquals("svc-uid-web", endpoints.metadata().ownerReferences().get(0).uid());
  }

  @Test
  void slicesKeepTerminatingPodsWithTheirConditions() {
    List<Pod> pods = List.of(pod("a", "web", "127.0.1.2", true, false), pod("c", "web", "127.0.1.3", true, true),
        pod("b", "web", "127.0.1.1", false, false));
    List<EndpointSlice> slices = ServiceEndpoints.slices(web, pods);
    assertEquals(1, slices.size());
    EndpointSlice slice = slices.get(0);
    assertEquals("web", slice.metadata().labels().get(EndpointSlice.SERVICE_NAME_LABEL));
    assertTrue(slice.metadata().name().startsWith("web-"));
    List<SliceEndpoint> eps = slice.endpoints();
    assertEquals(List.of("127.0.1.1", "127.0.1.2", "127.0.1.3"), eps.stream().map(e -> e.addresses().get(0)).toList());
    assertFalse(eps.get(0).conditions().ready());
    assertTrue(eps.get(1).conditions().ready());
    assertFalse(eps.get(2).conditions().ready(), "terminating is not ready");
    assertTrue(eps.get(2).conditions().serving());
    assertTrue(eps.get(2).conditions().terminating());
    assertEquals(ServiceEndpoints.slices(web, pods).get(0).metadata().name(), slice.metadata().name(), "a stable name");
  }

  @Test
  void aPodWithoutTheNamedPortServesNothingAndNoPodsMeansNoSubsets() {
    Service byName = service("web", Map.of("app", "web"), port("m", 9090, IntOrString.of("metrics"), null));
    assertNull(ServiceEndpoints.endpoints(byName, List.of(pod("a", "web", "127.0.1.2", true, false))).subsets());
    EndpointSlice empty = ServiceEndpoints.slices(web, List.of()).get(0);
    assertNull(empty.endpoints());
  }

  @Test
  void publishNotReadyAddressesMakesEveryPodAnAddress() {
    Service publishing = web.withSpec(new dev.orca.model.ServiceSpec("ClusterIP", Map.of("app", "web"), web.spec().ports(),
        "127.1.0.10", null, null, null, null, null, null, null, null, true));
    Endpoints endpoints = ServiceEndpoints.endpoints(publishing, List.of(pod("b", "web", "127.0.1.1", false, false)));
    assertEquals(1, endpoints.subsets().get(0).addresses().size());
  }

  @Test
  void onlyServicesWithASelectorAreManaged() {
    Service selectorless = service("manual", null, port("p", 80, IntOrString.of(80), null));
    assertFalse(ServiceEndpoints.managed(selectorless));
    assertTrue(ServiceEndpoints.selects(web, Map.of("app", "web", "tier", "x")));
    assertFalse(ServiceEndpoints.selects(web, Map.of("app", "db")));
  }
}
