package dev.orca.it;

import static dev.orca.it.ApiClient.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orca.model.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A scripted kubectl session against a running Orca: what a user who knows kubectl types, and what
 * a Kubernetes cluster would print for the same state.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KubectlSessionTest {
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static TestOrca orca;
  private static Kubectl kubectl;
  private static Path home;

  static final String WEB = """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
        labels: {app: web}
      spec:
        replicas: 3
        selector:
          matchLabels: {app: web}
        template:
          metadata:
            labels: {app: web, tier: front}
          spec:
            containers:
            - name: nginx
              image: nginx:1.25
              ports:
              - containerPort: 80
      """;

  @BeforeAll
  static void start() throws Exception {
    orca = TestOrca.startReady(3);
    home = Files.createTempDirectory("orca-kubectl-");
    kubectl = new Kubectl(orca.api.base, home);
  }

  @AfterAll
  static void stop() throws Exception {
    orca.close();
    TestOrca.deleteTree(home);
  }

  static List<String> lines(String text) {
    return text.lines().filter(l -> !l.isBlank()).toList();
  }

  static String[] columns(String line) {
    return line.trim().split("\\s{2,}");
  }

  static JsonNode json(String text) {
    try {
      return Json.mapper().readTree(text);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }

  static void rolledOut(String deployment) {
    Kubectl.Result status = kubectl.runFor(90, "rollout", "status", "deployment/" + deployment, "--timeout=80s").ok();
    assertTrue(status.stdout().contains("deployment \"" + deployment + "\" successfully rolled out"), status.toString());
  }

  @Test
  @Order(1)
  void versionAndApiResources() {
    Kubectl.Result version = kubectl.run("version").ok();
    assertTrue(version.stdout().contains("Server Version: v1.32."), version.toString());
    Kubectl.Result resources = kubectl.run("api-resources").ok();
    String out = resources.stdout();
    assertTrue(Pattern.compile("(?m)^pods\\s+po\\s+v1\\s+true\\s+Pod$").matcher(out).find(), out);
    assertTrue(Pattern.compile("(?m)^deployments\\s+deploy\\s+apps/v1\\s+true\\s+Deployment$").matcher(out).find(), out);
    assertTrue(Pattern.compile("(?m)^nodes\\s+no\\s+v1\\s+false\\s+Node$").matcher(out).find(), out);
    assertTrue(Pattern.compile("(?m)^replicasets\\s+rs\\s+apps/v1\\s+true\\s+ReplicaSet$").matcher(out).find(), out);
  }

  @Test
  @Order(2)
  void createWaitAndGet() {
    Path web = kubectl.manifest("web.yaml", WEB);
    Kubectl.Result created = kubectl.run("create", "-f", web.toString()).ok();
    assertEquals("deployment.apps/web created", created.stdout().trim());
    Kubectl.Result waited = kubectl.runFor(90, "wait", "--for=condition=Available", "deployment/web", "--timeout=80s").ok();
    assertEquals("deployment.apps/web condition met", waited.stdout().trim());

    List<String> pods = lines(kubectl.run("get", "pods").ok().stdout());
    assertEquals(List.of("NAME", "READY", "STATUS", "RESTARTS", "AGE"), List.of(columns(pods.get(0))));
    assertEquals(4, pods.size(), pods.toString());
    for (String row : pods.subList(1, pods.size())) {
      String[] cells = columns(row);
      assertTrue(cells[0].startsWith("web-"), row);
      assertEquals("1/1", cells[1], row);
      assertEquals("Running", cells[2], row);
      assertEquals("0", cells[3], row);
    }

    List<String> wide = lines(kubectl.run("get", "pods", "-o", "wide").ok().stdout());
    assertEquals(List.of("NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP", "NODE", "NOMINATED NODE", "READINESS GATES"),
        List.of(columns(wide.get(0))));
    assertTrue(columns(wide.get(1))[6].startsWith("sim-node-"), wide.get(1));

    List<String> nodes = lines(kubectl.run("get", "nodes").ok().stdout());
    assertEquals(List.of("NAME", "STATUS", "ROLES", "AGE", "VERSION"), List.of(columns(nodes.get(0))));
    assertEquals(4, nodes.size(), nodes.toString());
    assertEquals("Ready", columns(nodes.get(1))[1], nodes.get(1));

    List<String> all = lines(kubectl.run("get", "deploy,rs").ok().stdout());
    assertTrue(all.stream().anyMatch(l -> l.startsWith("deployment.apps/web") && columns(l)[1].equals("3/3")), all.toString());
    assertTrue(all.stream().anyMatch(l -> l.startsWith("replicaset.apps/web-")), all.toString());
    List<String> events = lines(kubectl.run("get", "events").ok().stdout());
    assertEquals(List.of("LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"), List.of(columns(events.get(0))));
    assertTrue(events.stream().anyMatch(l -> l.contains("Scheduled") && l.contains("pod/web-")), events.toString());
    List<String> namespaces = lines(kubectl.run("get", "ns").ok().stdout());
    assertTrue(namespaces.stream().anyMatch(l -> columns(l)[0].equals("default") && columns(l)[1].equals("Active")),
        namespaces.toString());
  }

  @Test
  @Order(3)
  void outputFormatsAndSelectors() {
    JsonNode list = json(kubectl.run("get", "pods", "-o", "json").ok().stdout());
    assertEquals("List", list.path("kind").asText());
    assertEquals(3, list.path("items").size());
    String yaml = kubectl.run("get", "deployment", "web", "-o", "yaml").ok().stdout();
    assertTrue(yaml.contains("kind: Deployment") && yaml.contains("name: web") && yaml.contains("replicas: 3"), yaml);
    List<String> names = lines(kubectl.run("get", "pods", "-o", "name").ok().stdout());
    assertEquals(3, names.size());
    assertTrue(names.stream().allMatch(n -> n.startsWith("pod/web-")), names.toString());
    String jsonpath = kubectl.run("get", "pods", "-o", "jsonpath={.items[*].spec.containers[0].image}").ok().stdout();
    assertEquals("nginx:1.25 nginx:1.25 nginx:1.25", jsonpath.trim());

    assertEquals(4, lines(kubectl.run("get", "pods", "-l", "app in (web,api),tier!=db").ok().stdout()).size());
    Kubectl.Result none = kubectl.run("get", "pods", "-l", "app notin (web)").ok();
    assertTrue(none.stderr().contains("No resources found in default namespace."), none.toString());

    List<String> everywhere = lines(kubectl.run("get", "pods", "-A").ok().stdout());
    assertEquals("NAMESPACE", columns(everywhere.get(0))[0]);
    assertEquals("default", columns(everywhere.get(1))[0]);
    List<String> labelled = lines(kubectl.run("get", "pods", "--show-labels").ok().stdout());
    assertEquals("LABELS", columns(labelled.get(0))[5]);
    assertTrue(labelled.get(1).contains("app=web"), labelled.get(1));
  }

  @Test
  @Order(4)
  void describeShowsEvents() {
    String pod = lines(kubectl.run("get", "pods", "-o", "name").ok().stdout()).get(0).substring("pod/".length());
    String described = kubectl.run("describe", "pod", pod).ok().stdout();
    assertTrue(described.contains("Name:") && described.contains(pod), described);
    assertTrue(described.contains("Events:"), described);
    assertTrue(described.contains("Scheduled") && described.contains("Successfully assigned default/" + pod), described);
    String deployment = kubectl.run("describe", "deployment", "web").ok().stdout();
    assertTrue(deployment.contains("ScalingReplicaSet") && deployment.contains("Scaled up replica set web-"), deployment);
    String node = kubectl.run("describe", "node", "sim-node-1").ok().stdout();
    assertTrue(node.contains("Name:") && node.contains("sim-node-1"), node);
  }

  @Test
  @Order(5)
  void applyTwiceThenEdited() {
    Path web = kubectl.manifest("web.yaml", WEB);
    Kubectl.Result first = kubectl.run("apply", "-f", web.toString()).ok();
    assertTrue(first.stdout().contains("deployment.apps/web configured") || first.stdout().contains("deployment.apps/web unchanged"),
        first.toString());
    Kubectl.Result again = kubectl.run("apply", "-f", web.toString()).ok();
    assertEquals("deployment.apps/web unchanged", again.stdout().trim());
    Path edited = kubectl.manifest("web-v2.yaml", WEB.replace("nginx:1.25", "nginx:1.26"));
    Kubectl.Result configured = kubectl.run("apply", "-f", edited.toString()).ok();
    assertEquals("deployment.apps/web configured", configured.stdout().trim());
    rolledOut("web");
    String images = kubectl.run("get", "pods", "-l", "app=web", "-o", "jsonpath={.items[*].spec.containers[0].image}").ok().stdout();
    assertEquals("nginx:1.26 nginx:1.26 nginx:1.26", images.trim());
  }

  @Test
  @Order(6)
  void serverSideApplyAndAConflict() {
    String ssa = WEB.replace("name: web", "name: ssa").replace("app: web", "app: ssa").replace("{app: web}", "{app: ssa}")
        .replace("{app: web, tier: front}", "{app: ssa}");
    Path file = kubectl.manifest("ssa.yaml", ssa);
    Kubectl.Result applied = kubectl.run("apply", "--server-side", "-f", file.toString()).ok();
    assertEquals("deployment.apps/ssa serverside-applied", applied.stdout().trim());
    Path other = kubectl.manifest("ssa-other.yaml", ssa.replace("replicas: 3", "replicas: 2"));
    Kubectl.Result conflict = kubectl.run("apply", "--server-side", "--field-manager=other", "-f", other.toString());
    assertEquals(1, conflict.exitCode(), conflict.toString());
    assertTrue(conflict.stderr().contains("conflict") && conflict.stderr().contains(".spec.replicas"), conflict.toString());
    assertTrue(conflict.stderr().contains("\"kubectl\""), conflict.toString());
    kubectl.run("apply", "--server-side", "--field-manager=other", "--force-conflicts", "-f", other.toString()).ok();
    assertEquals("2", kubectl.run("get", "deploy", "ssa", "-o", "jsonpath={.spec.replicas}").ok().stdout().trim());
  }

  @Test
  @Order(7)
  void replaceWithAStaleVersionConflicts() {
    Path stale = kubectl.manifest("stale.yaml", kubectl.run("get", "deployment", "web", "-o", "yaml").ok().stdout());
    kubectl.run("label", "deployment", "web", "touched=yes").ok();
    Kubectl.Result replaced = kubectl.run("replace", "-f", stale.toString());
    assertEquals(1, replaced.exitCode(), replaced.toString());
    assertTrue(replaced.stderr().contains("Error from server (Conflict)")
        && replaced.stderr().contains("the object has been modified"), replaced.toString());
  }

  @Test
  @Order(8)
  void patchesScaleLabelAnnotate() {
    assertEquals("deployment.apps/web patched", kubectl.run("patch", "deployment", "web", "--type", "strategic",
        "-p", "{\"spec\":{\"template\":{\"metadata\":{\"labels\":{\"tier\":\"front2\"}}}}}").ok().stdout().trim());
    assertEquals("deployment.apps/web patched", kubectl.run("patch", "deployment", "web", "--type", "merge",
        "-p", "{\"metadata\":{\"labels\":{\"patched\":\"merge\"}}}").ok().stdout().trim());
    assertEquals("deployment.apps/web patched", kubectl.run("patch", "deployment", "web", "--type", "json",
        "-p", "[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":4}]").ok().stdout().trim());
    assertEquals("4", kubectl.run("get", "deploy", "web", "-o", "jsonpath={.spec.replicas}").ok().stdout().trim());
    Kubectl.Result failedTest = kubectl.run("patch", "deployment", "web", "--type", "json",
        "-p", "[{\"op\":\"test\",\"path\":\"/spec/replicas\",\"value\":9}]");
    assertNotEquals(0, failedTest.exitCode(), failedTest.toString());

    assertEquals("deployment.apps/web scaled", kubectl.run("scale", "deployment", "web", "--replicas=2").ok().stdout().trim());
    // the template change above rolls the pods: wait for the rollout to end, not only for two pods
    await("web rolled out at 2", DEADLINE, () -> kubectl.run("get", "deploy", "web", "-o",
        "jsonpath={.status.replicas},{.status.updatedReplicas},{.status.availableReplicas}").ok().stdout().trim(),
        s -> s.equals("2,2,2"));
    await("2 web pods", DEADLINE, () -> lines(kubectl.run("get", "pods", "-l", "app=web", "-o", "name").ok().stdout()).size(),
        n -> n == 2);
    String pod = lines(kubectl.run("get", "pods", "-l", "app=web", "-o", "name").ok().stdout()).get(0);
    assertEquals(pod + " labeled", kubectl.run("label", pod, "checked=yes").ok().stdout().trim());
    assertEquals(pod + " annotated", kubectl.run("annotate", pod, "note=hello").ok().stdout().trim());
    assertEquals("hello", kubectl.run("get", pod, "-o", "jsonpath={.metadata.annotations.note}").ok().stdout().trim());
  }

  @Test
  @Order(9)
  void rollouts() {
    rolledOut("web");
    String history = kubectl.run("rollout", "history", "deployment/web").ok().stdout();
    assertTrue(history.contains("REVISION") && history.contains("CHANGE-CAUSE"), history);
    assertEquals("deployment.apps/web rolled back", kubectl.run("rollout", "undo", "deployment/web").ok().stdout().trim());
    rolledOut("web");
    assertEquals("deployment.apps/web restarted", kubectl.run("rollout", "restart", "deployment/web").ok().stdout().trim());
    rolledOut("web");
    assertEquals("deployment.apps/web paused", kubectl.run("rollout", "pause", "deployment/web").ok().stdout().trim());
    assertEquals("true", kubectl.run("get", "deploy", "web", "-o", "jsonpath={.spec.paused}").ok().stdout().trim());
    assertEquals("deployment.apps/web resumed", kubectl.run("rollout", "resume", "deployment/web").ok().stdout().trim());
    rolledOut("web");
  }

  @Test
  @Order(10)
  void logs() {
    int replicas = Integer.parseInt(kubectl.run("get", "deploy", "web", "-o", "jsonpath={.spec.replicas}").ok().stdout().trim());
    // old pods of the last rollout may still be terminating: wait until only the live ones are left
    String pod = await("only live web pods", DEADLINE, () -> lines(kubectl.run("get", "pods", "-l", "app=web", "-o", "name")
        .ok().stdout()), pods -> pods.size() == replicas).get(0);
    List<String> all = lines(kubectl.run("logs", pod).ok().stdout());
    assertTrue(all.size() >= 3, all.toString());
    assertTrue(all.get(0).contains("started from image nginx"), all.toString());
    List<String> tail = lines(kubectl.run("logs", pod, "--tail=1").ok().stdout());
    assertEquals(List.of(all.get(all.size() - 1)), tail);
    Kubectl.Running followed = kubectl.start("logs", "-f", pod);
    await("logs -f to print the log", DEADLINE, followed::stdoutSoFar, out -> lines(out).size() >= 3);
    kubectl.run("delete", pod, "--wait=false").ok();
    await("logs -f to end with the pod", DEADLINE, () -> followed.process().isAlive(), alive -> !alive);
    assertTrue(followed.stdoutSoFar().contains("received SIGTERM"), followed.stdoutSoFar());
    Kubectl.Result deploymentLogs = kubectl.run("logs", "deployment/web", "--tail=1").ok();
    assertEquals(1, lines(deploymentLogs.stdout()).size(), deploymentLogs.toString());
  }

  @Test
  @Order(11)
  void watchSeesAddedModifiedDeleted() {
    Kubectl.Running watch = kubectl.start("get", "pods", "-w", "--output-watch-events");
    try {
      await("the watch to list the pods", DEADLINE, watch::stdoutSoFar, out -> out.contains("ADDED"));
      String victim = lines(kubectl.run("get", "pods", "-l", "app=web", "-o", "name").ok().stdout()).get(0);
      kubectl.run("delete", victim).ok();
      await("MODIFIED and DELETED for " + victim, DEADLINE, watch::stdoutSoFar,
          out -> out.contains("MODIFIED") && out.contains("DELETED"));
    } finally {
      Kubectl.Result seen = watch.stop();
      assertTrue(lines(seen.stdout()).get(0).startsWith("EVENT"), seen.toString());
    }
  }

  @Test
  @Order(12)
  void cordonDrainUncordon() {
    assertEquals("node/sim-node-1 cordoned", kubectl.run("cordon", "sim-node-1").ok().stdout().trim());
    String described = await("the node's events", DEADLINE, () -> kubectl.run("describe", "node", "sim-node-1").ok().stdout(),
        out -> out.contains("NodeNotSchedulable"));
    assertTrue(described.contains("Events:"), described);
    List<String> nodes = lines(kubectl.run("get", "nodes").ok().stdout());
    assertTrue(nodes.stream().anyMatch(l -> l.startsWith("sim-node-1") && columns(l)[1].equals("Ready,SchedulingDisabled")),
        nodes.toString());
    Kubectl.Result drained = kubectl.runFor(120, "drain", "sim-node-1", "--ignore-daemonsets", "--force", "--timeout=100s").ok();
    assertTrue(drained.stdout().contains("node/sim-node-1 drained"), drained.toString());
    String onNode = kubectl.run("get", "pods", "-A", "--field-selector", "spec.nodeName=sim-node-1", "-o", "name").ok().stdout();
    assertTrue(onNode.isBlank(), onNode);
    assertEquals("node/sim-node-1 uncordoned", kubectl.run("uncordon", "sim-node-1").ok().stdout().trim());
  }

  @Test
  @Order(13)
  void deletes() {
    Path web = home.resolve("web-v2.yaml");
    for (String name : List.of("bg", "fg", "orphan")) {
      Path file = kubectl.manifest(name + ".yaml", WEB.replace("web", name).replace("replicas: 3", "replicas: 2")
          .replace(", tier: front", ""));
      assertEquals("deployment.apps/" + name + " created", kubectl.run("create", "-f", file.toString()).ok().stdout().trim());
    }
    kubectl.runFor(90, "wait", "--for=condition=Available", "deployment/bg", "deployment/fg", "deployment/orphan",
        "--timeout=80s").ok();
    assertEquals("deployment.apps \"bg\" deleted", kubectl.run("delete", "deployment", "bg", "--cascade=background").ok().stdout().trim());
    assertEquals("deployment.apps \"fg\" deleted", kubectl.run("delete", "deployment", "fg", "--cascade=foreground").ok().stdout().trim());
    assertEquals("deployment.apps \"orphan\" deleted", kubectl.run("delete", "deployment", "orphan", "--cascade=orphan").ok().stdout().trim());
    await("bg and fg pods gone, orphan's kept", DEADLINE, () -> lines(kubectl.run("get", "pods", "-o", "name").ok().stdout()),
        pods -> pods.stream().noneMatch(p -> p.startsWith("pod/bg-") || p.startsWith("pod/fg-"))
            && pods.stream().filter(p -> p.startsWith("pod/orphan-")).count() == 2);
    assertEquals("deployment.apps \"web\" deleted", kubectl.run("delete", "-f", web.toString()).ok().stdout().trim());
    Kubectl.Result byLabel = kubectl.run("delete", "rs", "-l", "app=orphan").ok();
    assertTrue(byLabel.stdout().startsWith("replicaset.apps \"orphan-"), byLabel.toString());
    Kubectl.Result missing = kubectl.run("delete", "pod", "nope");
    assertEquals(1, missing.exitCode());
    assertTrue(missing.stderr().contains("Error from server (NotFound): pods \"nope\" not found"), missing.toString());
    assertFalse(kubectl.run("get", "deploy", "-o", "name").ok().stdout().contains("deployment.apps/web"));
  }
}
