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
  /** "namespace/pod" → container → its logs: forgetting a pod is one removal, whatever the store holds. */
  private final Map<String, Map<String, Logs>> logs = new ConcurrentHashMap<>();

  public LogStore(int linesPerContainer) {
    this.linesPerContainer = linesPerContainer;
  }

  private static String key(String namespace, String pod) {
    return namespace + "/" + pod;
  }

  /** A new instance of the container starts: its log becomes current, the old one previous. */
  public ContainerLog started(String namespace, String pod, String container) {
    ContainerLog log = new ContainerLog(linesPerContainer);
    logs.computeIfAbsent(key(namespace, pod), k -> new ConcurrentHashMap<>())
        .compute(container, (k, old) -> new Logs(log, old == null ? null : old.current()));
    return log;
  }

  /** The current (or previous) instance's log, or null when there is none. */
  public ContainerLog log(String namespace, String pod, String container, boolean previous) {
    Map<String, Logs> containers = logs.get(key(namespace, pod));
    Logs l = containers == null ? null : containers.get(container);
    return l == null ? null : previous ? l.previous() : l.current();
  }

  /** The pods ("namespace/name") this store has logs of. */
  public java.util.Set<String> pods() {
    return java.util.Set.copyOf(logs.keySet());
  }

  /** The pod is gone: forget its logs. */
  public void forget(String namespace, String pod) {
    logs.remove(key(namespace, pod));
  }
}
