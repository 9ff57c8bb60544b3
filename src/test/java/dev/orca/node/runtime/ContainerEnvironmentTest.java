package dev.orca.node.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.orca.model.ConfigData;
import dev.orca.model.ConfigMap;
import dev.orca.model.ConfigMapEnvSource;
import dev.orca.model.ConfigMapKeySelector;
import dev.orca.model.Container;
import dev.orca.model.EnvFromSource;
import dev.orca.model.EnvVar;
import dev.orca.model.EnvVarSource;
import dev.orca.model.ObjectMeta;
import dev.orca.model.Pod;
import dev.orca.model.PodSpec;
import dev.orca.model.Secret;
import dev.orca.model.SecretEnvSource;
import dev.orca.model.SecretKeySelector;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A container's environment from ConfigMaps and Secrets, resolved without actors or processes. */
class ContainerEnvironmentTest {
  private static final Pod POD = new Pod(Pod.API_VERSION, Pod.KIND, ObjectMeta.named("team", "app"),
      new PodSpec(List.of(), "node-1", null, null, null, "Always", null, null, null), null);
  private static final ContainerEnvironment.PodFields FIELDS = new ContainerEnvironment.PodFields(POD, "10.0.0.9", "node-1");

  /** ConfigMaps and Secrets in memory, as the watch cache would hold them. */
  private static final class Sources implements ContainerEnvSources {
    final Map<String, ConfigMap> configMaps = new HashMap<>();
    final Map<String, Secret> secrets = new HashMap<>();

    Sources configMap(String namespace, String name, Map<String, String> data) {
      configMaps.put(namespace + "/" + name, new ConfigMap(ConfigMap.API_VERSION, ConfigMap.KIND,
          ObjectMeta.named(namespace, name), data, null, null));
      return this;
    }

    Sources secret(String namespace, String name, Map<String, String> plain) {
      Map<String, String> data = new HashMap<>();
      plain.forEach((k, v) -> data.put(k, ConfigData.encode(v)));
      secrets.put(namespace + "/" + name, new Secret(Secret.API_VERSION, Secret.KIND, ObjectMeta.named(namespace, name),
          data, null, "Opaque", null));
      return this;
    }

    @Override
    public Optional<ConfigMap> configMap(String namespace, String name) {
      return Optional.ofNullable(configMaps.get(namespace + "/" + name));
    }

    @Override
    public Optional<Secret> secret(String namespace, String name) {
      return Optional.ofNullable(secrets.get(namespace + "/" + name));
    }
  }

  private static Container container(List<EnvFromSource> envFrom, List<EnvVar> env) {
    return new Container("c", "busybox", List.of("sh"), null, null, envFrom, env, null, null, null, null, null, null, null);
  }

  private static EnvVar fromConfigMap(String var, String name, String key, Boolean optional) {
    return new EnvVar(var, null, new EnvVarSource(null, new ConfigMapKeySelector(name, key, optional), null));
  }

  private static EnvVar fromSecret(String var, String name, String key, Boolean optional) {
    return new EnvVar(var, null, new EnvVarSource(null, null, new SecretKeySelector(name, key, optional)));
  }

  private static ContainerEnvironment.Resolved resolve(Container container, ContainerEnvSources sources) {
    return ContainerEnvironment.resolve(Map.of("PATH", "/bin"), container, FIELDS, sources);
  }

  private static ContainerStartException refused(Container container, ContainerEnvSources sources) {
    ContainerStartException e = assertThrows(ContainerStartException.class, () -> resolve(container, sources));
    assertEquals(ContainerStartException.CREATE_CONTAINER_CONFIG_ERROR, e.reason());
    return e;
  }

  @Test
  void keysOfAConfigMapAndASecretBecomeVariables() {
    Sources sources = new Sources().configMap("team", "settings", Map.of("colour", "blue"))
        .secret("team", "creds", Map.of("password", "s3cr3t ünïcode"));
    Map<String, String> env = resolve(container(null, List.of(
        fromConfigMap("COLOUR", "settings", "colour", null),
        fromSecret("PASSWORD", "creds", "password", false),
        new EnvVar("BOTH", "$(COLOUR):$(PASSWORD)"))), sources).variables();
    assertEquals("blue", env.get("COLOUR"));
    assertEquals("s3cr3t ünïcode", env.get("PASSWORD"), "a Secret's value is decoded");
    assertEquals("blue:s3cr3t ünïcode", env.get("BOTH"), "later values expand earlier ones");
    assertEquals("/bin", env.get("PATH"));
  }

  @Test
  void envFromComesFirstAndEnvOverridesIt() {
    Sources sources = new Sources().configMap("team", "settings", Map.of("COLOUR", "blue", "SIZE", "L"))
        .secret("team", "creds", Map.of("TOKEN", "abc", "SIZE", "XL"));
    Container c = container(List.of(
            new EnvFromSource(null, new ConfigMapEnvSource("settings", null), null),
            new EnvFromSource("S_", null, new SecretEnvSource("creds", null)),
            new EnvFromSource(null, null, new SecretEnvSource("creds", null))),
        List.of(new EnvVar("COLOUR", "red"), new EnvVar("SHOWN", "$(S_TOKEN)")));
    ContainerEnvironment.Resolved resolved = resolve(c, sources);
    Map<String, String> env = resolved.variables();
    assertEquals("red", env.get("COLOUR"), "env overrides envFrom");
    assertEquals("XL", env.get("SIZE"), "a later envFrom overrides an earlier one");
    assertEquals("abc", env.get("S_TOKEN"));
    assertEquals("abc", env.get("TOKEN"));
    assertEquals("abc", env.get("SHOWN"), "env expands what envFrom defined");
    assertTrue(resolved.warnings().isEmpty());
  }

  @Test
  void envFromKeysThatAreNotVariableNamesAreSkippedAndNoted() {
    Sources sources = new Sources().configMap("team", "odd", Map.of("1st", "x", "ok", "y", "also.ok", "z"));
    ContainerEnvironment.Resolved resolved = resolve(container(List.of(
        new EnvFromSource(null, new ConfigMapEnvSource("odd", null), null)), null), sources);
    assertEquals("y", resolved.variables().get("ok"));
    assertEquals("z", resolved.variables().get("also.ok"));
    assertFalse(resolved.variables().containsKey("1st"));
    assertEquals(List.of(new ContainerRuntime.Warning("InvalidEnvironmentVariableNames",
        "Keys [1st] from the EnvFrom configMap team/odd were skipped since they are considered invalid environment "
            + "variable names.")), resolved.warnings());

    Map<String, String> prefixed = resolve(container(List.of(
        new EnvFromSource("P_", new ConfigMapEnvSource("odd", null), null)), null), sources).variables();
    assertEquals("x", prefixed.get("P_1st"), "a prefix can make a key a valid name");
  }

  @Test
  void missingObjectsAndKeysRefuseToStartWithTheKubeletsMessages() {
    Sources sources = new Sources().configMap("team", "settings", Map.of("colour", "blue"))
        .secret("team", "creds", Map.of("password", "x"));
    assertEquals("configmap \"nope\" not found",
        refused(container(null, List.of(fromConfigMap("A", "nope", "k", null))), sources).getMessage());
    assertEquals("couldn't find key size in ConfigMap team/settings",
        refused(container(null, List.of(fromConfigMap("A", "settings", "size", false))), sources).getMessage());
    assertEquals("secret \"nope\" not found",
        refused(container(null, List.of(fromSecret("A", "nope", "k", null))), sources).getMessage());
    assertEquals("couldn't find key token in Secret team/creds",
        refused(container(null, List.of(fromSecret("A", "creds", "token", null))), sources).getMessage());
    assertEquals("configmap \"nope\" not found", refused(container(List.of(
        new EnvFromSource(null, new ConfigMapEnvSource("nope", false), null)), null), sources).getMessage());
    assertEquals("secret \"nope\" not found", refused(container(List.of(
        new EnvFromSource(null, null, new SecretEnvSource("nope", null))), null), sources).getMessage());
    assertEquals("configmap \"settings\" not found",
        refused(container(null, List.of(fromConfigMap("A", "settings", "colour", null))),
            new Sources().configMap("other-namespace", "settings", Map.of("colour", "blue"))).getMessage(),
        "only the pod's namespace is looked in");
  }

  @Test
  void optionalReferencesToMissingThingsLeaveTheVariableUnset() {
    Sources sources = new Sources().configMap("team", "settings", Map.of("colour", "blue"));
    Map<String, String> env = resolve(container(
        List.of(new EnvFromSource(null, new ConfigMapEnvSource("nope", true), null),
            new EnvFromSource(null, null, new SecretEnvSource("nope", true))),
        List.of(fromConfigMap("A", "nope", "k", true), fromConfigMap("B", "settings", "size", true),
            fromSecret("C", "nope", "k", true), new EnvVar("D", "$(A)"))), sources).variables();
    assertFalse(env.containsKey("A") || env.containsKey("B") || env.containsKey("C"), env.toString());
    assertEquals("$(A)", env.get("D"), "an unset variable does not expand");
  }

  @Test
  void withoutSourcesEverythingIsMissing() {
    assertEquals("configmap \"settings\" not found",
        refused(container(null, List.of(fromConfigMap("A", "settings", "colour", null))), ContainerEnvSources.NONE)
            .getMessage());
  }
}
