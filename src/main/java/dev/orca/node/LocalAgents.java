package dev.orca.node;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/** The node agents running in this JVM, by node name: found without asking the cluster. */
public final class LocalAgents implements Extension {
  private final Map<String, ActorRef<NodeAgent.Command>> agents = new ConcurrentHashMap<>();
  private volatile ActorRef<WorkerNodes.Command> workers;

  public static LocalAgents get(ActorSystem<?> system) {
    return Id.INSTANCE.apply(system);
  }

  void add(String nodeName, ActorRef<NodeAgent.Command> agent) {
    agents.put(nodeName, agent);
  }

  void remove(String nodeName, ActorRef<NodeAgent.Command> agent) {
    agents.remove(nodeName, agent);
  }

  void workers(ActorRef<WorkerNodes.Command> workers) {
    this.workers = workers;
  }

  /** The actor that runs this JVM's node agents, once it started (it starts and stops agents). */
  public Optional<ActorRef<WorkerNodes.Command>> workers() {
    return Optional.ofNullable(workers);
  }

  void clear() {
    agents.clear();
  }

  public Optional<ActorRef<NodeAgent.Command>> find(String nodeName) {
    return Optional.ofNullable(agents.get(nodeName));
  }

  private static final class Id extends ExtensionId<LocalAgents> {
    static final Id INSTANCE = new Id();

    @Override
    public LocalAgents createExtension(ActorSystem<?> system) {
      return new LocalAgents();
    }
  }
}
