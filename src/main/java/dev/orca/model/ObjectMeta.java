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
    String resourceVersion,
    List<ManagedFieldsEntry> managedFields) {

  /** Metadata without field-management entries. */
  public ObjectMeta(String name, String generateName, String namespace, String uid, Map<String, String> labels,
      Map<String, String> annotations, List<OwnerReference> ownerReferences, List<String> finalizers,
      String creationTimestamp, String deletionTimestamp, Long deletionGracePeriodSeconds, Long generation,
      String resourceVersion) {
    this(name, generateName, namespace, uid, labels, annotations, ownerReferences, finalizers, creationTimestamp,
        deletionTimestamp, deletionGracePeriodSeconds, generation, resourceVersion, null);
  }

  public static ObjectMeta named(String namespace, String name) {
    return new ObjectMeta(name, null, namespace, null, null, null, null, null, null, null, null, null, null);
  }

  public ObjectMeta withName(String name) {
    return new ObjectMeta(name, generateName, namespace, uid, labels, annotations, ownerReferences, finalizers,
        creationTimestamp, deletionTimestamp, deletionGracePeriodSeconds, generation, resourceVersion, managedFields);
  }

  public ObjectMeta withNamespace(String namespace) {
    return new ObjectMeta(name, generateName, namespace, uid, labels, annotations, ownerReferences, finalizers,
        creationTimestamp, deletionTimestamp, deletionGracePeriodSeconds, generation, resourceVersion, managedFields);
  }

  public ObjectMeta withUid(String uid) {
    return new ObjectMeta(name, generateName, namespace, uid, labels, annotations, ownerReferences, finalizers,
        creationTimestamp, deletionTimestamp, deletionGracePeriodSeconds, generation, resourceVersion, managedFields);
  }

  public ObjectMeta withLabels(Map<String, String> labels) {
    return new ObjectMeta(name, generateName, namespace, uid, labels, annotations, ownerReferences, finalizers,
        creationTimestamp, deletionTimestamp, deletionGracePeriodSeconds, generation, resourceVersion, managedFields);
  }

  public ObjectMeta withAnnotations(Map<String, String> annotations) {
    return new ObjectMeta(name, generateName, namespace, uid, labels, annotations, ownerReferences, finalizers,
        creationTimestamp, deletionTimestamp, deletionGracePeriodSeconds, generation, resourceVersion, managedFields);
  }

  public ObjectMeta withOwnerReferences(List<OwnerReference> ownerReferences) {
    return new ObjectMeta(name, generateName, namespace, uid, labels, annotations, ownerReferences, finalizers,
        creationTimestamp, deletionTimestamp, deletionGracePeriodSeconds, generation, resourceVersion, managedFields);
  }

  public ObjectMeta withFinalizers(List<String> finalizers) {
    return new ObjectMeta(name, generateName, namespace, uid, labels, annotations, ownerReferences, finalizers,
        creationTimestamp, deletionTimestamp, deletionGracePeriodSeconds, generation, resourceVersion, managedFields);
  }

  public ObjectMeta withCreationTimestamp(String creationTimestamp) {
    return new ObjectMeta(name, generateName, namespace, uid, labels, annotations, ownerReferences, finalizers,
        creationTimestamp, deletionTimestamp, deletionGracePeriodSeconds, generation, resourceVersion, managedFields);
  }

  public ObjectMeta withDeletionTimestamp(String deletionTimestamp) {
    return new ObjectMeta(name, generateName, namespace, uid, labels, annotations, ownerReferences, finalizers,
        creationTimestamp, deletionTimestamp, deletionGracePeriodSeconds, generation, resourceVersion, managedFields);
  }

  public ObjectMeta withGeneration(Long generation) {
    return new ObjectMeta(name, generateName, namespace, uid, labels, annotations, ownerReferences, finalizers,
        creationTimestamp, deletionTimestamp, deletionGracePeriodSeconds, generation, resourceVersion, managedFields);
  }

  public ObjectMeta withResourceVersion(String resourceVersion) {
    return new ObjectMeta(name, generateName, namespace, uid, labels, annotations, ownerReferences, finalizers,
        creationTimestamp, deletionTimestamp, deletionGracePeriodSeconds, generation, resourceVersion, managedFields);
  }

  public ObjectMeta withManagedFields(List<ManagedFieldsEntry> managedFields) {
    return new ObjectMeta(name, generateName, namespace, uid, labels, annotations, ownerReferences, finalizers,
        creationTimestamp, deletionTimestamp, deletionGracePeriodSeconds, generation, resourceVersion, managedFields);
  }

  public ObjectMeta withDeletionGracePeriodSeconds(Long deletionGracePeriodSeconds) {
    return new ObjectMeta(name, generateName, namespace, uid, labels, annotations, ownerReferences, finalizers,
        creationTimestamp, deletionTimestamp, deletionGracePeriodSeconds, generation, resourceVersion, managedFields);
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
    // a loop, not a stream: the scheduler's spreading score asks every pod on every scored node
    for (OwnerReference r : ownerReferencesOrEmpty()) {
      if (Boolean.TRUE.equals(r.controller())) {
        return r;
      }
    }
    return null;
  }

  @JsonIgnore
  public boolean isDeleting() {
    return deletionTimestamp != null;
  }
}
