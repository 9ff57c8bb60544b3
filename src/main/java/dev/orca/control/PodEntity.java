package dev.orca.control;

import dev.orca.model.FieldError;
import dev.orca.model.KubeObject;
import dev.orca.model.Validation;
import dev.orca.model.Pod;
import dev.orca.model.PodCondition;
import dev.orca.model.PodResources;
import dev.orca.model.PodStatus;
import dev.orca.model.ResourceType;
import dev.orca.store.ObjectEvent;
import dev.orca.store.ObjectEvent.ObjectDeleted;
import dev.orca.store.ObjectEvent.ObjectUpdated;
import dev.orca.store.ObjectKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReplyBuilderByState;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;

/**
 * A pod: Pending until the scheduler binds it (the Node admits the binding), then it follows what
 * its node agent reports. A bound pod never moves; when its node is lost it fails with reason
 * NodeLost and its owner replaces it.
 */
public final class PodEntity extends ObjectEntity {

  /** The scheduler chose a node; the node must admit the pod before it is bound. */
  public record Bind(String nodeName, ActorRef<BindResult> replyTo) implements Command {}

  /** The outcome of a binding. */
  public sealed interface BindResult extends dev.orca.CborSerializable {}

  public record Bound(String nodeName) implements BindResult {}

  public record BindingRejected(String reason) implements BindResult {}

  /** No node fits: record why (condition PodScheduled=False, reason Unschedulable). */
  public record MarkUnschedulable(String message) implements Command {}

  /** The node agent's report of the pod's containers. */
  public record ReportStatus(PodStatus status) implements Command {}

  /** The node agent stopped every container of the pod. */
  public record ContainersStopped(String nodeName) implements Command {}

  /** The pod's node is lost: the pod cannot run any more. */
  public record MarkLost(String nodeName) implements Command {}

  /**
   * The pod's node went NotReady: the pod is not ready either (Kubernetes' MarkPodsNotReady), so
   * Services stop sending it traffic and its Deployment stops counting it available while the
   * eviction delay runs. Its agent sets it right when it reports again (reports are level).
   */
  public record MarkNotReady(String nodeName) implements Command {}

  private record AdmissionOutcome(String nodeName, NodeEntity.AdmitResult result, ActorRef<BindResult> replyTo)
      implements Command {}

  private boolean binding;

  private PodEntity(ActorContext<Command> context, TimerScheduler<Command> timers, ObjectKey key,
      ControlSettings settings) {
    super(context, timers, key, settings);
  }

  public static void init(ClusterSharding sharding, ControlSettings settings) {
    Entities.init(sharding, ResourceType.POD, settings, PodEntity::new);
  }

  @Override
  protected Duration resyncInterval() {
    return null;
  }

  @Override
  protected KubeObject onCreate(KubeObject object) {
    Pod pod = (Pod) object;
    List<PodCondition> conditions = new ArrayList<>();
    if (pod.spec().nodeName() != null) {
      conditions.add(new PodCondition("PodScheduled", "True", null, null, null, now()));
    }
    return pod.withStatus(new PodStatus("Pending", conditions.isEmpty() ? null : conditions, null, null, null, null,
        null, null));
  }

  @Override
  protected dev.orca.model.Status refuseUpdate(KubeObject current, KubeObject proposed) {
    String bound = ((Pod) current).spec().nodeName();
    if (bound != null && !bound.equals(((Pod) proposed).spec().nodeName())) {
      return Validation.invalidStatus(proposed, List.of(
          FieldError.invalid("spec.nodeName", ((Pod) proposed).spec().nodeName(), "field is immutable once bound")));
    }
    return null;
  }

  @Override
  protected Long gracePeriod(KubeObject object, Long requested) {
    Long own = ((Pod) object).spec().terminationGracePeriodSeconds();
    return requested != null ? requested : own != null ? own : 30L;
  }

  @Override
  protected boolean readyToVanish(KubeObject object) {
    Pod pod = (Pod) object;
    Long grace = pod.metadata().deletionGracePeriodSeconds();
    return pod.spec().nodeName() == null || PodResources.isTerminal(pod) || (grace != null && grace == 0);
  }

  @Override
  protected ReplyEffect<dev.orca.store.ObjectEvent, State> reconcile(KubeObject object) {
    return Effect().noReply();
  }

  @Override
  protected ReplyEffect<ObjectEvent, State> deletingReconcile(KubeObject object) {
    Pod pod = (Pod) object;
    Long requested = pod.metadata().deletionGracePeriodSeconds();
    long grace = requested != null ? requested
        : pod.spec().terminationGracePeriodSeconds() == null ? 30 : pod.spec().terminationGracePeriodSeconds();
    if (olderThan(pod.metadata().deletionTimestamp(), Duration.ofSeconds(grace + 10))) {
      return persist(new ObjectDeleted(pod));
    }
    timers.startSingleTimer("force-delete", new Reconcile(), Duration.ofSeconds(grace + 11));
    return Effect().noReply();
  }

  @Override
  protected void kindCommands(CommandHandlerWithReplyBuilderByState<Command, ObjectEvent, State, State> builder) {
    builder
        .onCommand(Bind.class, this::onBind)
        .onCommand(AdmissionOutcome.class, this::onAdmissionOutcome)
        .onCommand(MarkUnschedulable.class, this::onMarkUnschedulable)
        .onCommand(ReportStatus.class, this::onReportStatus)
        .onCommand(ContainersStopped.class, this::onContainersStopped)
        .onCommand(MarkLost.class, this::onMarkLost)
        .onCommand(MarkNotReady.class, this::onMarkNotReady);
  }

  private ReplyEffect<ObjectEvent, State> onBind(State state, Bind cmd) {
    if (!state.exists()) {
      return Effect().reply(cmd.replyTo(), new BindingRejected("pod is gone"));
    }
    Pod pod = (Pod) state.object();
    if (pod.spec().nodeName() != null) {
      return Effect().reply(cmd.replyTo(), pod.spec().nodeName().equals(cmd.nodeName())
          ? new Bound(cmd.nodeName()) : new BindingRejected("pod is already bound to " + pod.spec().nodeName()));
    }
    if (pod.metadata().isDeleting() || binding) {
      return Effect().reply(cmd.replyTo(), new BindingRejected(binding ? "a binding is in flight" : "pod is being deleted"));
    }
    binding = true;
    context.ask(NodeEntity.AdmitResult.class, Entities.ref(sharding, new ObjectKey(ResourceType.NODE, "", cmd.nodeName())),
        settings.deliveryRetry(), // an unanswered admission ends the binding; the scheduler binds again
        replyTo -> new NodeEntity.Admit(key.entityId(), PodResources.requestedMilliCpu(pod.spec()),
            PodResources.requestedMemory(pod.spec()), replyTo),
        (result, error) -> new AdmissionOutcome(cmd.nodeName(),
            result != null ? result : new NodeEntity.NotAdmitted("node did not answer: " + error), cmd.replyTo()));
    return Effect().noReply();
  }

  private ReplyEffect<ObjectEvent, State> onAdmissionOutcome(State state, AdmissionOutcome cmd) {
    binding = false;
    if (!state.exists() || ((Pod) state.object()).spec().nodeName() != null) {
      return Effect().reply(cmd.replyTo(), new BindingRejected("pod changed while binding"));
    }
    if (cmd.result() instanceof NodeEntity.NotAdmitted rejected) {
      return Effect().reply(cmd.replyTo(), new BindingRejected(rejected.reason()));
    }
    Pod pod = (Pod) state.object();
    PodStatus status = pod.status();
    Pod bound = pod.withSpec(new dev.orca.model.PodSpec(pod.spec().containers(), cmd.nodeName(), pod.spec().nodeSelector(),
        pod.spec().affinity(), pod.spec().tolerations(), pod.spec().restartPolicy(),
        pod.spec().terminationGracePeriodSeconds(), pod.spec().schedulerName(), pod.spec().hostname()))
        .withStatus(withCondition(status, new PodCondition("PodScheduled", "True", null, null, null, now())));
    return persistAndAnswer(new ObjectUpdated(bound), cmd.replyTo(), new Bound(cmd.nodeName()));
  }

  private ReplyEffect<ObjectEvent, State> onMarkUnschedulable(State state, MarkUnschedulable cmd) {
    if (!state.exists() || ((Pod) state.object()).spec().nodeName() != null) {
      return Effect().noReply();
    }
    Pod pod = (Pod) state.object();
    PodCondition current = PodResources.condition(pod, "PodScheduled").orElse(null);
    if (current != null && "False".equals(current.status()) && Objects.equals(current.message(), cmd.message())) {
      return Effect().noReply();
    }
    PodCondition condition = new PodCondition("PodScheduled", "False", "Unschedulable", cmd.message(), null, now());
    return persist(new ObjectUpdated(pod.withStatus(withCondition(pod.status(), condition))));
  }

  private ReplyEffect<ObjectEvent, State> onReportStatus(State state, ReportStatus cmd) {
    if (!state.exists()) {
      return Effect().noReply();
    }
    Pod pod = (Pod) state.object();
    if (PodResources.isTerminal(pod) || Objects.equals(pod.status(), cmd.status())) {
      return Effect().noReply();
    }
    return persist(new ObjectUpdated(pod.withStatus(cmd.status())));
  }

  private ReplyEffect<ObjectEvent, State> onContainersStopped(State state, ContainersStopped cmd) {
    if (!state.exists()) {
      return Effect().noReply();
    }
    Pod pod = (Pod) state.object();
    if (pod.metadata().isDeleting() && pod.metadata().finalizersOrEmpty().isEmpty()) {
      return persist(new ObjectDeleted(pod));
    }
    return Effect().noReply();
  }

  private ReplyEffect<ObjectEvent, State> onMarkLost(State state, MarkLost cmd) {
    if (!state.exists()) {
      return Effect().noReply();
    }
    Pod pod = (Pod) state.object();
    if (!cmd.nodeName().equals(pod.spec().nodeName()) || PodResources.isTerminal(pod)) {
      return Effect().noReply();
    }
    if (pod.metadata().isDeleting() && pod.metadata().finalizersOrEmpty().isEmpty()) {
      return persist(new ObjectDeleted(pod));
    }
    PodStatus s = pod.status();
    PodCondition notReady = new PodCondition("Ready", "False", "NodeLost", "node " + cmd.nodeName() + " is lost", null, now());
    PodStatus lost = new PodStatus("Failed", withCondition(s, notReady).conditions(),
        "Node " + cmd.nodeName() + " which was running pod " + key.name() + " is unresponsive", "NodeLost",
        s.hostIP(), s.podIP(), s.startTime(), s.containerStatuses());
    return persist(new ObjectUpdated(pod.withStatus(lost)));
  }

  private ReplyEffect<ObjectEvent, State> onMarkNotReady(State state, MarkNotReady cmd) {
    if (!state.exists()) {
      return Effect().noReply();
    }
    Pod pod = (Pod) state.object();
    boolean ready = pod.status() != null && pod.status().conditions() != null && pod.status().conditions().stream()
        .anyMatch(c -> "Ready".equals(c.type()) && "True".equals(c.status()));
    if (!cmd.nodeName().equals(pod.spec().nodeName()) || PodResources.isTerminal(pod) || !ready) {
      return Effect().noReply();
    }
    PodCondition notReady = new PodCondition("Ready", "False", "NodeNotReady", "node " + cmd.nodeName() + " is not ready",
        null, now());
    return persist(new ObjectUpdated(pod.withStatus(withCondition(pod.status(), notReady))));
  }

  private static PodStatus withCondition(PodStatus status, PodCondition condition) {
    List<PodCondition> conditions = new ArrayList<>();
    if (status != null && status.conditions() != null) {
      for (PodCondition c : status.conditions()) {
        if (!c.type().equals(condition.type())) {
          conditions.add(c);
        }
      }
    }
    conditions.add(condition);
    PodStatus s = status != null ? status : new PodStatus("Pending", null, null, null, null, null, null, null);
    return new PodStatus(s.phase(), conditions, s.message(), s.reason(), s.hostIP(), s.podIP(), s.startTime(),
        s.containerStatuses());
  }
}
