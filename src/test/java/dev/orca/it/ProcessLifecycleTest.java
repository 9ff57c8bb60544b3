package dev.orca.it;

import static dev.orca.it.ApiClient.await;
import static dev.orca.it.ApiClient.items;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A container's life on the process node with real processes: its preStop hook before SIGTERM
 * and within the grace period, the CrashLoopBackOff delays, and what each restartPolicy does when
 * the program ends.
 */
class ProcessLifecycleTest {
  private static final String NS = "/api/v1/namespaces/default";
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static TestOrca orca;
  private static ApiClient api;
  private static Path scratch;

  @BeforeAll
  static void start() throws Exception {
    orca = TestOrca.startProcessNode(Map.of("orca.runtime.restart-backoff-max", "1600ms"));
    api = orca.api;
    scratch = Files.createTempDirectory("orca-lifecycle-");
  }

  @AfterAll
  static void stop() throws Exception {
    orca.close();
    TestOrca.deleteTree(scratch);
  }

  /** A pod of one container "main" running {@code sh -c script}, with OUT naming a file of the scratch directory. */
  static String pod(String name, Path out, long grace, String restartPolicy, String script, String extraJson) {
    return """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s"},
         "spec":{"terminationGracePeriodSeconds":%d,"restartPolicy":"%s",
          "containers":[{"name":"main","image":"busybox","command":["sh","-c",%s],
            "env":[{"name":"OUT","value":"%s"},{"name":"GREETING","value":"hello from $(POD_NAME)"}]%s}]}}
        """.formatted(name, grace, restartPolicy, json(script), out, extraJson);
  }

  static String json(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /** The main process notes its start, and notes SIGTERM before it exits. */
  static final String TRAPS_TERM = "trap 'echo TERM >> \"$OUT\"; exit 0' TERM; echo started >> \"$OUT\"; "
      + "while true; do sleep 0.1; done";

  static List<String> lines(Path file) {
    try {
      return Files.exists(file) ? Files.readAllLines(file) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode container(String pod) {
    return api.getJson(NS + "/pods/" + pod).path("status").path("containerStatuses").path(0);
  }

  static long pid(JsonNode containerStatus) {
    return Long.parseLong(containerStatus.path("containerID").asText().substring("process://".length()));
  }

  static JsonNode events(String pod, String reason) {
    return api.getJson(NS + "/events?fieldSelector=involvedObject.name%3D" + pod + ",reason%3D" + reason);
  }

  @Test
  void preStopExecRunsInTheContainersContextBeforeSigterm() {
    Path out = scratch.resolve("prestop-exec");
    String hook = ",\"lifecycle\":{\"preStop\":{\"exec\":{\"command\":[\"sh\",\"-c\","
        + json("sleep 0.5; echo \"prestop $GREETING $POD_IP $PWD\" >> \"$OUT\"") + "]}}}";
    assertEquals(201, api.post(NS + "/pods", pod("hooked", out, 10, "Always", TRAPS_TERM, hook)).code());
    JsonNode running = await("hooked running", DEADLINE, () -> api.getJson(NS + "/pods/hooked"),
        p -> p.path("status").path("containerStatuses").path(0).path("ready").asBoolean() && lines(out).contains("started"));
    String podIp = running.path("status").path("podIP").asText();

    assertEquals(200, api.delete(NS + "/pods/hooked", null).code());
    await("hooked gone", DEADLINE, () -> api.get(NS + "/pods/hooked").code(), c -> c == 404);
    List<String> seen = lines(out);
    assertEquals(3, seen.size(), seen.toString());
    assertEquals("started", seen.get(0));
    assertTrue(seen.get(1).startsWith("prestop hello from hooked " + podIp + " /"), seen.toString());
    assertTrue(seen.get(1).contains("hooked"), "the hook runs in the pod's working directory: " + seen);
    assertEquals("TERM", seen.get(2), "SIGTERM only after the hook: " + seen);
    assertTrue(items(events("hooked", "FailedPreStopHook")).isEmpty());
  }

  @Test
  void preStopHttpGetReachesThePodBeforeSigterm() throws Exception {
    Path out = scratch.resolve("prestop-http");
    int port = OrcaProcess.freePort();
    String server = "trap 'echo TERM >> \"$OUT\"; exit 0' TERM; python3 -u -m http.server " + port
        + " --bind \"$POD_IP\" 2>> \"$OUT\" & wait";
    String hook = ",\"readinessProbe\":{\"tcpSocket\":{\"port\":" + port + "},\"periodSeconds\":1},"
        + "\"lifecycle\":{\"preStop\":{\"httpGet\":{\"path\":\"/?prestop\",\"port\":" + port + "}}}";
    assertEquals(201, api.post(NS + "/pods", pod("hooked-http", out, 10, "Always", server, hook)).code());
    await("hooked-http ready", DEADLINE, () -> container("hooked-http"), c -> c.path("ready").asBoolean());

    assertEquals(200, api.delete(NS + "/pods/hooked-http", null).code());
    await("hooked-http gone", DEADLINE, () -> api.get(NS + "/pods/hooked-http").code(), c -> c == 404);
    List<String> seen = await("the TERM line", DEADLINE, () -> lines(out), l -> l.contains("TERM"));
    int get = -1;
    for (int i = 0; i < seen.size(); i++) {
      if (seen.get(i).contains("\"GET /?prestop HTTP/1.1\" 200")) {
        get = i;
      }
    }
    assertTrue(get >= 0 && get < seen.indexOf("TERM"), "the hook's GET before SIGTERM: " + seen);
    assertTrue(items(events("hooked-http", "FailedPreStopHook")).isEmpty());
  }

  @Test
  void aFailingPreStopHookIsAnEventAndTerminationGoesOn() {
    Path out = scratch.resolve("prestop-fails");
    String hook = ",\"lifecycle\":{\"preStop\":{\"exec\":{\"command\":[\"sh\",\"-c\",\"echo no luck; exit 3\"]}}}";
    assertEquals(201, api.post(NS + "/pods", pod("hook-fails", out, 10, "Always", TRAPS_TERM, hook)).code());
    await("hook-fails running", DEADLINE, () -> lines(out), l -> l.contains("started"));

    assertEquals(200, api.delete(NS + "/pods/hook-fails", null).code());
    await("hook-fails gone", DEADLINE, () -> api.get(NS + "/pods/hook-fails").code(), c -> c == 404);
    assertEquals(List.of("started", "TERM"), lines(out));
    JsonNode failed = await("a FailedPreStopHook event", DEADLINE, () -> events("hook-fails", "FailedPreStopHook"),
        e -> !items(e).isEmpty());
    JsonNode event = items(failed).get(0);
    assertEquals("Warning", event.path("type").asText());
    String message = event.path("message").asText();
    assertTrue(message.startsWith("Exec lifecycle hook ([sh, -c, echo no luck; exit 3]) for Container \"main\" in Pod "
        + "\"hook-fails_default(") && message.endsWith("failed - error: no luck"), message);
  }

  @Test
  void aPreStopHookThatOutlastsTheGracePeriodIsCutShortBySigkill() {
    Path out = scratch.resolve("prestop-slow");
    String hook = ",\"lifecycle\":{\"preStop\":{\"exec\":{\"command\":[\"sh\",\"-c\","
        + json("echo hook-begins >> \"$OUT\"; sleep 30; echo hook-ends >> \"$OUT\"") + "]}}}";
    assertEquals(201, api.post(NS + "/pods", pod("hook-slow", out, 2, "Always", TRAPS_TERM, hook)).code());
    JsonNode running = await("hook-slow running", DEADLINE, () -> container("hook-slow"),
        c -> c.path("ready").asBoolean() && lines(out).contains("started"));
    long pid = pid(running);

    long deleted = System.nanoTime();
    assertEquals(200, api.delete(NS + "/pods/hook-slow", null).code());
    await("its process gone", DEADLINE, () -> Files.exists(Path.of("/proc/" + pid)), alive -> !alive);
    long tookMillis = (System.nanoTime() - deleted) / 1_000_000;
    assertTrue(tookMillis >= 1900 && tookMillis < 5000, "SIGKILL at the end of the 2 s grace period, took " + tookMillis);
    await("hook-slow gone", DEADLINE, () -> api.get(NS + "/pods/hook-slow").code(), c -> c == 404);
    assertEquals(List.of("started", "hook-begins"), lines(out), "no SIGTERM handler ran, the hook was cut short");
  }

  @Test
  void crashLoopBackOffDoublesTheDelayUpToTheCap() {
    Path out = scratch.resolve("crashy");
    assertEquals(201, api.post(NS + "/pods", pod("crashy", out, 2, "Always", "date +%s%N >> \"$OUT\"; exit 1", "")).code());
    Set<String> messages = new LinkedHashSet<>();
    await("six runs", DEADLINE, () -> {
      noteBackOff(messages);
      return lines(out).size();
    }, n -> n >= 6);
    List<Long> starts = lines(out).stream().map(Long::parseLong).toList();
    long[] expected = {200, 400, 800, 1600, 1600};
    List<Long> gaps = new ArrayList<>();
    for (int i = 0; i < expected.length; i++) {
      gaps.add((starts.get(i + 1) - starts.get(i)) / 1_000_000);
    }
    for (int i = 0; i < expected.length; i++) {
      assertTrue(gaps.get(i) >= expected[i] && gaps.get(i) < expected[i] + 1000,
          "gap " + i + " should be " + expected[i] + " ms and a little: " + gaps);
    }
    String uid = api.getJson(NS + "/pods/crashy").path("metadata").path("uid").asText();
    String capped = "back-off 1.6s restarting failed container=main pod=crashy_default(" + uid + ")";
    await("the capped back-off message", DEADLINE, () -> {
      noteBackOff(messages);
      return messages;
    }, m -> m.contains(capped));
    assertTrue(messages.stream().allMatch(m -> m.matches("back-off (200ms|400ms|800ms|1\\.6s) restarting failed "
        + "container=main pod=crashy_default\\(" + uid + "\\)")), messages.toString());
    JsonNode status = container("crashy");
    assertTrue(status.path("restartCount").asInt() >= 5, status.toString());
    assertEquals("Error", status.path("lastState").path("terminated").path("reason").asText());
    assertEquals(1, status.path("lastState").path("terminated").path("exitCode").asInt());
    JsonNode backOff = await("BackOff events", DEADLINE, () -> events("crashy", "BackOff"), e -> !items(e).isEmpty());
    assertTrue(items(backOff).get(0).path("message").asText().startsWith("Back-off restarting failed container main"));
    assertEquals(200, api.delete(NS + "/pods/crashy", null).code());
  }

  private static void noteBackOff(Set<String> messages) {
    JsonNode waiting = container("crashy").path("state").path("waiting");
    if (waiting.path("reason").asText().equals("CrashLoopBackOff")) {
      messages.add(waiting.path("message").asText());
    }
  }

  @Test
  void restartPolicyOnFailureRestartsOnlyAFailure() {
    Path succeeds = scratch.resolve("onfailure-ok");
    assertEquals(201, api.post(NS + "/pods", pod("onfailure-ok", succeeds, 2, "OnFailure",
        "echo ran >> \"$OUT\"; exit 0", "")).code());
    JsonNode done = await("onfailure-ok Succeeded", DEADLINE, () -> api.getJson(NS + "/pods/onfailure-ok"),
        p -> p.path("status").path("phase").asText().equals("Succeeded"));
    JsonNode c = done.path("status").path("containerStatuses").path(0);
    assertEquals("Completed", c.path("state").path("terminated").path("reason").asText(), c.toString());
    assertEquals(0, c.path("state").path("terminated").path("exitCode").asInt());
    assertEquals(0, c.path("restartCount").asInt());

    Path fails = scratch.resolve("onfailure-fails");
    assertEquals(201, api.post(NS + "/pods", pod("onfailure-fails", fails, 2, "OnFailure",
        "echo ran >> \"$OUT\"; exit 1", "")).code());
    JsonNode again = await("onfailure-fails restarted", DEADLINE, () -> container("onfailure-fails"),
        s -> s.path("restartCount").asInt() >= 2 && lines(fails).size() >= 3);
    assertEquals("Error", again.path("lastState").path("terminated").path("reason").asText(), again.toString());
    assertEquals("Running", api.getJson(NS + "/pods/onfailure-fails").path("status").path("phase").asText());
    assertEquals(1, lines(succeeds).size(), "a success is not run again");
    assertEquals(200, api.delete(NS + "/pods/onfailure-fails", null).code());
  }

  @Test
  void restartPolicyNeverRestartsNothing() {
    Path fails = scratch.resolve("never-fails");
    assertEquals(201, api.post(NS + "/pods", pod("never-fails", fails, 2, "Never", "echo ran >> \"$OUT\"; exit 1", ""))
        .code());
    JsonNode failed = await("never-fails Failed", DEADLINE, () -> api.getJson(NS + "/pods/never-fails"),
        p -> p.path("status").path("phase").asText().equals("Failed"));
    JsonNode c = failed.path("status").path("containerStatuses").path(0);
    assertEquals("Error", c.path("state").path("terminated").path("reason").asText(), c.toString());
    assertEquals(1, c.path("state").path("terminated").path("exitCode").asInt());
    assertEquals(0, c.path("restartCount").asInt());

    Path succeeds = scratch.resolve("never-ok");
    assertEquals(201, api.post(NS + "/pods", pod("never-ok", succeeds, 2, "Never", "echo ran >> \"$OUT\"; exit 0", ""))
        .code());
    JsonNode ok = await("never-ok Succeeded", DEADLINE, () -> api.getJson(NS + "/pods/never-ok"),
        p -> p.path("status").path("phase").asText().equals("Succeeded"));
    assertEquals("Completed", ok.path("status").path("containerStatuses").path(0).path("state").path("terminated")
        .path("reason").asText());
    // a terminal pod's runner is gone: nothing is left to run it again
    assertEquals(List.of("ran"), lines(fails));
    assertEquals(List.of("ran"), lines(succeeds));
    assertFalse(api.getJson(NS + "/pods/never-fails").path("status").path("containerStatuses").path(0)
        .path("state").path("terminated").isMissingNode());
  }
}
