package dev.orca.chaos.scenario;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The failure settings a scenario runs under, side by side: Orca's own (conf/cluster.conf, the
 * member files of {@code orca cluster up}), stock Pekko's failure detection, downing and sharding
 * timings, and Kubernetes' default node timings (a node is NotReady 40 s after its last heartbeat,
 * its pods evicted 300 s later; a node whose member the cluster has downed — its host died — is
 * NotReady at once in Orca, so its pods go 40 + 300 s after that). Each is the
 * {@code --set path=value} overrides given to {@code orca cluster up}.
 */
public enum Profile {
  ORCA("orca", Map.of()),
  PEKKO_DEFAULTS("pekko-defaults", pekkoDefaults()),
  KUBERNETES("kubernetes", Map.of(
      "orca.node.grace-period", "40s",
      "orca.node.eviction-delay", "300s",
      "orca.node.grace-after-start", "40s",
      "orca.node.eviction-delay-after-member-down", "340s"));

  private final String wireName;
  private final Map<String, String> overrides;

  Profile(String wireName, Map<String, String> overrides) {
    this.wireName = wireName;
    this.overrides = overrides;
  }

  public String wireName() {
    return wireName;
  }

  /** Config path to value, for {@code orca cluster up --set}. */
  public Map<String, String> overrides() {
    return overrides;
  }

  public static Optional<Profile> of(String name) {
    return Arrays.stream(values()).filter(p -> p.wireName.equals(name)).findFirst();
  }

  public static String names() {
    return Arrays.stream(values()).map(Profile::wireName).collect(Collectors.joining(", "));
  }

  /** Pekko 1.x reference.conf values of what conf/cluster.conf tunes. */
  private static Map<String, String> pekkoDefaults() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("pekko.cluster.gossip-interval", "1s");
    m.put("pekko.cluster.leader-actions-interval", "1s");
    m.put("pekko.cluster.unreachable-nodes-reaper-interval", "1s");
    m.put("pekko.cluster.failure-detector.heartbeat-interval", "1s");
    m.put("pekko.cluster.failure-detector.acceptable-heartbeat-pause", "3s");
    m.put("pekko.cluster.failure-detector.expected-response-after", "1s");
    m.put("pekko.cluster.down-removal-margin", "off");
    m.put("pekko.cluster.split-brain-resolver.stable-after", "20s");
    m.put("pekko.cluster.singleton.hand-over-retry-interval", "1s");
    m.put("pekko.cluster.singleton-proxy.singleton-identification-interval", "1s");
    m.put("pekko.cluster.sharding.retry-interval", "2s");
    m.put("pekko.cluster.sharding.rebalance-interval", "10s");
    m.put("pekko.cluster.sharding.coordinator-failure-backoff", "5s");
    m.put("pekko.cluster.sharding.handoff-timeout", "60s");
    m.put("pekko.cluster.sharding.waiting-for-state-timeout", "2s");
    m.put("pekko.cluster.sharding.shard-region-query-timeout", "3s");
    return Map.copyOf(m);
  }
}
