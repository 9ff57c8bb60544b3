package dev.orca.model;

import static dev.orca.model.Fixtures.pod;
import static dev.orca.model.Fixtures.podSpec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ConfigMaps and Secrets as kube-apiserver validates and defaults them, and env references to them. */
class ConfigDataTest {

  private static ConfigMap configMap(String name, Map<String, String> data, Map<String, String> binaryData,
      Boolean immutable) {
    return new ConfigMap(ConfigMap.API_VERSION, ConfigMap.KIND, ObjectMeta.named("default", name), data, binaryData,
        immutable);
  }

  private static Secret secret(Map<String, String> data, Map<String, String> stringData, String type, Boolean immutable) {
    return new Secret(Secret.API_VERSION, Secret.KIND, ObjectMeta.named("default", "s"), data, stringData, type,
        immutable);
  }

  private static List<String> messages(List<FieldError> errors) {
    return errors.stream().map(FieldError::message).toList();
  }

  @Test
  void aConfigMapNeedsValidKeysAndASubdomainName() {
    assertEquals(List.of(), Validation.validateCreate(configMap("app.config", Map.of("a.b-c_D", "1"), null, null)));
    List<FieldError> errors = Validation.validateCreate(configMap("cfg", Map.of("bad key", "1", "..x", "2"), null, null));
    assertEquals(List.of("data[..x]", "data[bad key]"), errors.stream().map(FieldError::field).toList());
    assertEquals("data[bad key]: Invalid value: \"bad key\": a valid config key must consist of alphanumeric characters, "
        + "'-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is "
        + "'[-._a-zA-Z0-9]+')", errors.get(1).message());
    assertEquals("data[..x]: Invalid value: \"..x\": must not start with '..'", errors.get(0).message());
    assertTrue(messages(Validation.validateCreate(configMap("Not_A_Name", null, null, null))).get(0)
        .startsWith("metadata.name: Invalid value: \"Not_A_Name\": a lowercase RFC 1123 subdomain"));
  }

  @Test
  void binaryDataIsBase64AndDoesNotRepeatAKeyOfData() {
    assertEquals(List.of(), Validation.validateCreate(configMap("cfg", Map.of("a", "x"), Map.of("b", "AAEC"), null)));
    assertEquals(List.of("binaryData[b]: Invalid value: \"<value omitted>\": illegal base64 data"),
        messages(Validation.validateCreate(configMap("cfg", null, Map.of("b", "not base64!"), null))));
    assertEquals(List.of("data[a]: Invalid value: \"a\": duplicate of key present in binaryData"),
        messages(Validation.validateCreate(configMap("cfg", Map.of("a", "x"), Map.of("a", "AAEC"), null))));
  }

  @Test
  void dataIsLimitedToOneMebibyte() {
    String half = "x".repeat(ConfigData.MAX_SIZE / 2);
    assertEquals(List.of(), Validation.validateCreate(configMap("cfg", Map.of("a", half, "b", half), null, null)));
    List<FieldError> errors = Validation.validateCreate(configMap("cfg", Map.of("a", half, "b", half + "x"), null, null));
    assertEquals(List.of(FieldError.TOO_LONG), errors.stream().map(FieldError::type).toList());

    String encodedHalf = ConfigData.encode(half);
    assertEquals(List.of("data: Too long: must have at most 1048576 bytes"), messages(Validation.validateCreate(
        secret(Map.of("a", encodedHalf, "b", ConfigData.encode(half + "x")), null, "Opaque", null))),
        "a Secret counts decoded bytes");
  }

  @Test
  void secretValuesMustBeBase64() {
    assertEquals(List.of(), Validation.validateCreate(secret(Map.of("k", "dg=="), null, "Opaque", null)));
    List<FieldError> errors = Validation.validateCreate(secret(Map.of("k", "v"), null, "Opaque", null));
    assertEquals(List.of("data[k]: Invalid value: \"<value omitted>\": illegal base64 data"), messages(errors));
    assertEquals(List.of("data[bad/key]"),
        Validation.validateCreate(secret(Map.of("bad/key", "dg=="), null, null, null)).stream().map(FieldError::field).toList());
  }

  @Test
  void typedSecretsNeedTheirKeys() {
    assertEquals(List.of("data[tls.crt]: Required value", "data[tls.key]: Required value"),
        messages(Validation.validateCreate(secret(Map.of(), null, "kubernetes.io/tls", null))));
    assertEquals(List.of(), Validation.validateCreate(secret(Map.of("password", ""), null, "kubernetes.io/basic-auth", null)));
  }

  @Test
  void stringDataIsMergedIntoDataEncodedAndNeverKept() {
    Map<String, String> data = new LinkedHashMap<>(Map.of("a", ConfigData.encode("old"), "b", ConfigData.encode("kept")));
    Secret defaulted = (Secret) Defaults.applyDefaults(secret(data, Map.of("a", "new", "c", "ç"), null, null));
    assertEquals("Opaque", defaulted.type());
    assertNull(defaulted.stringData());
    assertEquals(Map.of("a", "bmV3", "b", ConfigData.encode("kept"), "c", "w6c="), defaulted.data());
    assertEquals(defaulted, Defaults.applyDefaults(defaulted), "defaulting twice changes nothing");
    assertEquals("kubernetes.io/tls", ((Secret) Defaults.applyDefaults(secret(null, null, "kubernetes.io/tls", null))).type());
  }

  @Test
  void immutableObjectsRefuseChangesToTheirData() {
    ConfigMap frozen = configMap("cfg", Map.of("a", "1"), null, true);
    assertEquals(List.of(), Validation.validateUpdate(frozen, frozen.withMetadata(frozen.metadata()
        .withLabels(Map.of("x", "y")))), "metadata may still change");
    assertEquals(List.of("data: Forbidden: field is immutable when `immutable` is set"),
        messages(Validation.validateUpdate(frozen, frozen.withData(Map.of("a", "2")))));
    assertEquals(List.of("immutable: Forbidden: field is immutable when `immutable` is set"),
        messages(Validation.validateUpdate(frozen, configMap("cfg", Map.of("a", "1"), null, false))));
    ConfigMap open = configMap("cfg", Map.of("a", "1"), null, null);
    assertEquals(List.of(), Validation.validateUpdate(open, open.withData(Map.of("a", "2"))));

    Secret sealed = secret(Map.of("k", "dg=="), null, "Opaque", true);
    assertEquals(List.of("data: Forbidden: field is immutable when `immutable` is set"),
        messages(Validation.validateUpdate(sealed, secret(Map.of("k", "dw=="), null, "Opaque", true))));
    assertEquals(List.of("type: Invalid value: \"other\": field is immutable"),
        messages(Validation.validateUpdate(secret(Map.of(), null, "Opaque", null), secret(Map.of(), null, "other", null))));
  }

  // ---- references from a pod's containers ---------------------------------------------------

  private static List<String> podErrors(List<EnvFromSource> envFrom, List<EnvVar> env) {
    Container c = new Container("c", "busybox", null, null, null, envFrom, env, null, null, null, null, null, null, null);
    return messages(Validation.validateCreate(pod("p", podSpec(c))));
  }

  @Test
  void keyReferencesNeedANameAndAKey() {
    assertEquals(List.of(), podErrors(null, List.of(
        new EnvVar("A", null, new EnvVarSource(null, new ConfigMapKeySelector("cfg", "k", null), null)),
        new EnvVar("B", null, new EnvVarSource(null, null, new SecretKeySelector("s", "k", true))))));
    assertEquals(List.of("spec.containers[0].env[0].valueFrom.configMapKeyRef.name: Required value",
            "spec.containers[0].env[0].valueFrom.configMapKeyRef.key: Required value",
            "spec.containers[0].env[1].valueFrom.secretKeyRef.key: Invalid value: \"a/b\": a valid config key must "
                + "consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or "
                + "'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"),
        podErrors(null, List.of(
            new EnvVar("A", null, new EnvVarSource(null, new ConfigMapKeySelector(null, "", null), null)),
            new EnvVar("B", null, new EnvVarSource(null, null, new SecretKeySelector("s", "a/b", null))))));
    assertEquals(List.of("spec.containers[0].env[0].valueFrom: Invalid value: \"\": may not have more than one field "
            + "specified at a time"),
        podErrors(null, List.of(new EnvVar("A", null, new EnvVarSource(null,
            new ConfigMapKeySelector("cfg", "k", null), new SecretKeySelector("s", "k", null))))));
    assertEquals(List.of("spec.containers[0].env[0].valueFrom: Invalid value: \"\": must specify one of: `fieldRef`, "
            + "`resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"),
        podErrors(null, List.of(new EnvVar("A", null, new EnvVarSource(null, null, null)))));
  }

  @Test
  void envFromNamesOneObjectAndAValidPrefix() {
    assertEquals(List.of(), podErrors(List.of(new EnvFromSource("APP_", new ConfigMapEnvSource("cfg", null), null),
        new EnvFromSource(null, null, new SecretEnvSource("s", true))), null));
    assertEquals(List.of("spec.containers[0].envFrom[0].configMapRef.name: Required value",
            "spec.containers[0].envFrom: Invalid value: \"\": must specify one of: `configMapRef` or `secretRef`",
            "spec.containers[0].envFrom: Invalid value: \"\": may not have more than one field specified at a time"),
        podErrors(List.of(new EnvFromSource(null, new ConfigMapEnvSource("", null), null),
            new EnvFromSource(null, null, null),
            new EnvFromSource(null, new ConfigMapEnvSource("a", null), new SecretEnvSource("b", null))), null));
    assertTrue(podErrors(List.of(new EnvFromSource("1BAD", new ConfigMapEnvSource("cfg", null), null)), null).get(0)
        .startsWith("spec.containers[0].envFrom[0].prefix: Invalid value: \"1BAD\": a valid environment variable name"));
  }
}
