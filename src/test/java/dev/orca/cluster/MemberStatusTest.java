package dev.orca.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MemberStatusTest {
  /** What Pekko Management 1.1.1 answered for GET /cluster/members with orca-3 unreachable. */
  static final String MEMBERS = """
      {"leader":"pekko://orca@127.0.0.1:12552","members":[
       {"node":"pekko://orca@127.0.0.1:12552","nodeUid":"-29","roles":["control","api","worker","dc-default"],"status":"Up"},
       {"node":"pekko://orca@127.0.0.1:12553","nodeUid":"-19","roles":["api","dc-default"],"status":"Up"},
       {"node":"pekko://orca@127.0.0.1:12554","nodeUid":"-86","roles":["control","worker","dc-default"],"status":"Up"}],
       "oldest":"pekko://orca@127.0.0.1:12552","selfNode":"pekko://orca@127.0.0.1:12552",
       "unreachable":[{"node":"pekko://orca@127.0.0.1:12554","observedBy":["pekko://orca@127.0.0.1:12552"]}]}""";

  private static final List<MemberSpec> SPECS = List.of(
      new MemberSpec("orca-1", List.of("control", "api", "worker"), 8080, 12552, 8558, 1),
      new MemberSpec("orca-2", List.of("api"), 8081, 12553, 8559, 0),
      new MemberSpec("orca-3", List.of("control", "worker"), 8082, 12554, 8560, 1),
      new MemberSpec("orca-4", List.of("control"), 8083, 12555, 8561, 0));

  private static List<MemberStatus> rows() {
    return MemberStatus.of(SPECS, Map.of("orca-1", 101L, "orca-2", 102L, "orca-3", 103L), ClusterView.parse(MEMBERS),
        Map.of("orca-1", 60, "orca-2", 0));
  }

  @Test
  void joinsMembershipReachabilityPidsAndShards() {
    List<MemberStatus> rows = rows();
    assertEquals(new MemberStatus("orca-1", "Up", List.of("control", "api", "worker"), true, "http://127.0.0.1:8080", 101L,
        60), rows.get(0));
    assertEquals(new MemberStatus("orca-3", "Up", List.of("control", "worker"), false, "", 103L, null), rows.get(2));
    assertEquals(new MemberStatus("orca-4", "Stopped", List.of("control"), true, "", null, null), rows.get(3));
  }

  @Test
  void aLiveJvmTheClusterDoesNotListHasNotJoined() {
    MemberStatus row = MemberStatus.of(SPECS.subList(3, 4), Map.of("orca-4", 104L), ClusterView.empty(), Map.of()).get(0);
    assertEquals("NotJoined", row.status());
  }

  @Test
  void rendersATable() {
    assertEquals("""
        NAME     STATUS    ROLES                REACHABLE   SHARDS   PID   API
        orca-1   Up        control,api,worker   yes         60       101   http://127.0.0.1:8080
        orca-2   Up        api                  yes         0        102   http://127.0.0.1:8081
        orca-3   Up        control,worker       no          -        103   -
        orca-4   Stopped   control              yes         -        -     -
        """, MemberStatus.table(rows()));
  }

  @Test
  void rendersJson() throws Exception {
    var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(MemberStatus.json(rows()));
    var first = json.path("members").get(0);
    assertEquals("orca-1", first.path("name").asText());
    assertEquals("Up", first.path("status").asText());
    assertEquals("[\"control\",\"api\",\"worker\"]", first.path("roles").toString());
    assertEquals("http://127.0.0.1:8080", first.path("api").asText());
    assertEquals(101, first.path("pid").asInt());
    assertEquals(60, first.path("shards").asInt());
    assertEquals(false, json.path("members").get(2).path("reachable").asBoolean());
    assertEquals(true, json.path("members").get(3).path("pid").isNull());
  }

  @Test
  void countsTheShardsOfARegion() {
    assertEquals(2, ClusterView.shardCount("{\"regions\":[{\"numEntities\":1,\"shardId\":\"35\"},{\"numEntities\":4,\"shardId\":\"7\"}]}"));
    assertEquals(0, ClusterView.shardCount("{}"));
  }
}
