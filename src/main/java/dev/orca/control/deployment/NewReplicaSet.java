package dev.orca.control.deployment;

import dev.orca.control.Rfc3339;
import dev.orca.model.Deployment;
import dev.orca.model.LabelSelector;
import dev.orca.model.ObjectMeta;
import dev.orca.model.OwnerReference;
import dev.orca.model.PodTemplateSpec;
import dev.orca.model.ReplicaSet;
import dev.orca.model.ReplicaSetSpec;
import dev.orca.model.ReplicaSetStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the ReplicaSet for the Deployment's current template, keeps its revision the highest (so a
 * rollback to an old template makes that old ReplicaSet the newest revision again) and makes one
 * when none exists.
 */
final class NewReplicaSet {
  private static final int MAX_COLLISIONS = 16;

  private NewReplicaSet() {}

  /** The oldest ReplicaSet whose template is the Deployment's, ignoring the hash label. */
  static Optional<ReplicaSet> find(RolloutState s) {
    PodTemplateSpec template = s.deployment.spec().template();
    return s.all().stream()
        .filter(rs -> rs.spec() != null && Templates.equalIgnoringHash(rs.spec().template(), template))
        .findFirst();
  }

  /**
   * Marks the existing new ReplicaSet, if any, and brings its revision and annotations up to
   * date, and the Deployment's revision annotation with it.
   */
  static void sync(RolloutState s) {
    Optional<ReplicaSet> existing = find(s);
    if (existing.isEmpty()) {
      return;
    }
    ReplicaSet rs = existing.get();
    long newRevision = maxOtherRevision(s, rs) + 1;
    ReplicaSet updated = withRevision(s.deployment, rs, newRevision);
    int minReadySeconds = DeploymentSpecs.minReadySeconds(s.deployment);
    Integer rsMinReadySeconds = updated.spec().minReadySeconds();
    if ((rsMinReadySeconds == null ? 0 : rsMinReadySeconds) != minReadySeconds) {
      ReplicaSetSpec spec = updated.spec();
      updated = updated.withSpec(new ReplicaSetSpec(spec.replicas(), minReadySeconds, spec.selector(), spec.template()));
    }
    s.putNew(updated);
    s.setDeploymentRevision(Revisions.annotation(updated, Revisions.REVISION));
    if (DeploymentSpecs.progressDeadlineSeconds(s.deployment).isPresent()
        && Conditions.get(s.conditions, Conditions.PROGRESSING).isEmpty()) {
      Conditions.set(s.conditions, Conditions.create(Conditions.PROGRESSING, Conditions.TRUE, Conditions.FOUND_NEW_RS,
          "Found new replica set \"" + ReplicaSets.name(updated) + "\"", s.now));
    }
  }

  /**
   * Plans the ReplicaSet for the Deployment's current template, named {@code <deployment>-<hash>},
   * at revision max + 1 and with {@code replicas} replicas. Call only when {@link #find} found none.
   */
  static void create(RolloutState s, int replicas) {
    Deployment d = s.deployment;
    Integer collisionCount = s.collisionCount();
    String hash = PodTemplateHash.of(d.spec().template(), collisionCount);
    // An owned ReplicaSet by that name has another template (find() found none): a hash collision.
    for (int i = 0; i < MAX_COLLISIONS && s.exists(d.metadata().name() + "-" + hash); i++) {
      collisionCount = collisionCount == null ? 1 : collisionCount + 1;
      hash = PodTemplateHash.of(d.spec().template(), collisionCount);
    }
    s.setCollisionCount(collisionCount);

    String name = d.metadata().name() + "-" + hash;
    long revision = Revisions.max(s.all()) + 1;
    PodTemplateSpec template = Templates.withHash(d.spec().template(), hash);
    LabelSelector selector = d.spec().selector() == null
        ? new LabelSelector(Map.of(Templates.POD_TEMPLATE_HASH, hash), null)
        : new LabelSelector(Templates.withLabel(d.spec().selector().matchLabels(), Templates.POD_TEMPLATE_HASH, hash),
            d.spec().selector().matchExpressions());
    ObjectMeta meta = new ObjectMeta(
        name,
        null,
        d.metadata().namespace(),
        null,
        template.metadata().labels(),
        Map.of(),
        List.of(new OwnerReference(Deployment.API_VERSION, Deployment.KIND, d.metadata().name(), d.metadata().uid(),
            true, true)),
        null,
        Rfc3339.format(s.now),
        null,
        null,
        null,
        null);
    ReplicaSet rs = new ReplicaSet(ReplicaSet.API_VERSION, ReplicaSet.KIND, meta,
        new ReplicaSetSpec(replicas, DeploymentSpecs.minReadySeconds(d), selector, template),
        new ReplicaSetStatus(0, 0, 0, 0, null, null));
    rs = s.withReplicasAnnotations(withRevision(d, rs, revision));
    s.putNew(rs);
    s.setDeploymentRevision(Long.toString(revision));
    if (DeploymentSpecs.progressDeadlineSeconds(d).isPresent()) {
      Conditions.set(s.conditions, Conditions.create(Conditions.PROGRESSING, Conditions.TRUE, Conditions.NEW_RS_CREATED,
          "Created new replica set \"" + name + "\"", s.now));
    }
  }

  private static long maxOtherRevision(RolloutState s, ReplicaSet rs) {
    return Revisions.max(s.all().stream().filter(other -> !ReplicaSets.name(other).equals(ReplicaSets.name(rs))).toList());
  }

  /**
   * The ReplicaSet with the Deployment's own annotations copied on and its revision raised to
   * {@code revision} when lower (a former revision is kept in the revision history).
   */
  private static ReplicaSet withRevision(Deployment d, ReplicaSet rs, long revision) {
    Map<String, String> annotations = new LinkedHashMap<>(rs.metadata().annotationsOrEmpty());
    d.metadata().annotationsOrEmpty().forEach((key, value) -> {
      if (!Revisions.NOT_COPIED.contains(key)) {
        annotations.put(key, value);
      }
    });
    String oldRevision = annotations.get(Revisions.REVISION);
    if (Revisions.parse(oldRevision) < revision) {
      annotations.put(Revisions.REVISION, Long.toString(revision));
      if (oldRevision != null) {
        annotations.put(Revisions.REVISION_HISTORY,
            Revisions.appendHistory(annotations.get(Revisions.REVISION_HISTORY), oldRevision));
      }
    }
    if (annotations.equals(rs.metadata().annotationsOrEmpty())) {
      return rs;
    }
    return rs.withMetadata(rs.metadata().withAnnotations(annotations));
  }
}
