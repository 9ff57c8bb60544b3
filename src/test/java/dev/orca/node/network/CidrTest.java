package dev.orca.node.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CidrTest {

  @Test
  void addressesOfARange() {
    Cidr range = Cidr.parse("10.213.0.0/16");
    assertEquals(65536, range.size());
    assertEquals("10.213.0.1", range.at(1));
    assertEquals("10.213.1.2", range.at(258));
    assertEquals(258, range.indexOf("10.213.1.2"));
    assertEquals(-1, range.indexOf("10.214.0.1"));
    assertTrue(range.contains("10.213.255.255"));
    assertFalse(range.contains("10.212.255.255"));
    assertEquals("10.213.0.0/16", Cidr.parse("10.213.7.9/16").toString(), "host bits are dropped");
    assertEquals("127.0.0.1/32", Cidr.parse("127.0.0.1").toString());
  }

  @Test
  void overlaps() {
    Cidr pods = Cidr.parse("10.213.0.0/16");
    assertTrue(pods.overlaps(Cidr.parse("10.0.0.0/8")));
    assertTrue(Cidr.parse("10.0.0.0/8").overlaps(pods));
    assertTrue(pods.overlaps(Cidr.parse("10.213.4.0/24")));
    assertFalse(pods.overlaps(Cidr.parse("10.214.0.0/16")));
    assertTrue(Cidr.parse("127.1.0.0/16").overlaps(Cidr.parse("127.0.0.0/8")));
  }

  @Test
  void rejectsWhatIsNotAnIpv4Range() {
    assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.213.0/16"));
    assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.213.0.256/16"));
    assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.213.0.0/33"));
    assertThrows(IllegalArgumentException.class, () -> Cidr.parse("fd00::/64"));
  }
}
