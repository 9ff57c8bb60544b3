package dev.orca.node;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.receptionist.Receptionist;

/** Finds the agent of a node anywhere in the cluster, through the receptionist. */
public final class AgentDirectory {
  private final ActorSystem<?> system;
  private final Duration timeout;

  public AgentDirectory(ActorSystem<?> system, Duration timeout) {
    this.system = system;
    this.timeout = timeout;
  }

  public Duration timeout() {
    return timeout;
  }

  public ActorSystem<?> system() {
    return system;
  }

  /** The agent of a node, if one runs. */
  public CompletionStage<Optional<ActorRef<NodeAgent.Command>>> find(String nodeName) {
    return AskPattern.<Receptionist.Command, Receptionist.Listing>ask(system.receptionist(),
            replyTo -> Receptionist.find(NodeAgent.serviceKey(nodeName), replyTo), timeout, system.scheduler())
        .thenApply(listing -> listing.getServiceInstances(NodeAgent.serviceKey(nodeName)).stream().findFirst());
  }
}
