package dev.orca.api.patch;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which fields of a kind a strategic merge patch merges other than by replacing: Kubernetes'
 * {@code patchStrategy} and {@code patchMergeKey} struct tags, by path from the object's root.
 *
 * <p>A path joins field names with dots; {@code []} steps into a list's elements:
 * {@code spec.template.spec.containers} is the containers list of a Deployment, {@code
 * spec.containers[].env} the env list of any container of a Pod. A list not named here is replaced
 * whole by the patch (kube's default, and its choice for tolerations, taints, matchExpressions and
 * nodeSelectorTerms); a map not named here merges key by key.
 */
public final class PatchSchema {
  /** A list with patch strategy {@code merge}. */
  public record ListRule(String mergeKey, boolean retainKeys) {
    /** A list of objects merged by {@code mergeKey}: {@code patchStrategy:"merge" patchMergeKey:"<key>"}. */
    public static ListRule byKey(String mergeKey) {
      return new ListRule(Objects.requireNonNull(mergeKey, "mergeKey"), false);
    }

    /** A list of strings (or numbers) merged as a set: {@code patchStrategy:"merge"} and no key. */
    public static ListRule ofPrimitives() {
      return new ListRule(null, false);
    }

    /** As {@link #byKey}, with {@code retainKeys} also among the strategies ({@code merge,retainKeys}). */
    public ListRule withRetainKeys() {
      return new ListRule(mergeKey, true);
    }

    public boolean isPrimitive() {
      return mergeKey == null;
    }
  }

  /** No lists merge and every map merges: a strategic merge patch then acts as a JSON merge patch. */
  public static final PatchSchema NONE = new PatchSchema("", Map.of(), Set.of());

  private final String kind;
  private final Map<String, ListRule> lists;
  private final Set<String> retainKeys;

  PatchSchema(String kind, Map<String, ListRule> lists, Set<String> retainKeys) {
    this.kind = kind;
    this.lists = Collections.unmodifiableMap(new LinkedHashMap<>(lists));
    this.retainKeys = Collections.unmodifiableSet(new LinkedHashSet<>(retainKeys));
  }

  /** The schema of a kind Orca serves (Pod, ReplicaSet, Deployment, Node, Namespace, Event, Scale); {@link #NONE} for others. */
  public static PatchSchema forKind(String kind) {
    return lookup(kind).orElse(NONE);
  }

  /** The schema of a kind Orca serves, if it is one; a strategic merge patch needs it. */
  public static Optional<PatchSchema> lookup(String kind) {
    return Optional.ofNullable(KubeSchemas.BY_KIND.get(kind));
  }

  /** Whether {@code kind} is one whose schema is known, so that it accepts strategic merge patches. */
  public static boolean knows(String kind) {
    return KubeSchemas.BY_KIND.containsKey(kind);
  }

  /** The kind, or {@code ""} for {@link #NONE}. */
  public String kind() {
    return kind;
  }

  /** How the list at {@code path} merges, or null when it is replaced. */
  public ListRule list(String path) {
    return lists.get(path);
  }

  /** Every merging list, by path. */
  public Map<String, ListRule> lists() {
    return lists;
  }

  /**
   * The maps with patch strategy {@code retainKeys} (e.g. a Deployment's {@code spec.strategy}):
   * kubectl sends {@code $retainKeys} for them. Applying a patch honours {@code $retainKeys} wherever
   * it appears, so this is for generating patches and for documentation.
   */
  public Set<String> retainKeys() {
    return retainKeys;
  }

  @Override
  public String toString() {
    return "PatchSchema[" + (kind.isEmpty() ? "none" : kind) + ", " + lists.size() + " merging lists]";
  }
}
