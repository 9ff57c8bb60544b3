package dev.orca.net;

import dev.orca.CborSerializable;
import java.util.List;

/** The outcome of an address request. */
public sealed interface Allocation extends CborSerializable {

  /** The cluster IP (null when none was needed) and the node ports, one per Service port (null where none). */
  record Allocated(String ip, List<Integer> nodePorts) implements Allocation {}

  /** A request that cannot be met, as a field error: kube-apiserver's field path, value and message. */
  record Refused(String field, Object value, String message) implements Allocation {}
}
