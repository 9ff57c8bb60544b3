package dev.orca.node.network;

import dev.orca.model.Pod;
import java.util.List;

/**
 * The process node's pod network (the CNI seam): each pod's address and sandbox.
 *
 * <p>{@link #podIp} is cheap and may be called anywhere; {@link #setUp}, {@link #tearDown},
 * {@link #exposeOnHost} and {@link #close} may run commands and block for a bounded time
 * ({@code orca.network.namespaces.command-timeout} per command): call them off actor threads.
 */
public interface PodNetwork extends AutoCloseable {

  /** {@code namespaces} or {@code loopback}. */
  String mode();

  /** The pod's address, allocated on first use and kept for the pod's life (until {@link #tearDown}). */
  String podIp(Pod pod);

  /**
   * Makes the pod's sandbox ready, if it is not yet: called before each of its containers starts,
   * so it is idempotent. Returns the command prefix that runs a program inside the sandbox (empty
   * when the pod shares the host's network).
   *
   * @throws dev.orca.node.runtime.ContainerStartException with reason {@code CreatePodSandboxError}
   *     when the sandbox cannot be made; the next start tries again
   */
  List<String> setUp(Pod pod);

  /**
   * The prefix that runs a command inside the pod's sandbox (an exec probe, a preStop hook), or
   * empty when it has none (loopback mode, or not set up yet). Never blocks.
   */
  List<String> enterPrefix(Pod pod);

  /** The pod is gone: its sandbox is removed and its address freed. Its processes must have ended. */
  void tearDown(Pod pod);

  /**
   * Makes {@code ip} a local address of this machine that pods reach: a socket of the Orca JVM
   * bound to it (a Service's ClusterIP) accepts their connections. Idempotent. A no-op in loopback
   * mode, where pods share the host's network and all of 127/8 is local.
   */
  void exposeOnHost(String ip);

  /** The address is no longer exposed. */
  void unexposeOnHost(String ip);

  /** The range Service ClusterIPs come from in this mode: reachable from the host and from every pod. */
  Cidr serviceCidr();

  /** Tears down every sandbox this network made (clean shutdown). */
  @Override
  void close();
}
