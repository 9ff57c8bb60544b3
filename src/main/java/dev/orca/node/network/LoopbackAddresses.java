package dev.orca.node.network;

import dev.orca.model.Pod;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Pod addresses on one machine without network namespaces: each pod gets its own address in
 * 127.0.0.0/8 (127.0.1.1, 127.0.1.2, …; Linux answers on all of 127/8), kept for the pod's life
 * across container restarts, so two replicas listening on the same port do not collide.
 */
public final class LoopbackAddresses {
  private final Map<String, String> byPod = new ConcurrentHashMap<>();
  private final AtomicInteger next = new AtomicInteger(256 + 1);

  /** The pod's address, allocated on first use. */
  public String of(Pod pod) {
    String key = pod.metadata().namespace() + "/" + pod.metadata().name() + "/" + pod.metadata().uid();
    return byPod.computeIfAbsent(key, k -> address(next.getAndIncrement()));
  }

  /** 127.a.b.c for the n-th address, skipping .0 and .255 in the last octet. */
  static String address(int n) {
    int last = n % 254 + 1;
    int rest = n / 254;
    return "127." + ((rest >> 8) & 0xff) + "." + (rest & 0xff) + "." + last;
  }
}
