package dev.orca.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orca.bench.FailoverBench;
import dev.orca.cluster.MemberFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 5, item 6: PostgreSQL stopped for 10 s and started again under a 3-member cluster while a
 * client writes through every member's API. Every write refused in the outage is a Status 503 or
 * 504; no member is fenced or shuts down (their leases ran out in the database for everyone, and
 * a live member is never fenced for that); once the database is back every member takes writes
 * again, every acknowledged write is there and every Deployment is back to exactly its replicas.
 */
@Tag("slow")
class ClusterOutageTest {
  private static final Duration BOUND = Duration.ofSeconds(90);
  private static final Duration OUTAGE = Duration.ofSeconds(10);

  @Test
  void theClusterCarriesOnWithoutARestartWhenPostgresComesBack() throws Exception {
    Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "cluster-outage-").toAbsolutePath();
    try (TestPostgres postgres = TestPostgres.startPrivate()) {
      String url = postgres.database("orca");
      FailoverBench bench = new FailoverBench(dir, System.out::println);
      MemberFiles files = new MemberFiles(dir);
      try {
        ClusterProbe.up(bench, dir, postgres.port());
        bench.createDeployments(Duration.ofSeconds(120));
        List<String> members = List.of("orca-1", "orca-2", "orca-3");
        Map<String, Long> pids = members.stream().collect(Collectors.toMap(m -> m, m -> files.pid(m).orElseThrow()));
        List<ApiClient> apis = new ArrayList<>();
        members.forEach(m -> apis.add(new ApiClient(files.member(m).orElseThrow().apiPort())));
        try (ConfigMapLoad load = new ConfigMapLoad(apis, "outage")) {
          ApiClient.await("writes before the outage", BOUND, () -> load.acknowledgedSince(0), n -> n >= 30);
          long stopped = System.nanoTime();
          postgres.stopServer();
          long left = OUTAGE.toNanos() - (System.nanoTime() - stopped);
          if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left); // the outage's duration
          }
          postgres.startServer();
          long back = System.nanoTime();
          ApiClient.await("writes acknowledged again after the outage", BOUND, () -> load.acknowledgedSince(back),
              n -> n >= 30);
          System.out.printf("cluster outage: first acknowledged write %.1f s after PostgreSQL was back%n",
              (load.answers().stream().filter(a -> a.code() == 200 && a.at() > back).mapToLong(ConfigMapLoad.Answer::at)
                  .min().orElseThrow() - back) / 1e9);
          for (int i = 0; i < apis.size(); i++) {
            int client = i;
            ApiClient.await(members.get(i) + " takes writes again", BOUND, () -> load.answers().stream()
                .anyMatch(a -> a.code() == 200 && a.at() > back && a.name().startsWith("outage-" + client + "-")), ok -> ok);
          }
          ClusterProbe.awaitRecovered(bench, "orca-1", BOUND);
          load.stop();

          List<ConfigMapLoad.Answer> refused = load.answers().stream().filter(a -> a.code() != 200).toList();
          System.out.printf("cluster outage: %d writes refused, by code %s%n", refused.size(),
              refused.stream().collect(Collectors.groupingBy(ConfigMapLoad.Answer::code, Collectors.counting())));
          assertTrue(!refused.isEmpty(), "writes were refused during the outage");
          for (ConfigMapLoad.Answer a : refused) {
            assertTrue(a.code() == 503 || a.code() == 504, a.code() + ": " + a.body());
            JsonNode status = new ApiClient.Response(a.code(), a.body()).json();
            assertEquals("Status", status.path("kind").asText(), a.body());
          }
          load.assertNothingLost(apis.get(1));
        }
        pids.forEach((member, pid) -> assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
            member + " is still running (pid " + pid + ")"));
        try (Connection c = DriverManager.getConnection(url, TestPostgres.USER, TestPostgres.PASSWORD);
            Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("SELECT count(*) FROM orca_writer WHERE fenced_at IS NOT NULL")) {
          rs.next();
          assertEquals(0, rs.getLong(1), "no live member's writer was fenced");
        }
      } finally {
        bench.cluster("down", "--data-dir", dir.toString());
      }
    }
  }
}
