package dev.orca.node.runtime;

import dev.orca.model.Container;
import dev.orca.model.EnvVar;
import dev.orca.model.Pod;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The environment of a container process and the {@code $(VAR)} expansion Kubernetes applies to
 * env values, command and args.
 *
 * <p>Precedence, lowest first: the runtime's base environment (PATH, HOME, ...), what the runtime
 * tells every container ({@code POD_NAME}, {@code POD_NAMESPACE}, {@code POD_IP},
 * {@code NODE_NAME}, {@code HOSTNAME}), then the container's own {@code env} in order, each value
 * expanded against what is defined before it.
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

  /** The complete environment of the container's process. */
  public static Map<String, String> build(Map<String, String> base, Container container, PodFields fields) {
    Map<String, String> env = new LinkedHashMap<>(base);
    env.put("POD_NAME", fields.field("metadata.name"));
    env.put("POD_NAMESPACE", fields.field("metadata.namespace"));
    env.put("POD_IP", fields.field("status.podIP"));
    env.put("NODE_NAME", fields.field("spec.nodeName"));
    env.put("HOSTNAME", fields.hostname());
    if (container.env() != null) {
      for (EnvVar var : container.env()) {
        if (var.name() == null || var.name().isEmpty() || var.name().indexOf('=') >= 0 || var.name().indexOf('\0') >= 0) {
          throw new ContainerStartException(ContainerStartException.CREATE_CONTAINER_CONFIG_ERROR,
              "invalid environment variable name \"" + var.name() + "\"");
        }
        env.put(var.name(), value(var, env, fields));
      }
    }
    return env;
  }

  /**
   * One variable's value. A literal {@code value} is expanded against the variables defined
   * before it; this is also where {@code valueFrom} ({@code fieldRef} through
   * {@link PodFields#field}, later configMap and secret keys) resolves, unexpanded as in Kubernetes.
   */
  static String value(EnvVar var, Map<String, String> definedSoFar, PodFields fields) {
    if (var.valueFrom() != null && var.valueFrom().fieldRef() != null) {
      return fields.field(var.valueFrom().fieldRef().fieldPath());
    }
    return var.value() == null ? "" : expand(var.value(), definedSoFar);
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
