package dev.orca.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FieldSelectorQueryTest {
  private static final Set<String> POD_FIELDS = Set.of("metadata.name", "metadata.namespace", "status.phase", "spec.nodeName");
  private static final Map<String, String> RUNNING = Map.of("metadata.name", "web-1", "status.phase", "Running", "spec.nodeName", "n1");
  private static final Map<String, String> PENDING = Map.of("metadata.name", "web-2", "status.phase", "Pending");

  @Test
  void emptySelectsEverything() {
    assertTrue(FieldSelectorQuery.parse(null, POD_FIELDS).isEverything());
    assertTrue(FieldSelectorQuery.parse("", POD_FIELDS).matches(RUNNING::get));
  }

  @Test
  void equalityAndInequality() {
    FieldSelectorQuery query = FieldSelectorQuery.parse("metadata.name=web-1,status.phase!=Pending", POD_FIELDS);
    assertTrue(query.matches(RUNNING::get));
    assertFalse(query.matches(PENDING::get));
    assertTrue(FieldSelectorQuery.parse("status.phase==Pending", POD_FIELDS).matches(PENDING::get));
  }

  @Test
  void missingFieldReadsAsEmpty() {
    assertTrue(FieldSelectorQuery.parse("spec.nodeName=", POD_FIELDS).matches(PENDING::get));
    assertFalse(FieldSelectorQuery.parse("spec.nodeName=", POD_FIELDS).matches(RUNNING::get));
    assertTrue(FieldSelectorQuery.parse("spec.nodeName!=n1", POD_FIELDS).matches(PENDING::get));
  }

  @Test
  void unsupportedFieldIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FieldSelectorQuery.parse("spec.foo=bar", POD_FIELDS));
    assertEquals("field label not supported: spec.foo", e.getMessage());
  }

  @Test
  void termWithoutOperatorIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FieldSelectorQuery.parse("metadata.name=a,status.phase", POD_FIELDS));
    assertEquals("invalid selector: 'metadata.name=a,status.phase'; can't understand 'status.phase'", e.getMessage());
  }

  @Test
  void requiredValueServesIndexLookups() {
    FieldSelectorQuery query = FieldSelectorQuery.parse("spec.nodeName=n1,status.phase!=Failed", POD_FIELDS);
    assertEquals(Optional.of("n1"), query.requiredValue("spec.nodeName"));
    assertEquals(Optional.empty(), query.requiredValue("status.phase"), "a != term demands no single value");
    assertEquals(Optional.empty(), query.requiredValue("metadata.name"));
    assertEquals(Optional.of("web"), FieldSelectorQuery.parse("metadata.name==web", POD_FIELDS).requiredValue("metadata.name"));
  }

  @Test
  void escapedValues() {
    FieldSelectorQuery query = FieldSelectorQuery.parse("metadata.name=a\\,b\\=c\\\\d", POD_FIELDS);
    assertEquals(Optional.of("a,b=c\\d"), query.requiredValue("metadata.name"));
    assertEquals("metadata.name=a\\,b\\=c\\\\d", query.toString());
  }

  @Test
  void badEscapesAreRejected() {
    assertEquals("invalid field selector: invalid escape sequence: \\x",
        assertThrows(IllegalArgumentException.class, () -> FieldSelectorQuery.parse("metadata.name=a\\x", POD_FIELDS))
            .getMessage());
    assertEquals("invalid field selector: unescaped character in value: =",
        assertThrows(IllegalArgumentException.class, () -> FieldSelectorQuery.parse("metadata.name=a=b", POD_FIELDS))
            .getMessage());
  }

  @Test
  void podFieldsOfAnObject() {
    Pod pod = Fixtures.pod("web-1", Fixtures.podSpec(java.util.List.of(Fixtures.container("c", "nginx")), "n1", null))
        .withStatus(Fixtures.status("Running"));
    Set<String> supported = ObjectFields.supported(ResourceType.POD);
    Map<String, String> fields = ObjectFields.of(pod);
    assertTrue(FieldSelectorQuery.parse("spec.nodeName=n1,status.phase=Running,metadata.namespace=default", supported)
        .matches(fields::get));
    assertEquals("", fields.get("spec.restartPolicy"));
    assertEquals("false", ObjectFields.of(Fixtures.node("n1", null, null)).get("spec.unschedulable"));
  }
}
