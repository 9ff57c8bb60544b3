package dev.orca.api.table;

import java.util.List;

/**
 * The cells of one object, in column order, and kube's row conditions.
 *
 * @param cells strings and longs, one per column (wide columns included: the server always sends them)
 * @param conditions {@code Completed} for a pod that has run to completion; usually empty
 */
public record Row(List<Object> cells, List<Condition> conditions) {
  public Row {
    cells = List.copyOf(cells);
    conditions = List.copyOf(conditions);
  }

  static Row of(Object... cells) {
    return new Row(List.of(cells), List.of());
  }

  /** A {@code TableRowCondition}. */
  public record Condition(String type, String status, String reason, String message) {}
}
