package dev.orca.cluster;

import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.List;

/**
 * Which ports the members of a local cluster get: member i (1-based) listens on
 * {@code base + i - 1} for its API, its remoting (Artery) and its management HTTP. The three
 * ranges must not overlap. Defaults in {@code orca.cluster.layout} (conf/cluster.conf).
 */
public record PortLayout(int apiBase, int remotingBase, int managementBase) {

  public static PortLayout from(Config config) {
    Config c = config.getConfig("orca.cluster.layout");
    return new PortLayout(c.getInt("api-base"), c.getInt("remoting-base"), c.getInt("management-base"));
  }

  /** The members orca-1 … orca-N, each with its ports, the given roles and simulated nodes. */
  public List<MemberSpec> members(int count, List<String> roles, int simulatedNodes) {
    check(count);
    List<MemberSpec> members = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      members.add(new MemberSpec(MemberSpec.nameOf(i), roles, apiBase + i - 1, remotingBase + i - 1,
          managementBase + i - 1, roles.contains("worker") ? simulatedNodes : 0));
    }
    return members;
  }

  /** Fails when {@code count} members would need a port twice or a port above 65535. */
  public void check(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("a cluster needs at least one member, not " + count);
    }
    int[][] ranges = {{apiBase, apiBase + count - 1}, {remotingBase, remotingBase + count - 1},
        {managementBase, managementBase + count - 1}};
    String[] names = {"API", "remoting", "management"};
    for (int a = 0; a < 3; a++) {
      if (ranges[a][0] < 1 || ranges[a][1] > 65535) {
        throw new IllegalArgumentException(names[a] + " ports " + ranges[a][0] + "-" + ranges[a][1] + " are out of range");
      }
      for (int b = a + 1; b < 3; b++) {
        if (ranges[a][0] <= ranges[b][1] && ranges[b][0] <= ranges[a][1]) {
          throw new IllegalArgumentException(names[a] + " ports " + ranges[a][0] + "-" + ranges[a][1] + " overlap "
              + names[b] + " ports " + ranges[b][0] + "-" + ranges[b][1]);
        }
      }
    }
  }
}
