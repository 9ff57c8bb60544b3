package dev.orca.chaos;

import dev.orca.node.NodeAgent;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.receptionist.Receptionist;

/** Fault injection on nodes: finds a node's agent anywhere in the cluster and tells it to misbehave. */
public final class NodeFaults {
  private final ActorSystem<?> system;
  private final Duration timeout;

  public NodeFaults(ActorSystem<?> system, Duration timeout) {
    this.system = system;
    this.timeout = timeout;
  }

  /** The agent of a node, if one runs. */
  public CompletionStage<Optional<ActorRef<NodeAgent.Command>>> agent(String nodeName) {
    return AskPattern.<Receptionist.Command, Receptionist.Listing>ask(system.receptionist(),
            replyTo -> Receptionist.find(NodeAgent.serviceKey(nodeName), replyTo), timeout, system.scheduler())
        .thenApply(listing -> listing.getServiceInstances(NodeAgent.serviceKey(nodeName)).stream().findFirst());
  }

  /** Stops (or resumes) the node's heartbeats; false when no agent runs the node. */
  public CompletionStage<Boolean> heartbeats(String nodeName, boolean on) {
    return agent(nodeName).thenApply(agent -> {
      agent.ifPresent(a -> a.tell(on ? new NodeAgent.ResumeHeartbeats() : new NodeAgent.StopHeartbeats()));
      return agent.isPresent();
    });
  }

  /** Crashes every container of a pod on its node; completes with how many crashed. */
  public CompletionStage<Integer> crashPod(String nodeName, String namespace, String pod) {
    return agent(nodeName).thenCompose(agent -> agent.isEmpty()
        ? java.util.concurrent.CompletableFuture.completedFuture(0)
        : AskPattern.<NodeAgent.Command, Integer>ask(agent.get(), replyTo -> new NodeAgent.CrashPod(namespace, pod, replyTo),
            timeout, system.scheduler()));
  }
}
