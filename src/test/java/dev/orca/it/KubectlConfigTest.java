package dev.orca.it;

import static dev.orca.it.KubectlSessionTest.columns;
import static dev.orca.it.KubectlSessionTest.json;
import static dev.orca.it.KubectlSessionTest.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ConfigMaps and Secrets through the stock kubectl: its generators, get, apply, delete and its errors. */
class KubectlConfigTest {
  private static TestOrca orca;
  private static Kubectl kubectl;
  private static Path home;

  @BeforeAll
  static void start() throws Exception {
    orca = TestOrca.start(0);
    home = Files.createTempDirectory("orca-kubectl-config-");
    kubectl = new Kubectl(orca.api.base, home);
  }

  @AfterAll
  static void stop() throws Exception {
    orca.close();
    TestOrca.deleteTree(home);
  }

  private static String decode(String base64) {
    return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
  }

  @Test
  void createConfigMapFromLiteralsGetAndDelete() {
    Kubectl.Result created = kubectl.run("create", "configmap", "x", "--from-literal=a=b", "--from-literal=c=d").ok();
    assertEquals("configmap/x created", created.stdout().trim(), created.toString());

    List<String> table = lines(kubectl.run("get", "cm").ok().stdout());
    assertEquals(List.of("NAME", "DATA", "AGE"), List.of(columns(table.get(0))));
    assertTrue(table.stream().anyMatch(l -> l.startsWith("x ") && columns(l)[1].equals("2")), table.toString());

    JsonNode x = json(kubectl.run("get", "configmap", "x", "-o", "json").ok().stdout());
    assertEquals("b", x.path("data").path("a").asText());
    assertEquals("d", x.path("data").path("c").asText());

    Kubectl.Result deleted = kubectl.run("delete", "cm", "x").ok();
    assertEquals("configmap \"x\" deleted", deleted.stdout().trim(), deleted.toString());
    Kubectl.Result gone = kubectl.run("get", "cm", "x");
    assertNotEquals(0, gone.exitCode());
    assertTrue(gone.stderr().contains("configmaps \"x\" not found"), gone.toString());
  }

  @Test
  void createGenericSecretAndReadItBackAsYaml() {
    Kubectl.Result created = kubectl.run("create", "secret", "generic", "s", "--from-literal=k=v",
        "--from-literal=password=s3cr3t").ok();
    assertEquals("secret/s created", created.stdout().trim(), created.toString());

    List<String> table = lines(kubectl.run("get", "secret").ok().stdout());
    assertEquals(List.of("NAME", "TYPE", "DATA", "AGE"), List.of(columns(table.get(0))));
    String[] row = table.stream().filter(l -> l.startsWith("s ")).map(KubectlSessionTest::columns).findFirst()
        .orElseThrow(() -> new AssertionError(table.toString()));
    assertEquals("Opaque", row[1]);
    assertEquals("2", row[2]);
    assertFalse(String.join("\n", table).contains("s3cr3t"));

    String yaml = kubectl.run("get", "secret", "s", "-o", "yaml").ok().stdout();
    assertTrue(yaml.contains("kind: Secret") && yaml.contains("type: Opaque"), yaml);
    assertTrue(yaml.contains("k: " + Base64.getEncoder().encodeToString("v".getBytes(StandardCharsets.UTF_8))), yaml);
    String password = kubectl.run("get", "secret", "s", "-o", "jsonpath={.data.password}").ok().stdout();
    assertEquals("s3cr3t", decode(password));
  }

  @Test
  void applyAConfigMapAndASecretWithStringDataThenChangeThem() throws Exception {
    Path file = home.resolve("config.yaml");
    Files.writeString(file, """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: app-config
        data:
          colour: blue
          app.properties: |
            a=1
        ---
        apiVersion: v1
        kind: Secret
        metadata:
          name: app-secret
        stringData:
          token: abc
        """);
    Kubectl.Result first = kubectl.run("apply", "-f", file.toString()).ok();
    assertTrue(first.stdout().contains("configmap/app-config created")
        && first.stdout().contains("secret/app-secret created"), first.toString());
    Kubectl.Result again = kubectl.run("apply", "-f", file.toString()).ok();
    assertTrue(again.stdout().contains("configmap/app-config unchanged"), again.toString());

    JsonNode secret = json(kubectl.run("get", "secret", "app-secret", "-o", "json").ok().stdout());
    assertEquals("abc", decode(secret.path("data").path("token").asText()));
    assertTrue(secret.path("stringData").isMissingNode(), "stringData is never returned: " + secret);

    Files.writeString(file, Files.readString(file).replace("colour: blue", "colour: red").replace("token: abc", "token: xyz"));
    Kubectl.Result changed = kubectl.run("apply", "-f", file.toString()).ok();
    assertTrue(changed.stdout().contains("configmap/app-config configured"), changed.toString());
    assertEquals("red", kubectl.run("get", "cm", "app-config", "-o", "jsonpath={.data.colour}").ok().stdout());
    assertEquals("a=1\n", kubectl.run("get", "cm", "app-config", "-o", "jsonpath={.data.app\\.properties}").ok().stdout());
    assertEquals("xyz", decode(kubectl.run("get", "secret", "app-secret", "-o", "jsonpath={.data.token}").ok().stdout()));
  }

  @Test
  void invalidAndImmutableConfigMapsAreRefusedWithKubesMessages() throws Exception {
    Path bad = home.resolve("bad.yaml");
    Files.writeString(bad, """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: bad
        data:
          no/slash: "1"
        """);
    Kubectl.Result badKey = kubectl.run("apply", "-f", bad.toString());
    assertNotEquals(0, badKey.exitCode());
    assertTrue(badKey.stderr().contains("The ConfigMap \"bad\" is invalid: data[no/slash]")
        && badKey.stderr().contains("a valid config key"), badKey.toString());

    Path file = home.resolve("frozen.yaml");
    Files.writeString(file, """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: frozen
        immutable: true
        data:
          a: "1"
        """);
    kubectl.run("apply", "-f", file.toString()).ok();
    Files.writeString(file, Files.readString(file).replace("a: \"1\"", "a: \"2\""));
    Kubectl.Result refused = kubectl.run("apply", "-f", file.toString());
    assertNotEquals(0, refused.exitCode());
    assertTrue(refused.stderr().contains("field is immutable when `immutable` is set"), refused.toString());
    assertEquals("1", kubectl.run("get", "cm", "frozen", "-o", "jsonpath={.data.a}").ok().stdout());
  }
}
