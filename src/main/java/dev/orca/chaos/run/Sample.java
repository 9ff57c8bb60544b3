package dev.orca.chaos.run;

/**
 * One probe of the cluster during a run, {@code at} seconds after the fault phase began (negative
 * before it): whether the API answered the probe's read and how long it took, the workload's pods
 * (desired and ready over every Deployment the run laid down — {@code ready} those that really
 * serve, {@code apiReady} those the API says are ready, which includes pods on a member the run has
 * killed or frozen until the cluster notices; active pods beyond desired + maxSurge, summed over
 * Deployments), and whether anything showed trouble — a node not Ready, a member not Up or
 * unreachable, a Deployment short of its desired available count (of pods that really serve), or
 * writes failing: {@code writesFailed} of the writer's writes since the previous probe got no answer
 * or a 5xx (a paused journal shows only there — reads are served meanwhile).
 */
public record Sample(double at, boolean apiOk, double latencyMs, int desired, int ready, int apiReady, int excessPods,
    int nodesNotReady, int membersImpaired, boolean allAvailable, int writesFailed) {

  public Sample(double at, boolean apiOk, double latencyMs, int desired, int ready, int apiReady, int excessPods,
      int nodesNotReady, int membersImpaired, boolean allAvailable) {
    this(at, apiOk, latencyMs, desired, ready, apiReady, excessPods, nodesNotReady, membersImpaired, allAvailable, 0);
  }

  /** Whether the cluster shows a fault's effect: what detection means here. */
  public boolean degraded() {
    return !apiOk || nodesNotReady > 0 || membersImpaired > 0 || !allAvailable || writesFailed > 0;
  }

  Sample withWritesFailed(int failed) {
    return new Sample(at, apiOk, latencyMs, desired, ready, apiReady, excessPods, nodesNotReady, membersImpaired,
        allAvailable, failed);
  }
}
