package dev.orca.chaos.run;

/**
 * One fault as a run injected it: its place in the timeline, what and where, and when it was in
 * effect (seconds after the fault phase began; {@code end == start} for an instant fault such as
 * deleting a pod). {@code error} says why it could not be injected (nothing to aim at), else null.
 */
public record FaultWindow(int seq, String kind, String target, double start, double end, String error) {
  public boolean injected() {
    return error == null;
  }
}
