package dev.orca.chaos;

/** A fault's target is not here: no agent runs the node in this JVM, no such peer member. */
public final class FaultTargetNotFound extends RuntimeException {
  public FaultTargetNotFound(String message) {
    super(message, null, false, false);
  }
}
