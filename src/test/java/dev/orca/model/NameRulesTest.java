package dev.orca.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class NameRulesTest {
  @ParameterizedTest
  @ValueSource(strings = {"a", "web", "web-1", "123-abc", "a.b.c", "example.com"})
  void validSubdomains(String name) {
    assertEquals(List.of(), NameRules.dns1123SubdomainErrors(name));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Web", "-web", "web-", "web_1", "a..b", ".a"})
  void invalidSubdomains(String name) {
    assertEquals(1, NameRules.dns1123SubdomainErrors(name).size(), name);
  }

  @Test
  void subdomainLengthLimit() {
    assertEquals(List.of(), NameRules.dns1123SubdomainErrors("a".repeat(253)));
    assertEquals(List.of("must be no more than 253 characters"), NameRules.dns1123SubdomainErrors("a".repeat(254)));
  }

  @Test
  void labelsHaveNoDotsAndAtMost63Characters() {
    assertEquals(List.of(), NameRules.dns1123LabelErrors("a".repeat(63)));
    assertEquals(List.of("must be no more than 63 characters"), NameRules.dns1123LabelErrors("a".repeat(64)));
    assertEquals(List.of("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must "
        + "start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is "
        + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?')"), NameRules.dns1123LabelErrors("a.b"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"app", "App_Name.v1", "app.kubernetes.io/name", "example.com/MyName", "a"})
  void validQualifiedNames(String key) {
    assertEquals(List.of(), NameRules.qualifiedNameErrors(key));
  }

  @Test
  void qualifiedNameProblemsNameThePart() {
    assertTrue(NameRules.qualifiedNameErrors("/app").contains("prefix part must be non-empty"));
    assertTrue(NameRules.qualifiedNameErrors("Example.com/app").get(0).startsWith("prefix part a lowercase RFC 1123 subdomain"));
    assertTrue(NameRules.qualifiedNameErrors("example.com/").contains("name part must be non-empty"));
    assertTrue(NameRules.qualifiedNameErrors("a".repeat(64)).contains("name part must be no more than 63 characters"));
    assertTrue(NameRules.qualifiedNameErrors("a/b/c").get(0).startsWith("a qualified name must consist of"));
    assertTrue(NameRules.qualifiedNameErrors("_app").get(0).startsWith("name part must consist of alphanumeric characters"));
  }

  @Test
  void labelValuesMayBeEmpty() {
    assertEquals(List.of(), NameRules.labelValueErrors(""));
    assertEquals(List.of(), NameRules.labelValueErrors("My_value-1.0"));
    assertEquals(1, NameRules.labelValueErrors("has space").size());
    assertEquals(List.of("must be no more than 63 characters"), NameRules.labelValueErrors("a".repeat(64)));
  }

  @Test
  void portNamesAndNumbers() {
    assertEquals(List.of(), NameRules.portNameErrors("http-metrics"));
    assertEquals(List.of("must contain at least one letter (a-z)"), NameRules.portNameErrors("8080"));
    assertEquals(List.of("must not contain consecutive hyphens"), NameRules.portNameErrors("a--b"));
    assertEquals(List.of("must be between 1 and 65535, inclusive"), NameRules.portNumberErrors(65536));
    assertEquals(List.of(), NameRules.portNumberErrors(1));
  }

  @Test
  void generateNameMayEndInADash() {
    assertEquals(List.of(), NameRules.dns1123SubdomainErrors(NameRules.maskTrailingDash("web-")));
  }
}
