package dev.orca.node;

import dev.orca.control.NodeEntity;
import dev.orca.model.ResourceType;
import dev.orca.store.ObjectKey;
import dev.orca.store.Store;
import dev.orca.store.StoredObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.pattern.Patterns;

/**
 * Finds the agent of a node anywhere in the cluster: in this JVM, or by asking the worker of the
 * member the node names ({@link NodeEntity#MEMBER_ANNOTATION}; every worker when it names none),
 * which the receptionist lists under one key per member ({@link WorkerNodes#SERVICE_KEY}).
 */
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
   * The agent of a node, if one runs. A worker takes a moment to reach the cluster receptionist,
   * and an agent a moment to start, so one not found is looked for again a few times before giving up.
   */
  public CompletionStage<Optional<ActorRef<NodeAgent.Command>>> find(String nodeName) {
    return find(nodeName, 10);
  }

  /**
   * The agent of a node if one runs now, looked up once: for reads across every node (metrics),
   * where an agent that is not there is only left out.
   */
  public CompletionStage<Optional<ActorRef<NodeAgent.Command>>> findNow(String nodeName) {
    return find(nodeName, 1);
  }

  private CompletionStage<Optional<ActorRef<NodeAgent.Command>>> find(String nodeName, int attemptsLeft) {
    Optional<ActorRef<NodeAgent.Command>> local = LocalAgents.get(system).find(nodeName);
    if (local.isPresent()) {
      return CompletableFuture.completedFuture(local);
    }
    return AskPattern.<Receptionist.Command, Receptionist.Listing>ask(system.receptionist(),
            replyTo -> Receptionist.find(WorkerNodes.SERVICE_KEY, replyTo), timeout, system.scheduler())
        .thenCompose(listing -> ask(nodeName, workersFor(nodeName, listing.getServiceInstances(WorkerNodes.SERVICE_KEY))))
        .thenCompose(found -> found.isPresent() || attemptsLeft <= 1
            ? CompletableFuture.completedFuture(found)
            : Patterns.after(RETRY, system.classicSystem().scheduler(), system.executionContext(),
                () -> find(nodeName, attemptsLeft - 1)));
  }

  /** The other JVMs' workers that may run the node: the one of the member it names, else all. */
  private List<ActorRef<WorkerNodes.Command>> workersFor(String nodeName, Set<ActorRef<WorkerNodes.Command>> listed) {
    Optional<ActorRef<WorkerNodes.Command>> here = LocalAgents.get(system).workers();
    List<ActorRef<WorkerNodes.Command>> others = new ArrayList<>();
    for (ActorRef<WorkerNodes.Command> worker : listed) {
      if (here.isEmpty() || !here.get().equals(worker)) {
        others.add(worker);
      }
    }
    StoredObject node = Store.get(system).cache().get(new ObjectKey(ResourceType.NODE, "", nodeName));
    String member = node == null ? null : node.object().metadata().annotationsOrEmpty().get(NodeEntity.MEMBER_ANNOTATION);
    List<ActorRef<WorkerNodes.Command>> named = others.stream()
        .filter(worker -> worker.path().address().toString().equals(member)).toList();
    return named.isEmpty() ? others : named;
  }

  /** The first agent the workers report; none when none runs the node or none answers in time. */
  private CompletionStage<Optional<ActorRef<NodeAgent.Command>>> ask(String nodeName,
      List<ActorRef<WorkerNodes.Command>> workers) {
    List<CompletableFuture<WorkerNodes.AgentFound>> asks = new ArrayList<>();
    for (ActorRef<WorkerNodes.Command> worker : workers) {
      asks.add(AskPattern.<WorkerNodes.Command, WorkerNodes.AgentFound>ask(worker,
              replyTo -> new WorkerNodes.FindAgent(nodeName, replyTo), timeout, system.scheduler())
          .exceptionally(e -> new WorkerNodes.AgentFound(nodeName, null))
          .toCompletableFuture());
    }
    return CompletableFuture.allOf(asks.toArray(new CompletableFuture<?>[0])).thenApply(done -> asks.stream()
        .map(CompletableFuture::join)
        .filter(found -> found.agent() != null)
        .<ActorRef<NodeAgent.Command>>map(WorkerNodes.AgentFound::agent)
        .findFirst());
  }
}
