package dev.orca.node.network;

import dev.orca.model.Pod;
import java.util.List;
import java.util.function.Function;

/**
 * Pods share the host's network; each gets its own address in 127/8 ({@link LoopbackAddresses}),
 * so replicas listening on the same port do not collide. There is no sandbox to make or enter.
 */
public final class LoopbackNetwork implements PodNetwork {
  private final Function<Pod, String> addresses;
  private final Cidr serviceCidr;

  /** Each pod gets the next of 127.0.1.1, 127.0.1.2, … */
  public LoopbackNetwork(Cidr serviceCidr) {
    this(new LoopbackAddresses()::of, serviceCidr);
  }

  /** Pods get the addresses {@code addresses} gives them; services use 127.1.0.0/16. */
  public LoopbackNetwork(Function<Pod, String> addresses) {
    this(addresses, Cidr.parse("127.1.0.0/16"));
  }

  /** Pods get the addresses {@code addresses} gives them. */
  public LoopbackNetwork(Function<Pod, String> addresses, Cidr serviceCidr) {
    this.addresses = addresses;
    this.serviceCidr = serviceCidr;
  }

  @Override
  public String mode() {
    return "loopback";
  }

  @Override
  public String podIp(Pod pod) {
    return addresses.apply(pod);
  }

  @Override
  public List<String> setUp(Pod pod) {
    return List.of();
  }

  @Override
  public List<String> enterPrefix(Pod pod) {
    return List.of();
  }

  @Override
  public void tearDown(Pod pod) {
    // addresses of 127/8 cost nothing; a pod keeps its address
  }

  @Override
  public void exposeOnHost(String ip) {
    // all of 127/8 is local and pods share the host's network
  }

  @Override
  public void unexposeOnHost(String ip) {
    // nothing was added
  }

  @Override
  public Cidr serviceCidr() {
    return serviceCidr;
  }

  @Override
  public void close() {
    // nothing to tear down
  }
}
