package dev.orca.chaos.run;

/**
 * One probe of the cluster during a run, {@code at} seconds after the fault phase began (negative
 * before it): whether the API answered the probe's read and how long it took, the workload's pods
 * (desired and ready over every Deployment the run laid down — {@code ready} those that really
 * serve, {@code apiReady} those the API says are ready, which includes pods on a member the run has
 * killed or frozen until the cluster notices; active pods beyond desired + maxSurge, summed over
 * Deployments), and whether anything showed trouble — a node not Ready, a member not Up or
 * unreachable, a Deployment short of its desired available count (of pods that really serve).
 */
public record Sample(double at, boolean apiOk, double latencyMs, int desired, int ready, int apiReady, int excessPods,
    int nodesNotReady, int membersImpaired, boolean allAvailable) {

  /** Whether the cluster shows a fault's effect: what detection means here. */
  public boolean degraded() {
    return !apiOk || nodesNotReady > 0 || membersImpaired > 0 || !allAvailable;
  }
}
