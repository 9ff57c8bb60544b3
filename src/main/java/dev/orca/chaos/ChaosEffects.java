package dev.orca.chaos;

import java.util.concurrent.CompletionStage;

/**
 * What the lasting in-JVM faults do to this member, and undo: the seam between
 * {@link ChaosInjector}'s bookkeeping and the actors and transport it acts on. Every call returns
 * at once; each completes with false when its target is not here (no agent runs the node, no such
 * peer). Undoing what is not done does nothing.
 */
public interface ChaosEffects {
  /** Stops ({@code on=false}) or resumes a node's heartbeats. */
  CompletionStage<Boolean> heartbeats(String node, boolean on);

  /** Stops ({@code running=false}) the node agent of a node this JVM runs, or starts it again. */
  CompletionStage<Boolean> agent(String node, boolean running);

  /** Drops ({@code cut=true}) all traffic to and from a peer member, both directions, or lets it through again. */
  CompletionStage<Boolean> partition(String peer, boolean cut);
}
