package dev.orca.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orca.chaos.ChaosCommand;
import dev.orca.cluster.ClusterCommand;
import dev.orca.cluster.MemberFiles;
import dev.orca.cluster.MemberSpec;
import dev.orca.model.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Process-level chaos on two real member JVMs from {@code orca cluster up --set orca.chaos.enabled=on}
 * (which puts Artery in test mode), on a PostgreSQL of the test's own. The split-brain resolver
 * waits a minute here, so that members stay in the cluster and heal: {@code orca chaos partition}
 * drops traffic both ways (each member sees the other unreachable) and heals by itself;
 * {@code orca chaos pause} freezes a member and lets it go; {@code orca chaos pause-db} freezes
 * the journal's server and its backends, then resumes them.
 */
@Tag("slow")
class ChaosClusterTest {
  private static final Duration DEADLINE = Duration.ofSeconds(45);
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void partitionPauseAndPauseDbEndByThemselves(@TempDir Path dir) throws Exception {
    try (TestPostgres postgres = TestPostgres.startPrivate()) {
      postgres.database("orca");
      List<String> up = new ArrayList<>(List.of("up", "--nodes", "2", "--data-dir", dir.toString(), "--postgres-port",
          Integer.toString(postgres.port()), "--timeout", "180",
          "--api-port", Integer.toString(OrcaProcess.freeRange(2)),
          "--remoting-port", Integer.toString(OrcaProcess.freeRange(2)),
          "--management-port", Integer.toString(OrcaProcess.freeRange(2)),
          "--set", "orca.chaos.enabled=on",
          "--set", "pekko.cluster.split-brain-resolver.stable-after=60s"));
      try {
        Result started = run(ClusterCommand::run, up.toArray(String[]::new));
        assertEquals(0, started.code, started.out + started.err);
        MemberFiles files = new MemberFiles(dir);
        MemberSpec one = files.member("orca-1").orElseThrow();
        MemberSpec two = files.member("orca-2").orElseThrow();
        assertTrue(Files.readString(files.conf("orca-1")).contains("pekko.remote.artery.advanced.test-mode = true"));

        // a partition, both ways, healed by the members themselves
        Result cut = run(ChaosCommand::run, "partition", "orca-2", "--for", "6s", "--data-dir", dir.toString());
        assertEquals(0, cut.code, cut.out + cut.err);
        ApiClient.await("each side sees the other unreachable", DEADLINE,
            () -> unreachable(one) + " / " + unreachable(two),
            s -> s.equals(two.address() + " / " + one.address()));
        ApiClient.await("the partition healed", DEADLINE,
            () -> unreachable(one) + " / " + unreachable(two) + " / " + faults(one) + faults(two),
            s -> s.equals(" /  / 00"));

        // a paused member: unreachable while frozen, back after
        CompletableFuture<Result> pause = CompletableFuture.supplyAsync(
            () -> run(ChaosCommand::run, "pause", "orca-2", "--for", "5s", "--data-dir", dir.toString()));
        ApiClient.await("orca-2 frozen", DEADLINE, () -> unreachable(one), s -> s.equals(two.address()));
        assertEquals(0, pause.join().code, pause.join().err);
        ApiClient.await("orca-2 back", DEADLINE, () -> unreachable(one), String::isEmpty);

        // the journal's server frozen, then resumed
        long postmaster = Long.parseLong(Files.readAllLines(postgres.dir().resolve("postmaster.pid")).get(0).strip());
        CompletableFuture<Result> pauseDb = CompletableFuture.supplyAsync(
            () -> run(ChaosCommand::run, "pause-db", "--for", "3s", "--data-dir", postgres.dir().toString()));
        ApiClient.await("the postmaster stopped", DEADLINE, () -> state(postmaster), s -> s.equals("T"));
        Result db = pauseDb.join();
        assertEquals(0, db.code, db.out + db.err);
        assertTrue(db.out.contains("SIGCONT"), db.out);
        assertTrue(!state(postmaster).equals("T"), "running again");
        ApiClient api = new ApiClient(one.apiPort());
        ApiClient.await("a write lands after the database is back", DEADLINE,
            () -> api.post("/api/v1/namespaces/default/configmaps",
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"after-pause\"}}").code(),
            c -> c == 201 || c == 409);
      } finally {
        Result down = run(ClusterCommand::run, "down", "--data-dir", dir.toString());
        assertEquals(0, down.code, down.out + down.err);
      }
    }
  }

  /** The addresses this member's failure detector marks unreachable, comma-separated ("" when none, or it did not answer). */
  private String unreachable(MemberSpec member) {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(member.managementUrl() + "/cluster/members"))
          .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
      List<String> nodes = new ArrayList<>();
      for (JsonNode u : Json.mapper().readTree(r.body()).path("unreachable")) {
        nodes.add(u.path("node").asText());
      }
      return String.join(",", nodes);
    } catch (Exception e) {
      return "?";
    }
  }

  private static int faults(MemberSpec member) {
    return ApiClient.items(new ApiClient(member.apiPort()).getJson("/chaos/v1/faults")).size();
  }

  /** The process state letter from /proc/PID/stat (T: stopped). */
  private static String state(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    } catch (Exception e) {
      return "?";
    }
  }

  record Result(int code, String out, String err) {}

  interface Command {
    int run(String[] args, PrintStream out, PrintStream err);
  }

  private static Result run(Command command, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = command.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
