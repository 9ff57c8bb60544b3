package dev.orca.model;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * ConfigMaps and Secrets as kube-apiserver validates and defaults them: config keys, base64
 * values, the 1 MiB limit, the keys a typed Secret must carry, and {@code immutable}.
 */
public final class ConfigData {
  /** The most a ConfigMap's or a Secret's data may hold (core.MaxSecretSize). */
  public static final int MAX_SIZE = 1024 * 1024;
  static final String IMMUTABLE_WHEN_SET = "field is immutable when `immutable` is set";
  private static final String CONFIG_KEY_FMT = "[-._a-zA-Z0-9]+";
  private static final Pattern CONFIG_KEY = Pattern.compile(CONFIG_KEY_FMT);
  /** The keys a Secret of a kubernetes.io type must have. */
  private static final Map<String, List<String>> REQUIRED_KEYS = Map.of(
      "kubernetes.io/tls", List.of("tls.crt", "tls.key"),
      "kubernetes.io/ssh-auth", List.of("ssh-privatekey"),
      "kubernetes.io/dockerconfigjson", List.of(".dockerconfigjson"),
      "kubernetes.io/dockercfg", List.of(".dockercfg"));

  private ConfigData() {}

  /** The bytes of a base64 value (as Go's standard encoding reads it), or empty when it is not base64. */
  public static Optional<byte[]> decode(String base64) {
    try {
      return Optional.of(Base64.getDecoder().decode(base64 == null ? "" : base64));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  public static String encode(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** kube's IsConfigMapKey: what may name a key of a ConfigMap's or a Secret's data. */
  public static List<String> configKeyErrors(String key) {
    List<String> errors = new ArrayList<>();
    if (key.length() > NameRules.DNS1123_SUBDOMAIN_MAX_LENGTH) {
      errors.add("must be no more than " + NameRules.DNS1123_SUBDOMAIN_MAX_LENGTH + " characters");
    }
    if (!CONFIG_KEY.matcher(key).matches()) {
      errors.add("a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name', "
          + " or 'KEY_NAME',  or 'key-name', regex used for validation is '" + CONFIG_KEY_FMT + "')");
    }
    if (key.equals(".")) {
      errors.add("must not be '.'");
    } else if (key.equals("..")) {
      errors.add("must not be '..'");
    } else if (key.startsWith("..")) {
      errors.add("must not start with '..'");
    }
    return errors;
  }

  /** type Opaque; stringData merged into data, base64-encoded, over keys of the same name; stringData dropped. */
  static Secret secretDefaults(Secret secret) {
    String type = secret.type() == null || secret.type().isEmpty() ? Secret.TYPE_OPAQUE : secret.type();
    Map<String, String> data = secret.data();
    if (secret.stringData() != null) {
      data = new LinkedHashMap<>(data == null ? Map.of() : data);
      for (Map.Entry<String, String> e : secret.stringData().entrySet()) {
        data.put(e.getKey(), encode(e.getValue() == null ? "" : e.getValue()));
      }
    }
    return new Secret(secret.apiVersion(), secret.kind(), secret.metadata(), data, null, type, secret.immutable());
  }

  static List<FieldError> configMap(ConfigMap configMap) {
    List<FieldError> errors = new ArrayList<>();
    Map<String, String> data = orEmpty(configMap.data());
    Map<String, String> binaryData = orEmpty(configMap.binaryData());
    long size = 0;
    for (Map.Entry<String, String> e : sorted(data).entrySet()) {
      String at = "data[" + e.getKey() + "]";
      configKeyErrors(e.getKey()).forEach(msg -> errors.add(FieldError.invalid(at, e.getKey(), msg)));
      if (binaryData.containsKey(e.getKey())) {
        errors.add(FieldError.invalid(at, e.getKey(), "duplicate of key present in binaryData"));
      }
      size += e.getValue() == null ? 0 : e.getValue().getBytes(StandardCharsets.UTF_8).length;
    }
    for (Map.Entry<String, String> e : sorted(binaryData).entrySet()) {
      String at = "binaryData[" + e.getKey() + "]";
      configKeyErrors(e.getKey()).forEach(msg -> errors.add(FieldError.invalid(at, e.getKey(), msg)));
      size += base64Size(e.getValue(), at, errors);
    }
    if (size > MAX_SIZE) {
      errors.add(FieldError.tooLong("", MAX_SIZE));
    }
    return errors;
  }

  static List<FieldError> secret(Secret secret) {
    List<FieldError> errors = new ArrayList<>();
    Map<String, String> data = orEmpty(secret.data());
    long size = 0;
    for (Map.Entry<String, String> e : sorted(data).entrySet()) {
      String at = "data[" + e.getKey() + "]";
      configKeyErrors(e.getKey()).forEach(msg -> errors.add(FieldError.invalid(at, e.getKey(), msg)));
      size += base64Size(e.getValue(), at, errors);
    }
    if (size > MAX_SIZE) {
      errors.add(FieldError.tooLong("data", MAX_SIZE));
    }
    for (String key : secret.type() == null ? List.<String>of() : REQUIRED_KEYS.getOrDefault(secret.type(), List.of())) {
      if (!data.containsKey(key)) {
        errors.add(FieldError.required("data[" + key + "]", ""));
      }
    }
    if ("kubernetes.io/basic-auth".equals(secret.type()) && !data.containsKey("username") && !data.containsKey("password")) {
      errors.add(FieldError.required("data[username]", ""));
      errors.add(FieldError.required("data[password]", ""));
    }
    return errors;
  }

  static List<FieldError> configMapUpdate(ConfigMap oldConfigMap, ConfigMap newConfigMap) {
    List<FieldError> errors = new ArrayList<>();
    if (Boolean.TRUE.equals(oldConfigMap.immutable())) {
      immutable(newConfigMap.immutable(), oldConfigMap.data(), newConfigMap.data(), "data", errors);
      if (!Objects.equals(orEmpty(oldConfigMap.binaryData()), orEmpty(newConfigMap.binaryData()))) {
        errors.add(FieldError.forbidden("binaryData", IMMUTABLE_WHEN_SET));
      }
    }
    return errors;
  }

  static List<FieldError> secretUpdate(Secret oldSecret, Secret newSecret) {
    List<FieldError> errors = new ArrayList<>(MetadataValidation.immutable(newSecret.type(), oldSecret.type(), "type"));
    if (Boolean.TRUE.equals(oldSecret.immutable())) {
      immutable(newSecret.immutable(), oldSecret.data(), newSecret.data(), "data", errors);
    }
    return errors;
  }

  private static void immutable(Boolean newImmutable, Map<String, String> oldData, Map<String, String> newData,
      String path, List<FieldError> errors) {
    if (!Boolean.TRUE.equals(newImmutable)) {
      errors.add(FieldError.forbidden("immutable", IMMUTABLE_WHEN_SET));
    }
    if (!Objects.equals(orEmpty(oldData), orEmpty(newData))) {
      errors.add(FieldError.forbidden(path, IMMUTABLE_WHEN_SET));
    }
  }

  /** The decoded size of a base64 value; a value that is not base64 is an error (its contents are not echoed). */
  private static long base64Size(String value, String at, List<FieldError> errors) {
    Optional<byte[]> bytes = decode(value);
    if (bytes.isEmpty()) {
      errors.add(FieldError.invalid(at, "<value omitted>", "illegal base64 data"));
      return 0;
    }
    return bytes.get().length;
  }

  private static Map<String, String> orEmpty(Map<String, String> map) {
    return map == null ? Map.of() : map;
  }

  /** Errors in key order, as kube's (Go's maps are iterated in random order; sorted reads better). */
  private static Map<String, String> sorted(Map<String, String> map) {
    TreeMap<String, String> sorted = new TreeMap<>();
    map.forEach((k, v) -> sorted.put(k, v));
    return sorted;
  }
}
