package dev.orca.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldErrorTest {
  @Test
  void invalidNumberPrintsBare() {
    assertEquals("spec.replicas: Invalid value: -1: must be greater than or equal to 0",
        FieldError.invalid("spec.replicas", -1, "must be greater than or equal to 0").message());
  }

  @Test
  void invalidStringPrintsQuoted() {
    assertEquals("metadata.name: Invalid value: \"Web\\\"1\": bad",
        FieldError.invalid("metadata.name", "Web\"1", "bad").message());
  }

  @Test
  void requiredLeavesTheValueOut() {
    assertEquals("metadata.name: Required value: name or generateName is required",
        FieldError.required("metadata.name", "name or generateName is required").message());
    assertEquals("spec.containers: Required value", FieldError.required("spec.containers", "").message());
  }

  @Test
  void notSupportedListsTheSupportedValues() {
    assertEquals("spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\"",
        FieldError.notSupported("spec.restartPolicy", "Sometimes", List.of("Always", "OnFailure", "Never")).message());
  }

  @Test
  void forbiddenAndDuplicate() {
    assertEquals("metadata.namespace: Forbidden: not allowed on this type",
        FieldError.forbidden("metadata.namespace", "not allowed on this type").message());
    assertEquals("spec.containers[1].name: Duplicate value: \"web\"",
        FieldError.duplicate("spec.containers[1].name", "web").message());
  }

  @Test
  void stringMapPrintsAsGoMapLiteral() {
    assertEquals("spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"api\", \"tier\":\"db\"}: x",
        FieldError.invalid("spec.template.metadata.labels", Map.of("tier", "db", "app", "api"), "x").message());
  }

  @Test
  void statusCauseCarriesTypeBodyAndField() {
    StatusCause cause = FieldError.invalid("spec.replicas", -1, "must be greater than or equal to 0").toStatusCause();
    assertEquals(new StatusCause("FieldValueInvalid", "Invalid value: -1: must be greater than or equal to 0", "spec.replicas"),
        cause);
  }
}
