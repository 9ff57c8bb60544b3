package dev.orca.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServiceAddressesTest {
  private final ServiceAddresses addresses = new ServiceAddresses("127.1.0.0/16", 30000, 32767);
  private final Random random = new Random(1);

  @Test
  void picksAFreeAddressInRangeAndFreeNodePorts() {
    Allocation.Allocated a = (Allocation.Allocated) addresses.allocate(
        new AddressRequest(true, null, Arrays.asList(0, null, 31000)), Set.of(), Set.of(31000 - 1), random);
    assertTrue(addresses.inRange(a.ip()), a.ip());
    assertTrue(a.nodePorts().get(0) >= 30000 && a.nodePorts().get(0) <= 32767);
    assertEquals(null, a.nodePorts().get(1));
    assertEquals(31000, a.nodePorts().get(2));
  }

  @Test
  void refusesTakenAndOutOfRangeRequests() {
    Allocation taken = addresses.allocate(new AddressRequest(true, "127.1.0.5", List.of()), Set.of("127.1.0.5"), Set.of(), random);
    assertEquals("failed to allocate IP 127.1.0.5: provided IP is already allocated", ((Allocation.Refused) taken).message());
    Allocation outside = addresses.allocate(new AddressRequest(true, "10.0.0.1", List.of()), Set.of(), Set.of(), random);
    assertTrue(((Allocation.Refused) outside).message().contains("not in the valid range"));
    Allocation port = addresses.allocate(new AddressRequest(false, null, List.of(30080)), Set.of(), Set.of(30080), random);
    assertEquals("spec.ports[0].nodePort", ((Allocation.Refused) port).field());
    assertEquals("provided port is already allocated", ((Allocation.Refused) port).message());
    Allocation low = addresses.allocate(new AddressRequest(false, null, List.of(80)), Set.of(), Set.of(), random);
    assertEquals("provided port is not in the valid range. The range of valid ports is 30000-32767",
        ((Allocation.Refused) low).message());
  }

  @Test
  void twoPortsOfOneServiceNeverShareANodePort() {
    Allocation same = addresses.allocate(new AddressRequest(false, null, List.of(30001, 30001)), Set.of(), Set.of(), random);
    assertInstanceOf(Allocation.Refused.class, same);
    ServiceAddresses tiny = new ServiceAddresses("127.1.0.0/30", 30000, 30001);
    Allocation.Allocated both = (Allocation.Allocated) tiny.allocate(new AddressRequest(true, null, List.of(0, 0)),
        Set.of(), Set.of(), random);
    assertNotEquals(both.nodePorts().get(0), both.nodePorts().get(1));
  }

  @Test
  void aFullRangeIsRefused() {
    ServiceAddresses tiny = new ServiceAddresses("127.1.0.0/30", 30000, 30000);
    Set<String> used = new HashSet<>(List.of("127.1.0.1", "127.1.0.2"));
    assertTrue(((Allocation.Refused) tiny.allocate(new AddressRequest(true, null, List.of()), used, Set.of(), random))
        .message().contains("range is full"));
    assertTrue(((Allocation.Refused) tiny.allocate(new AddressRequest(false, null, List.of(0)), Set.of(), Set.of(30000),
        random)).message().contains("range is full"));
  }
}
