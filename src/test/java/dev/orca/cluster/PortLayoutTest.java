package dev.orca.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.ConfigFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class PortLayoutTest {
  @Test
  void memberIGetsEachBasePlusIMinusOne() {
    List<MemberSpec> members = new PortLayout(8080, 25520, 8558).members(3, List.of("control", "api", "worker"), 2);
    assertEquals(List.of("orca-1", "orca-2", "orca-3"), members.stream().map(MemberSpec::name).toList());
    MemberSpec third = members.get(2);
    assertEquals(8082, third.apiPort());
    assertEquals(25522, third.remotingPort());
    assertEquals(8560, third.managementPort());
    assertEquals("pekko://orca@127.0.0.1:25522", third.address());
    assertEquals("http://127.0.0.1:8082", third.apiUrl());
    assertEquals(2, third.simulatedNodes());
  }

  @Test
  void membersWithoutTheWorkerRoleRunNoSimulatedNodesAndWithoutApiHaveNoUrl() {
    MemberSpec control = new PortLayout(8080, 25520, 8558).members(1, List.of("control"), 5).get(0);
    assertEquals(0, control.simulatedNodes());
    assertEquals("", control.apiUrl());
  }

  @Test
  void theDefaultsComeFromClusterConf() {
    assertEquals(new PortLayout(8080, 25520, 8558), PortLayout.from(ConfigFactory.load()));
  }

  @Test
  void overlappingOrOutOfRangePortsAreRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new PortLayout(8080, 8082, 9000).check(3));
    assertEquals("API ports 8080-8082 overlap remoting ports 8082-8084", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new PortLayout(65534, 25520, 8558).check(3));
    assertThrows(IllegalArgumentException.class, () -> new PortLayout(8080, 25520, 8558).check(0));
    new PortLayout(8080, 8083, 8086).check(3);
  }
}
