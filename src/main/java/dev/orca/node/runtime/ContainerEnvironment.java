package dev.orca.node.runtime;

import dev.orca.model.ConfigData;
import dev.orca.model.ConfigMap;
import dev.orca.model.ConfigMapKeySelector;
import dev.orca.model.Container;
import dev.orca.model.EnvFromSource;
import dev.orca.model.EnvVar;
import dev.orca.model.EnvVarSource;
import dev.orca.model.NameRules;
import dev.orca.model.Pod;
import dev.orca.model.Secret;
import dev.orca.model.SecretKeySelector;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The environment of a container process and the {@code $(VAR)} expansion Kubernetes applies to
 * env values, command and args.
 *
 * <p>Precedence, lowest first: the runtime's base environment (PATH, HOME, ...), what the runtime
 * tells every container ({@code POD_NAME}, {@code POD_NAMESPACE}, {@code POD_IP},
 * {@code NODE_NAME}, {@code HOSTNAME}), the Services of the namespace ({@code WEB_SERVICE_HOST}, …), then the keys of the container's {@code envFrom}
 * ConfigMaps and Secrets, then its own {@code env} in order, each value expanded against what is
 * defined before it. ConfigMaps and Secrets come from a {@link ContainerEnvSources}, so this stays
 * a pure function.
 */
public final class ContainerEnvironment {

  private ContainerEnvironment() {}

  /**
   * The pod fields a container's environment can name, as a {@code valueFrom.fieldRef} does.
   * {@code podIp} and {@code nodeName} are what the node knows, which may be ahead of the pod
   * object it was handed.
   */
  public record PodFields(Pod pod, String podIp, String nodeName) {

    /**
     * The value of a downward-API field path, or a {@link ContainerStartException}
     * ({@code CreateContainerConfigError}) for a path this runtime does not know.
     */
    public String field(String fieldPath) {
      switch (fieldPath) {
        case "metadata.name":
          return pod.metadata().name();
        case "metadata.namespace":
          return pod.metadata().namespace();
        case "metadata.uid":
          return nullToEmpty(pod.metadata().uid());
        case "status.podIP":
          return podIp;
        case "status.hostIP":
          return pod.status() != null && pod.status().hostIP() != null ? pod.status().hostIP() : "";
        case "spec.nodeName":
          return nodeName;
        default:
          throw new ContainerStartException(ContainerStartException.CREATE_CONTAINER_CONFIG_ERROR,
              "unsupported fieldRef fieldPath \"" + fieldPath + "\"");
      }
    }

    /** The pod's hostname as a container sees it. */
    String hostname() {
      String hostname = pod.spec() == null ? null : pod.spec().hostname();
      return hostname == null || hostname.isEmpty() ? pod.metadata().name() : hostname;
    }
  }

  /** A container's resolved environment, and what was noted while resolving it (skipped envFrom keys). */
  public record Resolved(Map<String, String> variables, List<ContainerRuntime.Warning> warnings) {}

  /** The complete environment of the container's process, with no ConfigMaps or Secrets to read. */
  public static Map<String, String> build(Map<String, String> base, Container container, PodFields fields) {
    return resolve(base, container, fields, ContainerEnvSources.NONE).variables();
  }

  /**
   * The complete environment of the container's process: the base, the pod's own variables, then
   * each {@code envFrom} in order, then each {@code env} entry, each overriding what came before,
   * as the kubelet builds it. A key of an envFrom that is not a valid variable name (after its
   * prefix) is skipped and noted in a warning; a ConfigMap, Secret or key that is missing and not
   * optional is a {@link ContainerStartException} ({@code CreateContainerConfigError}) with the
   * kubelet's message.
   */
  public static Resolved resolve(Map<String, String> base, Container container, PodFields fields,
      ContainerEnvSources sources) {
    Map<String, String> env = new LinkedHashMap<>(base);
    List<ContainerRuntime.Warning> warnings = new ArrayList<>();
    env.put("POD_NAME", fields.field("metadata.name"));
    env.put("POD_NAMESPACE", fields.field("metadata.namespace"));
    env.put("POD_IP", fields.field("status.podIP"));
    env.put("NODE_NAME", fields.field("spec.nodeName"));
    env.put("HOSTNAME", fields.hostname());
    String namespace = fields.field("metadata.namespace");
    env.putAll(sources.serviceVariables(namespace));
    if (container.envFrom() != null) {
      for (EnvFromSource from : container.envFrom()) {
        envFrom(from, namespace, sources, env, warnings);
      }
    }
    if (container.env() != null) {
      for (EnvVar var : container.env()) {
        if (var.name() == null || var.name().isEmpty() || var.name().indexOf('=') >= 0 || var.name().indexOf('\0') >= 0) {
          throw configError("invalid environment variable name \"" + var.name() + "\"");
        }
        Optional<String> value = value(var, env, fields, sources);
        value.ifPresent(v -> env.put(var.name(), v));
      }
    }
    return new Resolved(env, List.copyOf(warnings));
  }

  /** Every key of one ConfigMap's data or Secret's data, prefixed; invalid names skipped and noted. */
  private static void envFrom(EnvFromSource from, String namespace, ContainerEnvSources sources,
      Map<String, String> env, List<ContainerRuntime.Warning> warnings) {
    String prefix = from.prefix() == null ? "" : from.prefix();
    Map<String, String> values;
    String what;
    String name;
    if (from.configMapRef() != null) {
      name = from.configMapRef().name();
      what = "configMap";
      Optional<ConfigMap> configMap = sources.configMap(namespace, name);
      if (configMap.isEmpty()) {
        if (Boolean.TRUE.equals(from.configMapRef().optional())) {
          return;
        }
        throw configError("configmap \"" + name + "\" not found");
      }
      values = configMap.get().data() == null ? Map.of() : configMap.get().data();
    } else if (from.secretRef() != null) {
      name = from.secretRef().name();
      what = "secret";
      Optional<Secret> secret = sources.secret(namespace, name);
      if (secret.isEmpty()) {
        if (Boolean.TRUE.equals(from.secretRef().optional())) {
          return;
        }
        throw configError("secret \"" + name + "\" not found");
      }
      values = new TreeMap<>();
      if (secret.get().data() != null) {
        for (Map.Entry<String, String> e : secret.get().data().entrySet()) {
          values.put(e.getKey(), decoded(e.getValue(), e.getKey(), "Secret", namespace, name));
        }
      }
    } else {
      return;
    }
    List<String> invalid = new ArrayList<>();
    for (Map.Entry<String, String> e : new TreeMap<>(values).entrySet()) {
      String key = prefix + e.getKey();
      if (!NameRules.envVarNameErrors(key).isEmpty()) {
        invalid.add(key);
        continue;
      }
      env.put(key, e.getValue() == null ? "" : e.getValue());
    }
    if (!invalid.isEmpty()) {
      warnings.add(new ContainerRuntime.Warning("InvalidEnvironmentVariableNames", "Keys [" + String.join(", ", invalid)
          + "] from the EnvFrom " + what + " " + namespace + "/" + name
          + " were skipped since they are considered invalid environment variable names."));
    }
  }

  /**
   * One variable's value, or empty when it comes from an optional ConfigMap or Secret (or key)
   * that is missing — the variable is then not set. A literal {@code value} is expanded against
   * the variables defined before it; a {@code valueFrom} ({@code fieldRef} through
   * {@link PodFields#field}, a ConfigMap's or a Secret's key) is taken unexpanded, as in Kubernetes.
   */
  static Optional<String> value(EnvVar var, Map<String, String> definedSoFar, PodFields fields,
      ContainerEnvSources sources) {
    EnvVarSource from = var.valueFrom();
    if (from != null && from.fieldRef() != null) {
      return Optional.of(fields.field(from.fieldRef().fieldPath()));
    }
    String namespace = fields.field("metadata.namespace");
    if (from != null && from.configMapKeyRef() != null) {
      ConfigMapKeySelector ref = from.configMapKeyRef();
      boolean optional = Boolean.TRUE.equals(ref.optional());
      Optional<ConfigMap> configMap = sources.configMap(namespace, ref.name());
      if (configMap.isEmpty()) {
        if (optional) {
          return Optional.empty();
        }
        throw configError("configmap \"" + ref.name() + "\" not found");
      }
      String value = configMap.get().data() == null ? null : configMap.get().data().get(ref.key());
      if (value == null) {
        if (optional) {
          return Optional.empty();
        }
        throw configError("couldn't find key " + ref.key() + " in ConfigMap " + namespace + "/" + ref.name());
      }
      return Optional.of(value);
    }
    if (from != null && from.secretKeyRef() != null) {
      SecretKeySelector ref = from.secretKeyRef();
      boolean optional = Boolean.TRUE.equals(ref.optional());
      Optional<Secret> secret = sources.secret(namespace, ref.name());
      if (secret.isEmpty()) {
        if (optional) {
          return Optional.empty();
        }
        throw configError("secret \"" + ref.name() + "\" not found");
      }
      String value = secret.get().data() == null ? null : secret.get().data().get(ref.key());
      if (value == null) {
        if (optional) {
          return Optional.empty();
        }
        throw configError("couldn't find key " + ref.key() + " in Secret " + namespace + "/" + ref.name());
      }
      return Optional.of(decoded(value, ref.key(), "Secret", namespace, ref.name()));
    }
    return Optional.of(var.value() == null ? "" : expand(var.value(), definedSoFar));
  }

  private static String decoded(String base64, String key, String kind, String namespace, String name) {
    return ConfigData.decode(base64).map(bytes -> new String(bytes, StandardCharsets.UTF_8))
        .orElseThrow(() -> configError("key " + key + " in " + kind + " " + namespace + "/" + name + " is not base64"));
  }

  private static ContainerStartException configError(String message) {
    return new ContainerStartException(ContainerStartException.CREATE_CONTAINER_CONFIG_ERROR, message);
  }

  /** Expands each string of a command or its args against the container's environment. */
  public static List<String> expand(List<String> values, Map<String, String> env) {
    List<String> out = new ArrayList<>();
    if (values != null) {
      for (String value : values) {
        out.add(expand(value == null ? "" : value, env));
      }
    }
    return out;
  }

  /**
   * Kubernetes' variable expansion: {@code $(NAME)} becomes NAME's value when NAME is defined and
   * stays as written when it is not; {@code $$} is a literal {@code $} (so {@code $$(NAME)} stays
   * {@code $(NAME)}); any other {@code $} is left alone.
   */
  public static String expand(String input, Map<String, String> env) {
    if (input.indexOf('$') < 0) {
      return input;
    }
    StringBuilder out = new StringBuilder(input.length());
    int i = 0;
    while (i < input.length()) {
      char c = input.charAt(i);
      if (c != '$' || i + 1 >= input.length()) {
        out.append(c);
        i++;
        continue;
      }
      char next = input.charAt(i + 1);
      if (next == '$') {
        out.append('$');
        i += 2;
      } else if (next == '(') {
        int close = input.indexOf(')', i + 2);
        if (close < 0) {
          out.append(input, i, input.length());
          break;
        }
        String name = input.substring(i + 2, close);
        String value = env.get(name);
        out.append(value != null ? value : input.substring(i, close + 1));
        i = close + 1;
      } else {
        out.append('$');
        i++;
      }
    }
    return out.toString();
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
