package dev.orca.store;

import dev.orca.model.KubeObject;

/**
 * One object in the watch cache: the object (its metadata.resourceVersion filled in), the journal
 * ordering that produced this version, and that event's sequence number in the object's stream.
 */
public record StoredObject(ObjectKey key, KubeObject object, long resourceVersion, long sequenceNr) {}
