package dev.orca.api.table;

import static dev.orca.api.table.Templates.nonNull;

import dev.orca.model.EndpointAddress;
import dev.orca.model.EndpointPort;
import dev.orca.model.EndpointSlice;
import dev.orca.model.EndpointSubset;
import dev.orca.model.Endpoints;
import dev.orca.model.KubeObject;
import dev.orca.model.SliceEndpoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Endpoints (NAME, ENDPOINTS, AGE) and EndpointSlices (NAME, ADDRESSTYPE, PORTS, ENDPOINTS, AGE)
 * as kube-apiserver prints them: at most three addresses, then "+ N more...".
 */
final class EndpointsPrinter implements TablePrinter {
  private static final int SHOWN = 3;
  private final boolean slices;

  EndpointsPrinter(boolean slices) {
    this.slices = slices;
  }

  @Override
  public List<Column> columns() {
    return slices
        ? List.of(Column.nameColumn(), Column.string("AddressType", "The type of address carried by the slice."),
            Column.string("Ports", "The ports of the endpoints."),
            Column.string("Endpoints", "The addresses of the endpoints."), Column.ageColumn())
        : List.of(Column.nameColumn(), Column.string("Endpoints", "The ready addresses and ports of the service."),
            Column.ageColumn());
  }

  @Override
  public Row row(KubeObject object, Instant now) {
    String age = Timestamps.age(object.metadata().creationTimestamp(), now);
    if (object instanceof Endpoints endpoints) {
      List<String> shown = new ArrayList<>();
      for (EndpointSubset s : endpoints.subsets() == null ? List.<EndpointSubset>of() : endpoints.subsets()) {
        for (EndpointAddress a : s.addresses() == null ? List.<EndpointAddress>of() : s.addresses()) {
          List<EndpointPort> ports = s.ports() == null || s.ports().isEmpty() ? null : s.ports();
          if (ports == null) {
            shown.add(a.ip());
          } else {
            ports.forEach(p -> shown.add(a.ip() + ":" + p.port()));
          }
        }
      }
      return Row.of(nonNull(endpoints.metadata().name()), abbreviated(shown), age);
    }
    if (object instanceof EndpointSlice slice) {
      List<String> addresses = new ArrayList<>();
      for (SliceEndpoint e : slice.endpoints() == null ? List.<SliceEndpoint>of() : slice.endpoints()) {
        addresses.addAll(e.addresses());
      }
      List<String> ports = new ArrayList<>();
      (slice.ports() == null ? List.<EndpointPort>of() : slice.ports()).forEach(p -> ports.add(String.valueOf(p.port())));
      return Row.of(nonNull(slice.metadata().name()), nonNull(slice.addressType()),
          ports.isEmpty() ? "<unset>" : String.join(",", ports), abbreviated(addresses), age);
    }
    throw new IllegalArgumentException("not Endpoints: " + object.kind());
  }

  private static String abbreviated(List<String> items) {
    if (items.isEmpty()) {
      return "<none>";
    }
    String shown = String.join(",", items.subList(0, Math.min(SHOWN, items.size())));
    return items.size() > SHOWN ? shown + " + " + (items.size() - SHOWN) + " more..." : shown;
  }
}
