package dev.orca.api.table;

import static dev.orca.api.table.Templates.nonNull;

import dev.orca.model.Event;
import dev.orca.model.EventSource;
import dev.orca.model.KubeObject;
import dev.orca.model.ObjectReference;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Events as kube-apiserver prints them: LAST SEEN, TYPE, REASON, OBJECT ({@code kind/name} in
 * lower case), MESSAGE; wide: SUBOBJECT, SOURCE, FIRST SEEN, COUNT, NAME. A missing last
 * timestamp falls back to the first; a missing count is 1 (a singleton event).
 */
final class EventPrinter implements TablePrinter {
  static final List<Column> COLUMNS = List.of(
      Column.string("Last Seen", Descriptions.EVENT_LAST_SEEN),
      Column.string("Type", Descriptions.EVENT_TYPE),
      Column.string("Reason", Descriptions.EVENT_REASON),
      Column.string("Object", Descriptions.EVENT_OBJECT),
      Column.wide("Subobject", Descriptions.EVENT_SUBOBJECT),
      Column.wide("Source", Descriptions.EVENT_SOURCE),
      Column.string("Message", Descriptions.EVENT_MESSAGE),
      Column.wide("First Seen", Descriptions.EVENT_FIRST_SEEN),
      Column.wide("Count", Descriptions.EVENT_COUNT),
      new Column("Name", "string", "name", Descriptions.NAME, 1));

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public Row row(KubeObject object, Instant now) {
    if (!(object instanceof Event event)) {
      throw new IllegalArgumentException("not an Event: " + object.kind());
    }
    return row(event, now);
  }

  static Row row(Event e, Instant now) {
    String firstSeen = Timestamps.age(e.firstTimestamp(), now);
    String lastSeen = Timestamps.parse(e.lastTimestamp()) == null ? firstSeen : Timestamps.age(e.lastTimestamp(), now);
    long count = e.count() == null || e.count() == 0 ? 1 : e.count();
    ObjectReference involved = e.involvedObject() == null
        ? new ObjectReference(null, null, null, null, null, null, null) : e.involvedObject();
    String kind = nonNull(involved.kind()).toLowerCase(Locale.ROOT);
    String target = nonNull(involved.name()).isEmpty() ? kind : kind + "/" + involved.name();
    String name = e.metadata() == null ? "" : nonNull(e.metadata().name());
    return Row.of(lastSeen, nonNull(e.type()), nonNull(e.reason()), target, nonNull(involved.fieldPath()),
        source(e), nonNull(e.message()).strip(), firstSeen, count, name);
  }

  /** {@code component, host}, or just the component; the reporting controller and instance stand in. */
  private static String source(Event e) {
    EventSource s = e.source();
    String component = firstNonEmpty(s == null ? null : s.component(), e.reportingComponent());
    String instance = firstNonEmpty(s == null ? null : s.host(), e.reportingInstance());
    return instance.isEmpty() ? component : component + ", " + instance;
  }

  private static String firstNonEmpty(String a, String b) {
    return a != null && !a.isEmpty() ? a : nonNull(b);
  }
}
