package dev.orca.model;

import com.fasterxml.jackson.databind.JsonNode;

/** Which manager owns which fields of an object (server-side apply), in the FieldsV1 encoding. */
public record ManagedFieldsEntry(
    String manager,
    String operation,
    String apiVersion,
    String time,
    String fieldsType,
    JsonNode fieldsV1,
    String subresource) {}
