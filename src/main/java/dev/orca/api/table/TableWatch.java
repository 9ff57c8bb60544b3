package dev.orca.api.table;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orca.model.KubeObject;
import dev.orca.model.ResourceType;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Table objects of one watch stream: kube-apiserver puts {@code columnDefinitions} in the
 * first event's Table only and {@code null} in every later one, and kubectl reuses the first.
 * ERROR events carry a Status, not a Table, but still count as the first event in kube; call
 * {@link #skipped()} for them. One instance per stream.
 */
public final class TableWatch {
  private final ResourceType type;
  private final TableVersion version;
  private final IncludeObject includeObject;
  private final AtomicBoolean first = new AtomicBoolean(true);

  public TableWatch(ResourceType type, TableVersion version, IncludeObject includeObject) {
    this.type = type;
    this.version = version;
    this.includeObject = includeObject;
  }

  /** The one-row Table for the next event's object; with column definitions if it is the first event. */
  public ObjectNode next(KubeObject object, Instant now) {
    return Tables.row(version, type, object, now, includeObject, first.getAndSet(false));
  }

  /** An event sent without a Table (a Status): later Tables come without column definitions. */
  public void skipped() {
    first.set(false);
  }
}
