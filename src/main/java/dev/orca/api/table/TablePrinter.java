package dev.orca.api.table;

import dev.orca.model.KubeObject;
import java.time.Instant;
import java.util.List;

/** How objects of one kind print: kube-apiserver's columns for it and the cells of one object. */
public interface TablePrinter {
  /** Every column, the wide ones (priority 1) included. */
  List<Column> columns();

  /**
   * The cells of one object, one per column.
   *
   * @param now the server time that ages are measured against
   * @throws IllegalArgumentException if the object is not of this printer's kind
   */
  Row row(KubeObject object, Instant now);
}
