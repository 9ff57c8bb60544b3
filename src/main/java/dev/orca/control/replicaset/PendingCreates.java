package dev.orca.control.replicaset;

import dev.orca.model.ReplicaSet;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The pods a ReplicaSet has asked to be created and not yet seen, written on the ReplicaSet
 * itself (annotation {@value #ANNOTATION}) before the creates are sent. Its expectations are
 * otherwise in memory: when the entity moves to another member (a rebalance, a failover) while
 * creates are still on their way — buffered by sharding while their shard moves — the new
 * incarnation would not know them, see too few pods and create more: more pods than desired once
 * the old creates land. With the names in the journal, it expects them and sends the same creates
 * again (idempotent: a name exists once). Pure: reads and writes the annotation.
 */
public final class PendingCreates {
  public static final String ANNOTATION = "orca.dev/pending-creates";

  private PendingCreates() {}

  /** The names the ReplicaSet recorded. */
  public static Set<String> read(ReplicaSet rs) {
    String value = rs.metadata().annotationsOrEmpty().get(ANNOTATION);
    Set<String> names = new TreeSet<>();
    if (value != null && !value.isBlank()) {
      Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(names::add);
    }
    return names;
  }

  /** The ReplicaSet recording exactly these names (the annotation gone when there are none). */
  public static ReplicaSet with(ReplicaSet rs, Collection<String> names) {
    Map<String, String> annotations = new LinkedHashMap<>(rs.metadata().annotationsOrEmpty());
    if (names.isEmpty()) {
      annotations.remove(ANNOTATION);
    } else {
      annotations.put(ANNOTATION, String.join(",", new TreeSet<>(names)));
    }
    return rs.withMetadata(rs.metadata().withAnnotations(annotations.isEmpty() ? null : annotations));
  }
}
