package dev.orca.chaos;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The faults Orca can inject, by their wire name. Each says what it aims at, who injects it (the
 * endpoint of the member concerned, or the CLI acting on processes), and whether it lasts: a lasting
 * fault has a duration and ends by itself (heartbeats resume, the agent starts again, the partition
 * heals, the paused process continues, the killed member is restarted); an instant fault (a pod
 * deleted, a container crashed) is healed by Orca itself.
 */
public enum FaultKind {
  DELETE_POD("delete-pod", TargetType.POD, Injector.ENDPOINT, false),
  CRASH_CONTAINER("crash-container", TargetType.POD, Injector.ENDPOINT, false),
  STOP_HEARTBEATS("stop-heartbeats", TargetType.NODE, Injector.ENDPOINT, true),
  KILL_NODE_AGENT("kill-node-agent", TargetType.NODE, Injector.ENDPOINT, true),
  PARTITION("partition", TargetType.MEMBERS, Injector.ENDPOINT, true),
  KILL_JVM("kill-jvm", TargetType.MEMBER, Injector.PROCESS, true),
  PAUSE_JVM("pause-jvm", TargetType.MEMBER, Injector.PROCESS, true),
  PAUSE_DB("pause-db", TargetType.DATABASE, Injector.PROCESS, true);

  /** What a fault of a kind aims at. */
  public enum TargetType { POD, NODE, MEMBER, MEMBERS, DATABASE }

  /** Who injects it: a member's {@code /chaos/v1} endpoint (inside its JVM), or the CLI on processes. */
  public enum Injector { ENDPOINT, PROCESS }

  private final String wireName;
  private final TargetType target;
  private final Injector injector;
  private final boolean lasting;

  FaultKind(String wireName, TargetType target, Injector injector, boolean lasting) {
    this.wireName = wireName;
    this.target = target;
    this.injector = injector;
    this.lasting = lasting;
  }

  public String wireName() {
    return wireName;
  }

  public TargetType target() {
    return target;
  }

  public Injector injector() {
    return injector;
  }

  /** Whether it has a duration after which it ends by itself. */
  public boolean lasting() {
    return lasting;
  }

  /** Whether, while it lasts, the member(s) it aims at are lost to the cluster (for majority safety). */
  public boolean impairsMembers() {
    return target == TargetType.MEMBER || target == TargetType.MEMBERS;
  }

  public static Optional<FaultKind> of(String wireName) {
    return Arrays.stream(values()).filter(k -> k.wireName.equals(wireName)).findFirst();
  }

  /** The wire names, for error messages: "delete-pod, crash-container, …". */
  public static String names() {
    return Arrays.stream(values()).map(FaultKind::wireName).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return wireName;
  }
}
