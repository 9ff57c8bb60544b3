package dev.orca.node.probe;

import dev.orca.model.Probe;
import java.util.concurrent.CompletionStage;

/**
 * Runs one probe once. Implementations never block the caller (an actor): the I/O runs on their
 * own threads or through asynchronous APIs, and the stage completes within the probe's timeout
 * (plus scheduling slack). A stage that completes exceptionally counts as an unknown result.
 */
public interface Prober {

  CompletionStage<ProbeResult> probe(Probe probe, ProbeTarget target);
}
