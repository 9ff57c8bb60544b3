package dev.orca.chaos;

import dev.orca.node.AgentDirectory;
import dev.orca.node.LocalAgents;
import dev.orca.node.WorkerNodes;
import dev.orca.node.NodeAgent;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/** Fault injection on nodes: finds a node's agent anywhere in the cluster and tells it to misbehave. */
public final class NodeFaults {
  private final AgentDirectory agents;

  public NodeFaults(AgentDirectory agents) {
    this.agents = agents;
  }

  /** Stops (or resumes) the node's heartbeats; false when no agent runs the node. */
  public CompletionStage<Boolean> heartbeats(String nodeName, boolean on) {
    return agents.find(nodeName).thenApply(agent -> {
      agent.ifPresent(a -> a.tell(on ? new NodeAgent.ResumeHeartbeats() : new NodeAgent.StopHeartbeats()));
      return agent.isPresent();
    });
  }

  /** Crashes every container of a pod on its node; completes with how many crashed, or -1 when no agent runs the node. */
  public CompletionStage<Integer> crashPod(String nodeName, String namespace, String pod) {
    return crashPod(nodeName, namespace, pod, null);
  }

  /**
   * Crashes one container of a pod (every one when {@code container} is null) on its node: a
   * simulated container exits with code 1, a process container is killed (SIGKILL to its
   * processes); completes with how many crashed, or -1 when no agent runs the node.
   */
  public CompletionStage<Integer> crashPod(String nodeName, String namespace, String pod, String container) {
    return agents.find(nodeName).thenCompose(agent -> agent.isEmpty()
        ? CompletableFuture.completedFuture(-1)
        : AskPattern.<NodeAgent.Command, Integer>ask(agent.get(),
            replyTo -> new NodeAgent.CrashPod(namespace, pod, container, replyTo),
            agents.timeout(), agents.system().scheduler()));
  }

  /**
   * Stops ({@code running=false}) the agent of a node this JVM runs, as if it crashed, or starts it
   * again; false when this JVM does not run the node.
   */
  public CompletionStage<Boolean> agent(String nodeName, boolean running) {
    return LocalAgents.get(agents.system()).workers()
        .map(workers -> AskPattern.<WorkerNodes.Command, Boolean>ask(workers,
            replyTo -> new WorkerNodes.SetAgentRunning(nodeName, running, replyTo), agents.timeout(),
            agents.system().scheduler()))
        .orElse(CompletableFuture.completedFuture(false));
  }
}
