package dev.orca.model;

import com.fasterxml.jackson.annotation.JsonProperty;
/** The metadata of a list: its resourceVersion and continue token. */
public record ListMeta(
    String resourceVersion,
    @JsonProperty("continue") String continueToken,
    Long remainingItemCount) {}
