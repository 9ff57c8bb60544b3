package dev.orca.model;

import static dev.orca.model.Fixtures.container;
import static dev.orca.model.Fixtures.deployment;
import static dev.orca.model.Fixtures.matchLabels;
import static dev.orca.model.Fixtures.messages;
import static dev.orca.model.Fixtures.pod;
import static dev.orca.model.Fixtures.podSpec;
import static dev.orca.model.Fixtures.replicaSet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValidationUpdateTest {
  private static final LabelSelector APP_WEB = matchLabels(Map.of("app", "web"));

  @Test
  void unchangedObjectIsValid() {
    ReplicaSet rs = replicaSet(APP_WEB);
    assertEquals(List.of(), Validation.validateUpdate(rs, rs));
  }

  @Test
  void updateAlsoRunsCreateValidation() {
    Deployment old = deployment(3, null);
    assertEquals(List.of("spec.replicas: Invalid value: -1: must be greater than or equal to 0"),
        messages(Validation.validateUpdate(old, deployment(-1, null))));
  }

  @Test
  void replicaSetSelectorIsImmutable() {
    ReplicaSet old = replicaSet(APP_WEB);
    LabelSelector wider = new LabelSelector(Map.of("app", "web"),
        List.of(new LabelSelectorRequirement("tier", "DoesNotExist", null)));
    List<FieldError> errors = Validation.validateUpdate(old, replicaSet(wider));
    assertEquals(List.of("spec.selector"), Fixtures.fields(errors));
    assertEquals("field is immutable", errors.get(0).detail());
  }

  @Test
  void anEmptyListIsTheSameSelectorAsAnAbsentOne() {
    ReplicaSet old = replicaSet(APP_WEB);
    assertEquals(List.of(), Validation.validateUpdate(old, replicaSet(new LabelSelector(Map.of("app", "web"), List.of()))));
  }

  @Test
  void deploymentSelectorIsImmutableButReplicasMayChange() {
    Deployment old = deployment(3, null);
    assertEquals(List.of(), Validation.validateUpdate(old, deployment(5, null)));
    DeploymentSpec changed = new DeploymentSpec(3, matchLabels(Map.of("app", "web", "v", "2")),
        Fixtures.template(Map.of("app", "web", "v", "2"), podSpec(container("web", "nginx"))), null, null, null, null, null);
    assertEquals(List.of("spec.selector: Invalid value: {\"matchLabels\":{\"app\":\"web\",\"v\":\"2\"}}: field is immutable"),
        messages(Validation.validateUpdate(old, deployment(changed))));
  }

  @Test
  void aSpecThatDidNotChangeIsNotCheckedAgainButAChangedOneIs() {
    PodSpec duplicateContainers = podSpec(container("web", "nginx"), container("web", "envoy"));
    Pod stored = pod(ObjectMeta.named("default", "web"), duplicateContainers);
    Pod relabelled = pod(ObjectMeta.named("default", "web").withLabels(Map.of("tier", "front")), duplicateContainers);
    assertEquals(List.of(), Validation.validateUpdate(stored, relabelled), "only the labels changed");
    Pod respecced = pod(ObjectMeta.named("default", "web"),
        podSpec(container("web", "nginx"), container("web", "envoy:2")));
    assertEquals(List.of("spec.containers[1].name"), Fixtures.fields(Validation.validateUpdate(stored, respecced)));
    Pod badLabel = pod(ObjectMeta.named("default", "web").withLabels(Map.of("tier", "-bad-")), duplicateContainers);
    assertEquals(List.of("metadata.labels"), Fixtures.fields(Validation.validateUpdate(stored, badLabel)),
        "metadata is checked on every update");
  }

  @Test
  void podNodeNameIsImmutableOnceSet() {
    Pod pending = pod("web", podSpec(List.of(container("web", "nginx")), null, null));
    Pod bound = pod("web", podSpec(List.of(container("web", "nginx")), "node-1", null));
    Pod moved = pod("web", podSpec(List.of(container("web", "nginx")), "node-2", null));
    assertEquals(List.of(), Validation.validateUpdate(pending, bound), "binding sets the node once");
    assertEquals(List.of("spec.nodeName: Invalid value: \"node-2\": field is immutable"),
        messages(Validation.validateUpdate(bound, moved)));
    assertEquals(List.of("spec.nodeName: Invalid value: null: field is immutable"),
        messages(Validation.validateUpdate(bound, pending)));
  }

  @Test
  void nameNamespaceAndUidAreImmutable() {
    Pod old = pod(ObjectMeta.named("default", "web").withUid("uid-1"), podSpec(container("web", "nginx")));
    Pod renamed = pod(ObjectMeta.named("other", "web2").withUid("uid-2"), podSpec(container("web", "nginx")));
    assertEquals(List.of(
        "metadata.name: Invalid value: \"web2\": field is immutable",
        "metadata.namespace: Invalid value: \"other\": field is immutable",
        "metadata.uid: Invalid value: \"uid-2\": field is immutable"),
        messages(Validation.validateUpdate(old, renamed)));
    Pod withoutUid = pod(ObjectMeta.named("default", "web"), podSpec(container("web", "nginx")));
    assertEquals(List.of(), Validation.validateUpdate(old, withoutUid), "an update without a uid keeps the stored one");
  }

  @Test
  void kindsMustAgree() {
    assertThrows(IllegalArgumentException.class,
        () -> Validation.validateUpdate(replicaSet(APP_WEB), deployment(1, null)));
  }
}
