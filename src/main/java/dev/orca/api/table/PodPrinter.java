package dev.orca.api.table;

import static dev.orca.api.table.Templates.nonNull;
import static dev.orca.api.table.Templates.orNone;

import dev.orca.model.ContainerState;
import dev.orca.model.ContainerStatus;
import dev.orca.model.KubeObject;
import dev.orca.model.Pod;
import dev.orca.model.PodCondition;
import dev.orca.model.PodStatus;
import java.time.Instant;
import java.util.List;

/**
 * Pods as kube-apiserver prints them: NAME, READY (ready/total containers), STATUS (the derived
 * status: a container's waiting or terminated reason, Terminating, Unknown for a lost node's pod
 * being deleted…), RESTARTS (with the age of the last restart), AGE; wide: IP, NODE, NOMINATED
 * NODE, READINESS GATES. Orca's pods have no init containers, readiness gates, nominated node or
 * termination signals, so those parts of kube's rules never apply ({@code <none>} in their cells).
 */
final class PodPrinter implements TablePrinter {
  /** kube's {@code NodeUnreachablePodReason}. */
  static final String NODE_LOST = "NodeLost";

  static final List<Column> COLUMNS = List.of(
      Column.nameColumn(),
      Column.string("Ready", Descriptions.POD_READY),
      Column.string("Status", Descriptions.POD_STATUS),
      Column.string("Restarts", Descriptions.POD_RESTARTS),
      Column.ageColumn(),
      Column.wide("IP", Descriptions.POD_IP),
      Column.wide("Node", Descriptions.NODE_NAME),
      Column.wide("Nominated Node", Descriptions.NOMINATED_NODE_NAME),
      Column.wide("Readiness Gates", Descriptions.READINESS_GATES));

  private static final List<Row.Condition> SUCCEEDED =
      List.of(new Row.Condition("Completed", "True", "Succeeded", "The pod has completed successfully."));
  private static final List<Row.Condition> FAILED =
      List.of(new Row.Condition("Completed", "True", "Failed", "The pod failed."));

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public Row row(KubeObject object, Instant now) {
    if (!(object instanceof Pod pod)) {
      throw new IllegalArgumentException("not a Pod: " + object.kind());
    }
    return row(pod, now);
  }

  static Row row(Pod pod, Instant now) {
    PodStatus status = pod.status();
    String phase = status == null ? "" : nonNull(status.phase());
    int totalContainers = pod.spec() == null || pod.spec().containers() == null ? 0 : pod.spec().containers().size();

    String reason = phase;
    if (status != null && status.reason() != null && !status.reason().isEmpty()) {
      reason = status.reason();
    }
    for (PodCondition c : conditions(status)) {
      if ("PodScheduled".equals(c.type()) && "SchedulingGated".equals(c.reason())) {
        reason = "SchedulingGated";
      }
    }

    int restarts = 0;
    int readyContainers = 0;
    Instant lastRestart = null;
    boolean hasRunning = false;
    List<ContainerStatus> statuses = status == null || status.containerStatuses() == null
        ? List.of() : status.containerStatuses();
    for (int i = statuses.size() - 1; i >= 0; i--) {
      ContainerStatus container = statuses.get(i);
      restarts += container.restartCount() == null ? 0 : container.restartCount();
      ContainerState last = container.lastState();
      if (last != null && last.terminated() != null) {
        Instant finished = Timestamps.parse(last.terminated().finishedAt());
        if (finished != null && (lastRestart == null || lastRestart.isBefore(finished))) {
          lastRestart = finished;
        }
      }
      ContainerState state = container.state() == null ? new ContainerState(null, null, null) : container.state();
      if (state.waiting() != null && !nonNull(state.waiting().reason()).isEmpty()) {
        reason = state.waiting().reason();
      } else if (state.terminated() != null && !nonNull(state.terminated().reason()).isEmpty()) {
        reason = state.terminated().reason();
      } else if (state.terminated() != null) {
        Integer exitCode = state.terminated().exitCode();
        reason = "ExitCode:" + (exitCode == null ? 0 : exitCode);
      } else if (Boolean.TRUE.equals(container.ready()) && state.running() != null) {
        hasRunning = true;
        readyContainers++;
      }
    }
    // a pod whose last container completed while another still runs is still running
    if (reason.equals("Completed") && hasRunning) {
      reason = hasReadyCondition(status) ? "Running" : "NotReady";
    }

    boolean deleting = pod.metadata() != null && pod.metadata().deletionTimestamp() != null;
    if (deleting && status != null && NODE_LOST.equals(status.reason())) {
      reason = "Unknown";
    } else if (deleting && !phase.equals("Succeeded") && !phase.equals("Failed")) {
      reason = "Terminating";
    }

    String restartsCell = Integer.toString(restarts);
    if (restarts != 0 && lastRestart != null) {
      restartsCell = restarts + " (" + HumanDuration.since(lastRestart, now) + " ago)";
    }

    String name = pod.metadata() == null ? "" : nonNull(pod.metadata().name());
    String created = pod.metadata() == null ? null : pod.metadata().creationTimestamp();
    String podIp = status == null ? null : status.podIP();
    String nodeName = pod.spec() == null ? null : pod.spec().nodeName();
    List<Object> cells = List.of(name, readyContainers + "/" + totalContainers, reason, restartsCell,
        Timestamps.age(created, now), orNone(podIp), orNone(nodeName), "<none>", "<none>");
    List<Row.Condition> rowConditions = switch (phase) {
      case "Succeeded" -> SUCCEEDED;
      case "Failed" -> FAILED;
      default -> List.of();
    };
    return new Row(cells, rowConditions);
  }

  private static List<PodCondition> conditions(PodStatus status) {
    return status == null || status.conditions() == null ? List.of() : status.conditions();
  }

  private static boolean hasReadyCondition(PodStatus status) {
    return conditions(status).stream().anyMatch(c -> "Ready".equals(c.type()) && "True".equals(c.status()));
  }
}
