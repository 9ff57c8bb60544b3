package dev.orca.model;

import java.util.List;

/** A probe that runs a command in the container. */
public record ExecAction(
    List<String> command) {}
