package dev.orca.model;

import static dev.orca.model.Fixtures.container;
import static dev.orca.model.Fixtures.deployment;
import static dev.orca.model.Fixtures.matchLabels;
import static dev.orca.model.Fixtures.messages;
import static dev.orca.model.Fixtures.podSpec;
import static dev.orca.model.Fixtures.replicaSet;
import static dev.orca.model.Fixtures.rollingUpdate;
import static dev.orca.model.Fixtures.template;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Validation of ReplicaSets and Deployments. */
class WorkloadValidationTest {
  private static final LabelSelector APP_WEB = matchLabels(Map.of("app", "web"));

  @Test
  void validReplicaSetAndDeployment() {
    assertEquals(List.of(), Validation.validateCreate(replicaSet(APP_WEB)));
    assertEquals(List.of(), Validation.validateCreate(deployment(3, null)));
    assertEquals(List.of(), Validation.validateCreate(Defaults.applyDefaults(deployment(3, null))));
  }

  @Test
  void negativeReplicas() {
    assertEquals(List.of("spec.replicas: Invalid value: -1: must be greater than or equal to 0"),
        messages(Validation.validateCreate(deployment(-1, null))));
    assertEquals(List.of("spec.replicas: Invalid value: -1: must be greater than or equal to 0"),
        messages(Validation.validateCreate(replicaSet(-1, APP_WEB,
            template(Map.of("app", "web"), podSpec(container("web", "nginx")))))));
  }

  @Test
  void selectorMustMatchTemplateLabels() {
    ReplicaSet rs = replicaSet(matchLabels(Map.of("app", "api")));
    List<FieldError> errors = Validation.validateCreate(rs);
    assertEquals(1, errors.size());
    FieldError error = errors.get(0);
    assertEquals("spec.template.metadata.labels", error.field());
    assertEquals(FieldError.INVALID, error.type());
    assertEquals("selector does not match template labels", error.detail());
    assertEquals("spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"web\"}: "
        + "selector does not match template labels", error.message());
  }

  @Test
  void setBasedSelectorsMatchTemplatesToo() {
    LabelSelector selector = new LabelSelector(null,
        List.of(new LabelSelectorRequirement("app", "In", List.of("web", "api"))));
    assertEquals(List.of(), Validation.validateCreate(replicaSet(selector)));
    LabelSelector excluding = new LabelSelector(null, List.of(new LabelSelectorRequirement("app", "NotIn", List.of("web"))));
    assertEquals(List.of("spec.template.metadata.labels"), Fixtures.fields(Validation.validateCreate(replicaSet(excluding))));
  }

  @Test
  void selectorIsRequiredAndNotEmpty() {
    assertEquals(List.of("spec.selector: Required value"), messages(Validation.validateCreate(replicaSet(null))));
    assertEquals(List.of("spec.selector: Invalid value: {\"matchLabels\":{}}: empty selector is invalid for deployment"),
        messages(Validation.validateCreate(replicaSet(matchLabels(Map.of())))));
  }

  @Test
  void selectorExpressionsAreChecked() {
    LabelSelector selector = new LabelSelector(Map.of("app", "web"),
        List.of(new LabelSelectorRequirement("tier", "Has", List.of("db"))));
    assertEquals(List.of("spec.selector.matchExpressions[0].operator: Invalid value: \"Has\": not a valid selector operator"),
        messages(Validation.validateCreate(replicaSet(selector))));
  }

  @Test
  void templatePodSpecIsValidatedUnderItsPath() {
    ReplicaSet rs = replicaSet(1, APP_WEB, template(Map.of("app", "web"), podSpec(container("web", null))));
    assertEquals(List.of("spec.template.spec.containers[0].image: Required value"), messages(Validation.validateCreate(rs)));
  }

  @Test
  void templateMustRestartAlways() {
    PodSpec never = Fixtures.podSpec(List.of(container("web", "nginx")), null, "Never");
    ReplicaSet rs = replicaSet(1, APP_WEB, template(Map.of("app", "web"), never));
    assertEquals(List.of("spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\""),
        messages(Validation.validateCreate(rs)));
  }

  @Test
  void countsMayNotBeNegative() {
    DeploymentSpec spec = new DeploymentSpec(1, APP_WEB, template(Map.of("app", "web"), podSpec(container("web", "nginx"))),
        null, -5, -1, null, null);
    assertEquals(List.of(
        "spec.minReadySeconds: Invalid value: -5: must be greater than or equal to 0",
        "spec.revisionHistoryLimit: Invalid value: -1: must be greater than or equal to 0"),
        messages(Validation.validateCreate(deployment(spec))));
    ReplicaSet rs = new ReplicaSet(ReplicaSet.API_VERSION, ReplicaSet.KIND, ObjectMeta.named("default", "web"),
        new ReplicaSetSpec(1, -1, APP_WEB, template(Map.of("app", "web"), podSpec(container("web", "nginx")))), null);
    assertEquals(List.of("spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0"),
        messages(Validation.validateCreate(rs)));
  }

  @Test
  void progressDeadlineMustExceedMinReady() {
    DeploymentSpec spec = new DeploymentSpec(1, APP_WEB, template(Map.of("app", "web"), podSpec(container("web", "nginx"))),
        null, 30, null, null, 30);
    assertEquals(List.of("spec.progressDeadlineSeconds: Invalid value: 30: must be greater than minReadySeconds"),
        messages(Validation.validateCreate(deployment(spec))));
  }

  @Test
  void strategyTypeIsRollingUpdateOrRecreate() {
    assertEquals(List.of("spec.strategy.type: Unsupported value: \"BlueGreen\": supported values: \"Recreate\", \"RollingUpdate\""),
        messages(Validation.validateCreate(deployment(1, new DeploymentStrategy("BlueGreen", null)))));
    assertEquals(List.of(), Validation.validateCreate(deployment(1, new DeploymentStrategy("Recreate", null))));
  }

  @Test
  void recreateTakesNoRollingUpdate() {
    DeploymentStrategy strategy = new DeploymentStrategy("Recreate",
        new RollingUpdateDeployment(IntOrString.of(1), IntOrString.of(1)));
    assertEquals(List.of("spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"),
        messages(Validation.validateCreate(deployment(1, strategy))));
  }

  @Test
  void surgeAndUnavailabilityAreCountsOrPercentages() {
    assertEquals(List.of(), Validation.validateCreate(deployment(1, rollingUpdate(IntOrString.of("25%"), IntOrString.of(2)))));
    List<String> messages = messages(Validation.validateCreate(
        deployment(1, rollingUpdate(IntOrString.of(-1), IntOrString.of("half")))));
    assertEquals(List.of(
        "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: -1: must be greater than or equal to 0",
        "spec.strategy.rollingUpdate.maxSurge: Invalid value: \"half\": a valid percent string must be a numeric string "
            + "followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"), messages);
  }

  @Test
  void surgeAndUnavailabilityMayNotBothBeZero() {
    assertEquals(List.of("spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when maxSurge is 0"),
        messages(Validation.validateCreate(deployment(1, rollingUpdate(IntOrString.of(0), IntOrString.of("0%"))))));
    assertEquals(List.of(), Validation.validateCreate(deployment(1, rollingUpdate(IntOrString.of(0), IntOrString.of(1)))));
  }

  @Test
  void unavailabilityAtMostAHundredPercent() {
    assertEquals(List.of("spec.strategy.rollingUpdate.maxUnavailable: Invalid value: \"150%\": must not be greater than 100%"),
        messages(Validation.validateCreate(deployment(1, rollingUpdate(IntOrString.of("150%"), IntOrString.of(1))))));
  }

  @Test
  void invalidDeploymentStatusNamesTheGroup() {
    Deployment d = deployment(-1, null);
    Status status = Validation.invalidStatus(d, Validation.validateCreate(d));
    assertEquals("Deployment.apps \"web\" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0",
        status.message());
    assertEquals("apps", status.details().group());
  }
}
