package dev.orca.store;

import dev.orca.CborSerializable;
import dev.orca.model.KubeObject;

/**
 * The events of an API object's stream: each carries the whole object as it is after the change,
 * so the journal tail can build the watch cache from events alone. The class names are the
 * stored format: renaming one is a migration.
 */
public sealed interface ObjectEvent extends CborSerializable {
  KubeObject object();

  /** The object came into being. */
  record ObjectCreated(KubeObject object) implements ObjectEvent {}

  /** The object's spec, metadata or status changed. */
  record ObjectUpdated(KubeObject object) implements ObjectEvent {}

  /** The object is gone; it carries the last state. */
  record ObjectDeleted(KubeObject object) implements ObjectEvent {}
}
