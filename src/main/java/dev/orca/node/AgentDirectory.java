package dev.orca.node;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.pattern.Patterns;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.receptionist.Receptionist;

/** Finds the agent of a node anywhere in the cluster, through the receptionist. */
public final class AgentDirectory {
  private static final Duration RETRY = Duration.ofMillis(200);
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

  /**
   * The agent of a node, if one runs. A registration takes a moment to reach the cluster
   * receptionist, so an agent not listed yet is looked for again a few times before giving up.
   */
  public CompletionStage<Optional<ActorRef<NodeAgent.Command>>> find(String nodeName) {
    Optional<ActorRef<NodeAgent.Command>> local = LocalAgents.get(system).find(nodeName);
    return local.isPresent() ? CompletableFuture.completedFuture(local) : find(nodeName, 10);
  }

  /**
   * The agent of a node if one runs now, looked up once: for reads across every node (metrics),
   * where an agent that is not there is only left out.
   */
  public CompletionStage<Optional<ActorRef<NodeAgent.Command>>> findNow(String nodeName) {
    Optional<ActorRef<NodeAgent.Command>> local = LocalAgents.get(system).find(nodeName);
    return local.isPresent() ? CompletableFuture.completedFuture(local) : find(nodeName, 1);
  }

  private CompletionStage<Optional<ActorRef<NodeAgent.Command>>> find(String nodeName, int attemptsLeft) {
    return AskPattern.<Receptionist.Command, Receptionist.Listing>ask(system.receptionist(),
            replyTo -> Receptionist.find(NodeAgent.serviceKey(nodeName), replyTo), timeout, system.scheduler())
        .thenApply(listing -> listing.getServiceInstances(NodeAgent.serviceKey(nodeName)).stream().findFirst())
        .thenCompose(found -> found.isPresent() || attemptsLeft <= 1
            ? CompletableFuture.completedFuture(found)
            : Patterns.after(RETRY, system.classicSystem().scheduler(), system.executionContext(),
                () -> find(nodeName, attemptsLeft - 1)));
  }
}
