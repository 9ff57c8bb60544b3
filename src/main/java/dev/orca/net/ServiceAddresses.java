package dev.orca.net;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Allocation of cluster IPs from the service CIDR and of node ports from the node-port range, as
 * kube-apiserver's allocators do it: a requested address must be in range and free; otherwise a
 * free one is picked at random (random, so that two Orcas on one machine rarely pick the same).
 * Pure: what is in use is given.
 */
public final class ServiceAddresses {
  private final int base;
  private final int size;
  private final String cidr;
  private final int portMin;
  private final int portMax;

  public ServiceAddresses(String cidr, int portMin, int portMax) {
    String[] parts = cidr.split("/");
    int prefix = Integer.parseInt(parts[1]);
    if (prefix < 8 || prefix > 30) {
      throw new IllegalArgumentException("service CIDR prefix must be between /8 and /30: " + cidr);
    }
    this.size = 1 << (32 - prefix);
    this.base = toInt(parts[0]) & ~(size - 1);
    this.cidr = cidr;
    this.portMin = portMin;
    this.portMax = portMax;
  }

  public String cidr() {
    return cidr;
  }

  public Allocation allocate(AddressRequest request, Set<String> ipsInUse, Set<Integer> portsInUse, Random random) {
    String ip = null;
    if (request.needsIp()) {
      if (request.ip() != null && !request.ip().isEmpty()) {
        ip = request.ip();
        if (!inRange(ip)) {
          return new Allocation.Refused("spec.clusterIPs", List.of(ip), "failed to allocate IP " + ip
              + ": the provided IP (" + ip + ") is not in the valid range. The range of valid IPs is " + cidr);
        }
        if (ipsInUse.contains(ip)) {
          return new Allocation.Refused("spec.clusterIPs", List.of(ip), "failed to allocate IP " + ip
              + ": provided IP is already allocated");
        }
      } else {
        ip = pickIp(ipsInUse, random);
        if (ip == null) {
          return new Allocation.Refused("spec.clusterIPs", List.of(), "failed to allocate a serviceIP: range is full");
        }
      }
    }
    List<Integer> ports = new ArrayList<>();
    java.util.HashSet<Integer> taken = new java.util.HashSet<>(portsInUse);
    List<Integer> wanted = request.nodePorts() == null ? List.of() : request.nodePorts();
    for (int i = 0; i < wanted.size(); i++) {
      Integer want = wanted.get(i);
      if (want == null || want == 0) {
        continue;
      }
      String field = "spec.ports[" + i + "].nodePort";
      if (want < portMin || want > portMax) {
        return new Allocation.Refused(field, want, "provided port is not in the valid range. The range of valid ports is "
            + portMin + "-" + portMax);
      }
      if (!taken.add(want)) {
        return new Allocation.Refused(field, want, "provided port is already allocated");
      }
    }
    for (int i = 0; i < wanted.size(); i++) {
      Integer want = wanted.get(i);
      if (want == null) {
        ports.add(null);
      } else if (want != 0) {
        ports.add(want);
      } else {
        Integer picked = pickPort(taken, random);
        if (picked == null) {
          return new Allocation.Refused("spec.ports[" + i + "].nodePort", 0, "failed to allocate a nodePort: range is full");
        }
        taken.add(picked);
        ports.add(picked);
      }
    }
    return new Allocation.Allocated(ip, ports);
  }

  /** Whether the address is in the CIDR (and not its network or broadcast address). */
  public boolean inRange(String ip) {
    int offset;
    try {
      offset = toInt(ip) - base;
    } catch (IllegalArgumentException e) {
      return false;
    }
    return offset > 0 && offset < size - 1;
  }

  private String pickIp(Set<String> inUse, Random random) {
    int usable = size - 2;
    int start = random.nextInt(usable);
    for (int i = 0; i < usable; i++) {
      String candidate = toString(base + 1 + (start + i) % usable);
      if (!inUse.contains(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  private Integer pickPort(Set<Integer> inUse, Random random) {
    int count = portMax - portMin + 1;
    int start = random.nextInt(count);
    for (int i = 0; i < count; i++) {
      int candidate = portMin + (start + i) % count;
      if (!inUse.contains(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  static int toInt(String ip) {
    String[] octets = ip.split("\\.");
    if (octets.length != 4) {
      throw new IllegalArgumentException("not an IPv4 address: " + ip);
    }
    int value = 0;
    for (String o : octets) {
      int n = Integer.parseInt(o);
      if (n < 0 || n > 255) {
        throw new IllegalArgumentException("not an IPv4 address: " + ip);
      }
      value = (value << 8) | n;
    }
    return value;
  }

  static String toString(int ip) {
    return ((ip >>> 24) & 0xff) + "." + ((ip >>> 16) & 0xff) + "." + ((ip >>> 8) & 0xff) + "." + (ip & 0xff);
  }
}
