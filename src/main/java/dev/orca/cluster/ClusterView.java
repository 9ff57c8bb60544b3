package dev.orca.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The cluster's membership as one member sees it: Pekko Management's {@code GET /cluster/members}
 * answer ({@code members[].node/status/roles}, {@code unreachable[].node}), read into records.
 */
public record ClusterView(Map<String, Member> byAddress) {

  /** One member: its address, its membership status (Joining, Up, Leaving, Down …), roles, reachability. */
  public record Member(String address, String status, List<String> roles, boolean reachable) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  public static ClusterView empty() {
    return new ClusterView(Map.of());
  }

  public static ClusterView parse(String membersJson) {
    try {
      JsonNode root = JSON.readTree(membersJson);
      Set<String> unreachable = new HashSet<>();
      for (JsonNode u : root.path("unreachable")) {
        unreachable.add(u.path("node").asText());
      }
      Map<String, Member> members = new LinkedHashMap<>();
      for (JsonNode m : root.path("members")) {
        List<String> roles = new ArrayList<>();
        m.path("roles").forEach(r -> {
          if (!r.asText().startsWith("dc-")) {
            roles.add(r.asText());
          }
        });
        String address = m.path("node").asText();
        members.put(address, new Member(address, m.path("status").asText(), roles, !unreachable.contains(address)));
      }
      return new ClusterView(members);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The number of shards one member's region hosts, from {@code GET /cluster/shards/{name}} ({@code regions[]}). */
  public static int shardCount(String shardsJson) {
    try {
      return JSON.readTree(shardsJson).path("regions").size();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
