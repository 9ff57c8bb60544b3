package dev.orca.node.runtime;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The container logs of one worker: for each container of each pod, the current instance's log
 * and the previous one (what {@code kubectl logs --previous} shows after a restart).
 */
public final class LogStore {
  private record Logs(ContainerLog current, ContainerLog previous) {}

  private final int linesPerContainer;
  private final Map<String, Logs> logs = new ConcurrentHashMap<>();

  public LogStore(int linesPerContainer) {
    this.linesPerContainer = linesPerContainer;
  }

  private static String key(String namespace, String pod, String container) {
    return namespace + "/" + pod + "/" + container;
  }

  /** A new instance of the container starts: its log becomes current, the old one previous. */
  public ContainerLog started(String namespace, String pod, String container) {
    ContainerLog log = new ContainerLog(linesPerContainer);
    logs.compute(key(namespace, pod, container), (k, old) -> new Logs(log, old == null ? null : old.current()));
    return log;
  }

  /** The current (or previous) instance's log, or null when there is none. */
  public ContainerLog log(String namespace, String pod, String container, boolean previous) {
    Logs l = logs.get(key(namespace, pod, container));
    return l == null ? null : previous ? l.previous() : l.current();
  }

  /** The pods ("namespace/name") this store has logs of. */
  public java.util.Set<String> pods() {
    java.util.Set<String> out = new java.util.HashSet<>();
    for (String key : logs.keySet()) {
      out.add(key.substring(0, key.lastIndexOf('/')));
    }
    return out;
  }

  /** The pod is gone: forget its logs. */
  public void forget(String namespace, String pod) {
    logs.keySet().removeIf(k -> k.startsWith(namespace + "/" + pod + "/"));
  }
}
