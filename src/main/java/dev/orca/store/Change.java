package dev.orca.store;

/**
 * One change the watch cache applied, in journal order. {@code previous} is null for a creation,
 * {@code current} is null for a deletion.
 */
public record Change(ObjectKey key, StoredObject previous, StoredObject current, long resourceVersion) {

  public StoredObject latest() {
    return current != null ? current : previous;
  }

  public boolean isDeletion() {
    return current == null;
  }
}
