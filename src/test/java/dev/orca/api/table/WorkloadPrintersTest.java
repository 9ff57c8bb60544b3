package dev.orca.api.table;

import static dev.orca.api.table.TableFixtures.NOW;
import static dev.orca.api.table.TableFixtures.container;
import static dev.orca.api.table.TableFixtures.labels;
import static dev.orca.api.table.TableFixtures.meta;
import static dev.orca.api.table.TableFixtures.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.orca.model.Deployment;
import dev.orca.model.DeploymentSpec;
import dev.orca.model.DeploymentStatus;
import dev.orca.model.LabelSelector;
import dev.orca.model.LabelSelectorRequirement;
import dev.orca.model.ObjectMeta;
import dev.orca.model.PodTemplateSpec;
import dev.orca.model.ReplicaSet;
import dev.orca.model.ReplicaSetSpec;
import dev.orca.model.ReplicaSetStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkloadPrintersTest {
  /** get-deploy-rs-pods was recorded 7 s after the objects were created. */
  private static final Duration SEVEN_SECONDS = Duration.ofSeconds(7);

  private static PodTemplateSpec template(Map<String, String> labels, dev.orca.model.Container... containers) {
    return new PodTemplateSpec(ObjectMeta.named(null, null).withLabels(labels), spec(null, containers));
  }

  static Deployment deployment(String name, Duration age, Integer replicas, LabelSelector selector,
      PodTemplateSpec template, DeploymentStatus status) {
    return new Deployment(Deployment.API_VERSION, Deployment.KIND, meta("default", name, age),
        new DeploymentSpec(replicas, selector, template, null, null, null, null, null), status);
  }

  static ReplicaSet replicaSet(String name, Duration age, Integer replicas, LabelSelector selector,
      PodTemplateSpec template, ReplicaSetStatus status) {
    return new ReplicaSet(ReplicaSet.API_VERSION, ReplicaSet.KIND, meta("default", name, age),
        new ReplicaSetSpec(replicas, null, selector, template), status);
  }

  private static List<Object> cells(Deployment d) {
    return new DeploymentPrinter().row(d, NOW).cells();
  }

  @Test
  void aDeploymentAsRecorded() {
    // get-deploy-rs-pods.server.log, #60
    Deployment web = deployment("web", SEVEN_SECONDS, 3, new LabelSelector(Map.of("app", "web"), null),
        template(Map.of("app", "web"), container("nginx", "nginx:1.25")),
        new DeploymentStatus(1L, 3, 3, 3, 3, null, null, null));
    assertEquals(List.of("web", "3/3", 3L, 3L, "7s", "nginx", "nginx:1.25", "app=web"), cells(web));
  }

  @Test
  void aDeploymentMidRollout() {
    Deployment web = deployment("web", Duration.ofMinutes(42), 3, new LabelSelector(Map.of("app", "web"), null),
        template(Map.of("app", "web"), container("nginx", "nginx:1.26"), container("log", "fluent-bit:3")),
        new DeploymentStatus(2L, 4, 1, 2, 2, 2, null, null));
    assertEquals(List.of("web", "2/3", 1L, 2L, "42m", "nginx,log", "nginx:1.26,fluent-bit:3", "app=web"), cells(web));
  }

  @Test
  void aNewDeploymentWithoutStatus() {
    Deployment web = deployment("api", Duration.ZERO, null, null, null, null);
    assertEquals(List.of("api", "0/1", 0L, 0L, "0s", "", "", ""), cells(web));
  }

  @Test
  void selectorsAreInSetSyntaxSortedByKey() {
    LabelSelector selector = new LabelSelector(labels("tier", "web", "app", "shop"), List.of(
        new LabelSelectorRequirement("env", "In", List.of("prod", "canary")),
        new LabelSelectorRequirement("zone", "NotIn", List.of("b")),
        new LabelSelectorRequirement("gpu", "Exists", null),
        new LabelSelectorRequirement("spot", "DoesNotExist", List.of())));
    String expected = "app=shop,env in (canary,prod),gpu,!spot,tier=web,zone notin (b)";
    assertEquals(expected, cells(deployment("d", Duration.ZERO, 1, selector, null, null)).get(7));
    assertEquals(expected, new ReplicaSetPrinter().row(replicaSet("r", Duration.ZERO, 1, selector, null, null), NOW)
        .cells().get(7));
  }

  @Test
  void invalidAndEmptySelectors() {
    LabelSelector bad = new LabelSelector(null, List.of(new LabelSelectorRequirement("a", "Gt", List.of("1"))));
    assertEquals("<invalid>", cells(deployment("d", Duration.ZERO, 1, bad, null, null)).get(7));
    assertEquals("<error>", rsCells(replicaSet("r", Duration.ZERO, 1, bad, null, null)).get(7));
    assertEquals("<none>", rsCells(replicaSet("r", Duration.ZERO, 1, new LabelSelector(null, null), null, null))
        .get(7));
    assertEquals("<none>", rsCells(replicaSet("r", Duration.ZERO, 1, null, null, null)).get(7));
  }

  private static List<Object> rsCells(ReplicaSet rs) {
    return new ReplicaSetPrinter().row(rs, NOW).cells();
  }

  @Test
  void aReplicaSetAsRecorded() {
    // get-deploy-rs-pods.server.log, #61
    Map<String, String> labels = labels("app", "web", "pod-template-hash", "9hggkk59kz");
    ReplicaSet rs = replicaSet("web-9hggkk59kz", SEVEN_SECONDS, 3, new LabelSelector(labels, null),
        template(labels, container("nginx", "nginx:1.25")), new ReplicaSetStatus(3, 3, 3, 3, 1L, null));
    assertEquals(List.of("web-9hggkk59kz", 3L, 3L, 3L, "7s", "nginx", "nginx:1.25",
        "app=web,pod-template-hash=9hggkk59kz"), rsCells(rs));
  }

  @Test
  void aReplicaSetScalingUpAndAnOldOneScaledDown() {
    Map<String, String> labels = labels("app", "web", "pod-template-hash", "7c5d9b");
    ReplicaSet scaling = replicaSet("web-7c5d9b", Duration.ofSeconds(50), 3, new LabelSelector(labels, null),
        template(labels, container("nginx", "nginx:1.26")), new ReplicaSetStatus(2, 2, 1, 1, 1L, null));
    assertEquals(List.of("web-7c5d9b", 3L, 2L, 1L, "50s"), rsCells(scaling).subList(0, 5));
    ReplicaSet old = replicaSet("web-9hggkk59kz", Duration.ofDays(2), 0, null, null,
        new ReplicaSetStatus(0, 0, null, null, 3L, null));
    assertEquals(List.of("web-9hggkk59kz", 0L, 0L, 0L, "2d"), rsCells(old).subList(0, 5));
  }
}
