package dev.orca.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orca.cluster.ClusterCommand;
import dev.orca.cluster.MemberFiles;
import dev.orca.cluster.MemberSpec;
import dev.orca.cluster.Signals;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three real member JVMs through {@code orca cluster up} on PostgreSQL. A member that stalls for
 * 5 s (SIGSTOP) right after it joined stays in the cluster: the failure detector watches a member
 * leniently for a while after it joined (conf/cluster.conf, {@code while-joining.for}; a minute
 * here). Once it has run for longer, the same stall is noticed with the turbo settings:
 * unreachable within 3.5 s (turbo: ~2 s; the lenient pause alone is 4 s), and then downed.
 */
@Tag("slow")
@org.junit.jupiter.api.extension.ExtendWith(TestPostgres.Resolver.class)
class JoiningStallTest {
  private static final Duration STALL = Duration.ofSeconds(5);
  // longer than conf/cluster.conf's 15 s: `cluster up` returns when orca-3 has finished its boot,
  // some seconds after it joined, and the stall must fall inside the window
  private static final Duration JOINING = Duration.ofSeconds(60);
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @Test
  void aMemberStallingRightAfterJoiningStaysButLaterIsNoticedAtTurboSpeed(@TempDir Path dir, TestPostgres postgres)
      throws Exception {
    postgres.freshDatabase("orca");
    MemberFiles files = new MemberFiles(dir);
    try {
      ClusterCommand.runChecked("up", "--nodes", "3", "--data-dir", dir.toString(), "--postgres-port",
          Integer.toString(postgres.port()), "--timeout", "180", "--simulated-nodes", "1",
          "--api-port", Integer.toString(OrcaProcess.freeRange(3)),
          "--remoting-port", Integer.toString(OrcaProcess.freeRange(3)),
          "--management-port", Integer.toString(OrcaProcess.freeRange(3)),
          "--set", "pekko.cluster.failure-detector.while-joining.for=" + JOINING.toSeconds() + "s");
      long upAt = System.nanoTime(); // orca-3 joined shortly before: the last member joins last
      MemberSpec first = files.member("orca-1").orElseThrow();
      MemberSpec third = files.member("orca-3").orElseThrow();
      long pid = files.pid("orca-3").orElseThrow();

      Signals.send(pid, "STOP");
      TimeUnit.NANOSECONDS.sleep(STALL.toNanos()); // the stall's duration
      Signals.send(pid, "CONT");
      assertTrue(System.nanoTime() - upAt < JOINING.minusSeconds(30).toNanos(), "the stall ended inside the joining period");
      // orca-1 leads (lowest address): in its view orca-3 is either reachable and Up again or Down for good
      JsonNode view = ApiClient.await("orca-3 reachable again, or downed", Duration.ofSeconds(30),
          () -> members(first), m -> state(m, third.address()).equals("Up") || state(m, third.address()).equals("Down")
              || state(m, third.address()).equals("gone"));
      assertEquals("Up", state(view, third.address()), "a member stalled 5 s right after joining was downed: " + view);
      assertTrue(files.process("orca-3").isPresent(), "orca-3 exited");

      // past the joining period: turbo again
      long settled = upAt + JOINING.plusSeconds(5).toNanos() - System.nanoTime();
      if (settled > 0) {
        TimeUnit.NANOSECONDS.sleep(settled); // until the joining period is over: the condition under test is time
      }
      assertEquals("Up", state(members(first), third.address()), "orca-3 after the joining period");
      assertTrue(files.process("orca-3").isPresent(), "orca-3 exited");
      Signals.send(pid, "STOP");
      long stopped = System.nanoTime();
      try {
        ApiClient.await("orca-3 unreachable", Duration.ofSeconds(10), () -> members(first),
            m -> !state(m, third.address()).equals("Up"));
        double unreachable = (System.nanoTime() - stopped) / 1e9;
        System.out.printf("joining stall: settled orca-3 unreachable %.1f s after it froze%n", unreachable);
        assertTrue(unreachable < 3.5, "unreachable only after " + unreachable + " s");
        ApiClient.await("orca-3 downed", Duration.ofSeconds(20), () -> members(first),
            m -> state(m, third.address()).equals("Down") || state(m, third.address()).equals("gone"));
      } finally {
        Signals.send(pid, "CONT"); // a downed member shuts itself down once it runs again
      }
    } finally {
      ClusterCommand.runChecked("down", "--data-dir", dir.toString());
    }
  }

  private JsonNode members(MemberSpec m) {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(m.managementUrl() + "/cluster/members"))
          .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
      return new ObjectMapper().readTree(r.body());
    } catch (Exception e) {
      return new ObjectMapper().createObjectNode();
    }
  }

  /** Up, Unreachable, Down (or another status), gone (not a member), or "?" (no answer). */
  private static String state(JsonNode view, String address) {
    if (!view.has("members")) {
      return "?";
    }
    String status = "gone";
    for (JsonNode m : view.path("members")) {
      if (m.path("node").asText().equals(address)) {
        status = m.path("status").asText();
      }
    }
    for (JsonNode u : view.path("unreachable")) {
      if (u.path("node").asText().equals(address) && status.equals("Up")) {
        return "Unreachable";
      }
    }
    return status;
  }
}
