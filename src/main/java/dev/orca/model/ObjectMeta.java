package dev.orca.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Map;

/** The metadata every API object carries. */
public record ObjectMeta(
    String name,
    String generateName,
    String namespace,
    String uid,
    Map<String, String> labels,
    Map<String, String> annotations,
    List<OwnerReference> ownerReferences,
    List<String> finalizers,
    String creationTimestamp,
    String deletionTimestamp,
    Long deletionGracePeriodSeconds,
    Long generation,
    String resourceVersion) {

  public static ObjectMeta named(String namespace, String name) {
    return new ObjectMeta(name, null, namespace, null, null, null, null, null, null, null, null, null, null);
  }

  public ObjectMeta withName(String name) {
    return new ObjectMeta(name, generateName, namespace, uid, labels, annotations, ownerReferences, finalizers,
        creationTimestamp, deletionTimestamp, deletionGracePeriodSeconds, generation, resourceVersion);
  }

  public ObjectMeta withNamespace(String namespace) {
    return new ObjectMeta(name, generateName, namespace, uid, labels, annotations, ownerReferences, finalizers,
        creationTimestamp, deletionTimestamp, deletionGracePeriodSeconds, generation, resourceVersion);
  }

  public ObjectMeta withUid(String uid) {
    return new ObjectMeta(name, generateName, namespace, uid, labels, annotations, ownerReferences, finalizers,
        creationTimestamp, deletionTimestamp, deletionGracePeriodSeconds, generation, resourceVersion);
  }

  public ObjectMeta withLabels(Map<String, String> labels) {
    return new ObjectMeta(name, generateName, namespace, uid, labels, annotations, ownerReferences, finalizers,
        creationTimestamp, deletionTimestamp, deletionGracePeriodSeconds, generation, resourceVersion);
  }

  public ObjectMeta withAnnotations(Map<String, String> annotations) {
    return new ObjectMeta(name, generateName, namespace, uid, labels, annotations, ownerReferences, finalizers,
        creationTimestamp, deletionTimestamp, deletionGracePeriodSeconds, generation, resourceVersion);
  }

  public ObjectMeta withOwnerReferences(List<OwnerReference> ownerReferences) {
    return new ObjectMeta(name, generateName, namespace, uid, labels, annotations, ownerReferences, finalizers,
        creationTimestamp, deletionTimestamp, deletionGracePeriodSeconds, generation, resourceVersion);
  }

  public ObjectMeta withFinalizers(List<String> finalizers) {
    return new ObjectMeta(name, generateName, namespace, uid, labels, annotations, ownerReferences, finalizers,
        creationTimestamp, deletionTimestamp, deletionGracePeriodSeconds, generation, resourceVersion);
  }

  public ObjectMeta withCreationTimestamp(String creationTimestamp) {
    return new ObjectMeta(name, generateName, namespace, uid, labels, annotations, ownerReferences, finalizers,
        creationTimestamp, deletionTimestamp, deletionGracePeriodSeconds, generation, resourceVersion);
  }

  public ObjectMeta withDeletionTimestamp(String deletionTimestamp) {
    return new ObjectMeta(name, generateName, namespace, uid, labels, annotations, ownerReferences, finalizers,
        creationTimestamp, deletionTimestamp, deletionGracePeriodSeconds, generation, resourceVersion);
  }

  public ObjectMeta withGeneration(Long generation) {
    return new ObjectMeta(name, generateName, namespace, uid, labels, annotations, ownerReferences, finalizers,
        creationTimestamp, deletionTimestamp, deletionGracePeriodSeconds, generation, resourceVersion);
  }

  public ObjectMeta withResourceVersion(String resourceVersion) {
    return new ObjectMeta(name, generateName, namespace, uid, labels, annotations, ownerReferences, finalizers,
        creationTimestamp, deletionTimestamp, deletionGracePeriodSeconds, generation, resourceVersion);
  }

  public Map<String, String> labelsOrEmpty() {
    return labels == null ? Map.of() : labels;
  }

  public Map<String, String> annotationsOrEmpty() {
    return annotations == null ? Map.of() : annotations;
  }

  public List<OwnerReference> ownerReferencesOrEmpty() {
    return ownerReferences == null ? List.of() : ownerReferences;
  }

  public List<String> finalizersOrEmpty() {
    return finalizers == null ? List.of() : finalizers;
  }

  /** The owner reference marked {@code controller: true}, or null. */
  public OwnerReference controllerRef() {
    return ownerReferencesOrEmpty().stream().filter(r -> Boolean.TRUE.equals(r.controller())).findFirst().orElse(null);
  }

  @JsonIgnore
  public boolean isDeleting() {
    return deletionTimestamp != null;
  }
}
