package dev.orca.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One line of {@code orca cluster status}: what the cluster says of a member (status, roles,
 * reachability) joined with what its files say (pid, API URL) and how many shards it hosts
 * ({@code null} when it did not answer).
 */
public record MemberStatus(String name, String status, List<String> roles, boolean reachable, String api, Long pid,
    Integer shards) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Joins the member files, the live pids, the membership as one member sees it and the shard
   * counts per member name. A member the cluster does not list is {@code Stopped} without a live JVM,
   * else {@code NotJoined}.
   */
  public static List<MemberStatus> of(List<MemberSpec> specs, Map<String, Long> livePids, ClusterView view,
      Map<String, Integer> shards) {
    List<MemberStatus> rows = new ArrayList<>();
    for (MemberSpec spec : specs) {
      ClusterView.Member m = view.byAddress().get(spec.address());
      Long pid = livePids.get(spec.name());
      String status = m != null ? m.status() : pid == null ? "Stopped" : "NotJoined";
      rows.add(new MemberStatus(spec.name(), status, m != null ? m.roles() : spec.roles(), m == null || m.reachable(),
          spec.apiUrl(), pid, shards.get(spec.name())));
    }
    return rows;
  }

  /** {@code {"members":[{"name","status","roles","reachable","api","pid","shards"}]}}. */
  public static String json(List<MemberStatus> rows) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode members = root.putArray("members");
    for (MemberStatus r : rows) {
      ObjectNode m = members.addObject();
      m.put("name", r.name());
      m.put("status", r.status());
      r.roles().forEach(m.putArray("roles")::add);
      m.put("reachable", r.reachable());
      m.put("api", r.api());
      if (r.pid() == null) {
        m.putNull("pid");
      } else {
        m.put("pid", r.pid());
      }
      if (r.shards() == null) {
        m.putNull("shards");
      } else {
        m.put("shards", r.shards());
      }
    }
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A table as kubectl prints one: aligned columns, "-" for what is unknown. */
  public static String table(List<MemberStatus> rows) {
    List<String[]> cells = new ArrayList<>();
    cells.add(new String[] {"NAME", "STATUS", "ROLES", "REACHABLE", "SHARDS", "PID", "API"});
    for (MemberStatus r : rows) {
      cells.add(new String[] {r.name(), r.status(), r.roles().isEmpty() ? "-" : String.join(",", r.roles()),
          r.reachable() ? "yes" : "no", r.shards() == null ? "-" : r.shards().toString(),
          r.pid() == null ? "-" : r.pid().toString(), r.api().isEmpty() ? "-" : r.api()});
    }
    int[] widths = new int[cells.get(0).length];
    for (String[] row : cells) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] row : cells) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        line.append(i == row.length - 1 ? row[i] : String.format("%-" + (widths[i] + 3) + "s", row[i]));
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }
}
