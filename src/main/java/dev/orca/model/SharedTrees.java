package dev.orca.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One instance of each distinct JSON tree that many objects carry alike: a managedFields entry's
 * fieldsV1 names fields, not values, so every pod made from one template by one client has the
 * same tree — about 75 nodes and 12 KB of heap per pod when each kept its own (measured by the
 * scale bench at 13,000 pods). Shared trees must never be changed in place; nothing in Orca
 * does (the apply code reads them into a FieldSet and writes new trees).
 */
final class SharedTrees {
  /** Distinct trees kept before the table starts over (a workload has a handful per kind). */
  private static final Interner<JsonNode> TREES = new Interner<>(4_096);

  private SharedTrees() {}

  /** The shared tree equal to this one; null for null, a scalar as it is. */
  static JsonNode intern(JsonNode tree) {
    return tree == null || !tree.isContainerNode() ? tree : TREES.intern(tree);
  }
}
