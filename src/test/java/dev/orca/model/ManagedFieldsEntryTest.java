package dev.orca.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ManagedFieldsEntryTest {
  private static final ObjectMapper MAPPER = Json.mapper();
  private static final String ENTRY = """
      {"manager":"kubectl","operation":"Update","apiVersion":"v1","time":"2026-11-27T17:00:00Z",
       "fieldsType":"FieldsV1","fieldsV1":{"f:metadata":{"f:labels":{".":{},"f:app":{}}},
       "f:spec":{"f:containers":{"k:{\\"name\\":\\"c\\"}":{".":{},"f:image":{}}}}}}""";

  @Test
  void podsOfOneShapeShareOneFieldsTree() throws Exception {
    ManagedFieldsEntry a = MAPPER.readValue(ENTRY, ManagedFieldsEntry.class);
    ManagedFieldsEntry b = MAPPER.readValue(ENTRY.replace("17:00:00", "17:00:01"), ManagedFieldsEntry.class);
    assertSame(a.fieldsV1(), b.fieldsV1());
    assertEquals(MAPPER.readTree(ENTRY), MAPPER.valueToTree(a), "written as read");
  }

  @Test
  void differentFieldsStayApart() throws Exception {
    ManagedFieldsEntry a = MAPPER.readValue(ENTRY, ManagedFieldsEntry.class);
    ManagedFieldsEntry other = MAPPER.readValue(ENTRY.replace("f:image", "f:command"), ManagedFieldsEntry.class);
    assertNotSame(a.fieldsV1(), other.fieldsV1());
    assertEquals("{}", other.fieldsV1().at("/f:spec/f:containers/k:{\"name\":\"c\"}/f:command").toString());
  }
}
