package dev.orca.control.deployment;

import static dev.orca.control.Fixtures.template;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.orca.model.Json;
import dev.orca.model.PodTemplateSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodTemplateHashTest {
  @Test
  void sameTemplateSameHashEvenAfterARoundTrip() throws Exception {
    PodTemplateSpec template = template("nginx:1");
    PodTemplateSpec copy = Json.mapper().readValue(Json.mapper().writeValueAsString(template), PodTemplateSpec.class);

    assertEquals(PodTemplateHash.of(template, null), PodTemplateHash.of(copy, null));
    assertTrue(PodTemplateHash.of(template, null).matches("[bcdfghjklmnpqrstvwxz2456789]{1,10}"));
  }

  @Test
  void labelOrderDoesNotMatter() {
    Map<String, String> ab = new LinkedHashMap<>();
    ab.put("a", "1");
    ab.put("b", "2");
    Map<String, String> ba = new LinkedHashMap<>();
    ba.put("b", "2");
    ba.put("a", "1");
    PodTemplateSpec t = template("nginx:1");

    assertEquals(
        PodTemplateHash.of(new PodTemplateSpec(t.metadata().withLabels(ab), t.spec()), null),
        PodTemplateHash.of(new PodTemplateSpec(t.metadata().withLabels(ba), t.spec()), null));
  }

  @Test
  void differentTemplatesOrCollisionCountsGiveDifferentHashes() {
    String plain = PodTemplateHash.of(template("nginx:1"), null);

    assertNotEquals(plain, PodTemplateHash.of(template("nginx:2"), null));
    assertNotEquals(plain, PodTemplateHash.of(template("nginx:1"), 1));
    assertNotEquals(PodTemplateHash.of(template("nginx:1"), 1), PodTemplateHash.of(template("nginx:1"), 2));
  }

  @Test
  void templatesCompareWithoutTheHashLabel() {
    PodTemplateSpec t = template("nginx:1");

    assertTrue(Templates.equalIgnoringHash(t, Templates.withHash(t, "abc")));
    assertFalse(Templates.equalIgnoringHash(t, Templates.withHash(template("nginx:2"), "abc")));
    assertEquals(t, Templates.withoutHash(Templates.withHash(t, "abc")));
  }
}
