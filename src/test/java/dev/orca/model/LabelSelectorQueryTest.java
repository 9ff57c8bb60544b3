package dev.orca.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class LabelSelectorQueryTest {
  private static final Map<String, String> WEB = Map.of("app", "web", "tier", "frontend");
  private static final Map<String, String> DB = Map.of("app", "db", "tier", "db");
  private static final Map<String, String> CANARY = Map.of("app", "api", "tier", "backend", "canary", "true");

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"  ", "\t"})
  void nullOrBlankSelectsEverything(String selector) {
    LabelSelectorQuery query = LabelSelectorQuery.parse(selector);
    assertTrue(query.isEverything());
    assertTrue(query.matches(Map.of()));
    assertTrue(query.matches(WEB));
  }

  @Test
  void equalityOperators() {
    assertTrue(LabelSelectorQuery.parse("app=web").matches(WEB));
    assertTrue(LabelSelectorQuery.parse("app==web").matches(WEB));
    assertFalse(LabelSelectorQuery.parse("app=web").matches(DB));
    assertTrue(LabelSelectorQuery.parse("app!=web").matches(DB));
    assertFalse(LabelSelectorQuery.parse("app!=web").matches(WEB));
    assertTrue(LabelSelectorQuery.parse("app!=web").matches(Map.of()), "!= also selects objects without the key");
  }

  @Test
  void setOperators() {
    LabelSelectorQuery in = LabelSelectorQuery.parse("app in (web,api)");
    assertTrue(in.matches(WEB));
    assertTrue(in.matches(CANARY));
    assertFalse(in.matches(DB));
    assertFalse(in.matches(Map.of()));

    LabelSelectorQuery notIn = LabelSelectorQuery.parse("app notin (web)");
    assertFalse(notIn.matches(WEB));
    assertTrue(notIn.matches(DB));
    assertTrue(notIn.matches(Map.of()));

    assertTrue(LabelSelectorQuery.parse("canary").matches(CANARY));
    assertFalse(LabelSelectorQuery.parse("canary").matches(WEB));
    assertTrue(LabelSelectorQuery.parse("!canary").matches(WEB));
    assertFalse(LabelSelectorQuery.parse("!canary").matches(CANARY));
  }

  @Test
  void combinedTermsMustAllHold() {
    LabelSelectorQuery query = LabelSelectorQuery.parse("app in (web,api),tier!=db,!canary");
    assertTrue(query.matches(WEB));
    assertFalse(query.matches(DB));
    assertFalse(query.matches(CANARY));
    assertEquals(3, query.requirements().size());
  }

  @Test
  void whitespaceBetweenTokensIsIgnored() {
    LabelSelectorQuery query = LabelSelectorQuery.parse(" app in ( web , api ) , tier != db ");
    assertEquals(LabelSelectorQuery.parse("app in (web,api),tier!=db"), query);
    assertTrue(query.matches(WEB));
  }

  @Test
  void emptyValues() {
    assertTrue(LabelSelectorQuery.parse("app=").matches(Map.of("app", "")));
    assertFalse(LabelSelectorQuery.parse("app=").matches(Map.of("app", "web")));
    assertTrue(LabelSelectorQuery.parse("app in (web,)").matches(Map.of("app", "")));
  }

  @Test
  void greaterAndLessThanCompareIntegers() {
    assertTrue(LabelSelectorQuery.parse("gen>5").matches(Map.of("gen", "6")));
    assertFalse(LabelSelectorQuery.parse("gen>5").matches(Map.of("gen", "5")));
    assertTrue(LabelSelectorQuery.parse("gen<5").matches(Map.of("gen", "4")));
    assertFalse(LabelSelectorQuery.parse("gen<5").matches(Map.of("gen", "four")));
  }

  @Test
  void prefixedKeys() {
    assertTrue(LabelSelectorQuery.parse("app.kubernetes.io/name=web").matches(Map.of("app.kubernetes.io/name", "web")));
  }

  @Test
  void keywordsAreIdentifiersWhereAValueIsExpected() {
    assertTrue(LabelSelectorQuery.parse("mode=in").matches(Map.of("mode", "in")));
    assertTrue(LabelSelectorQuery.parse("mode in (in,notin)").matches(Map.of("mode", "notin")));
  }

  @Test
  void toStringIsCanonicalSortedByKey() {
    assertEquals("app in (api,web),!canary,tier!=db",
        LabelSelectorQuery.parse("tier!=db, app in (web,api,web), !canary").toString());
    assertEquals("app=web", LabelSelectorQuery.parse("app = web").toString());
    assertEquals("", LabelSelectorQuery.everything().toString());
  }

  @Test
  void missingOperatorIsReported() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LabelSelectorQuery.parse("app web"));
    assertEquals("unable to parse requirement: found 'web', expected: in, notin, =, ==, !=, gt, lt", e.getMessage());
  }

  @Test
  void unclosedSetIsReported() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> LabelSelectorQuery.parse("app in (web,api"));
    assertTrue(e.getMessage().startsWith("unable to parse requirement: found ''"), e.getMessage());
  }

  @Test
  void setWithoutParenthesesIsReported() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LabelSelectorQuery.parse("app in web"));
    assertEquals("unable to parse requirement: found 'web' expected: '('", e.getMessage());
  }

  @Test
  void trailingCommaIsReported() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LabelSelectorQuery.parse("app=web,"));
    assertEquals("found '', expected: identifier after ','", e.getMessage());
  }

  @Test
  void leadingOperatorIsReported() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LabelSelectorQuery.parse("=web"));
    assertEquals("found '=', expected: !, identifier, or 'end of string'", e.getMessage());
  }

  @Test
  void extraTokenAfterRequirementIsReported() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LabelSelectorQuery.parse("!app=web"));
    assertEquals("found '=', expected: ',' or 'end of string'", e.getMessage());
  }

  @Test
  void invalidKeyIsReported() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LabelSelectorQuery.parse("-app=web"));
    assertTrue(e.getMessage().startsWith("unable to parse requirement: invalid label key \"-app\": name part must consist of"),
        e.getMessage());
  }

  @Test
  void invalidValueIsReported() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LabelSelectorQuery.parse("app=web_"));
    assertTrue(e.getMessage().startsWith(
        "unable to parse requirement: invalid label value: \"web_\": at key: \"app\": a valid label must be"), e.getMessage());
    String tooLong = "a".repeat(64);
    IllegalArgumentException longValue =
        assertThrows(IllegalArgumentException.class, () -> LabelSelectorQuery.parse("app=" + tooLong));
    assertTrue(longValue.getMessage().contains("must be no more than 63 characters"), longValue.getMessage());
  }

  @Test
  void nonIntegerBoundIsReported() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LabelSelectorQuery.parse("gen>five"));
    assertEquals("unable to parse requirement: for 'Gt', 'Lt' operators, the value must be an integer", e.getMessage());
  }

  @Test
  void structuredSelectorConverts() {
    LabelSelector selector = new LabelSelector(Map.of("app", "web"), List.of(
        new LabelSelectorRequirement("tier", "In", List.of("frontend", "backend")),
        new LabelSelectorRequirement("canary", "DoesNotExist", null)));
    LabelSelectorQuery query = LabelSelectorQuery.of(selector);
    assertEquals("app=web,!canary,tier in (backend,frontend)", query.toString());
    assertTrue(query.matches(WEB));
    assertFalse(query.matches(Map.of("app", "web", "tier", "frontend", "canary", "yes")));
    assertEquals(LabelSelectorQuery.parse("app=web,tier in (frontend,backend),!canary"), query);
  }

  @Test
  void nullStructuredSelectorSelectsNothingAndEmptyEverything() {
    LabelSelectorQuery nothing = LabelSelectorQuery.of(null);
    assertTrue(nothing.isNothing());
    assertFalse(nothing.isEverything());
    assertFalse(nothing.matches(Map.of()));
    assertTrue(LabelSelectorQuery.of(new LabelSelector(Map.of(), List.of())).isEverything());
  }

  @Test
  void structuredSelectorWithUnknownOperatorIsRejected() {
    LabelSelector selector = new LabelSelector(null, List.of(new LabelSelectorRequirement("app", "Has", List.of("x"))));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LabelSelectorQuery.of(selector));
    assertEquals("\"Has\" is not a valid label selector operator", e.getMessage());
  }

  @Test
  void structuredSelectorAgreesWithLabelSelectors() {
    LabelSelector selector = new LabelSelector(Map.of("app", "web"),
        List.of(new LabelSelectorRequirement("tier", "NotIn", List.of("db"))));
    for (Map<String, String> labels : List.of(WEB, DB, CANARY, Map.<String, String>of())) {
      assertEquals(LabelSelectors.matches(selector, labels), LabelSelectorQuery.of(selector).matches(labels), labels.toString());
    }
  }
}
