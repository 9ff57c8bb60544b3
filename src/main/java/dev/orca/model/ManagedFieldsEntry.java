package dev.orca.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Which manager owns which fields of an object (server-side apply), in the FieldsV1 encoding. Equal
 * fieldsV1 trees are one shared instance ({@link SharedTrees}): read them, never change them.
 */
public record ManagedFieldsEntry(
    String manager,
    String operation,
    String apiVersion,
    String time,
    String fieldsType,
    JsonNode fieldsV1,
    String subresource) {

  public ManagedFieldsEntry {
    fieldsV1 = SharedTrees.intern(fieldsV1);
  }
}
