package dev.orca.api;

import dev.orca.model.FieldError;
import dev.orca.model.Service;
import dev.orca.model.ServicePort;
import dev.orca.model.ServiceSpec;
import dev.orca.model.Validation;
import dev.orca.net.AddressRequest;
import dev.orca.net.Allocation;
import dev.orca.net.ServiceAllocator;
import dev.orca.store.ObjectKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * Gives a Service being written its addresses before it is stored: the cluster IP it keeps for
 * life (or a new one), and node ports for NodePort and LoadBalancer Services, carried over from
 * the stored Service port by port and allocated where missing. A Service that no longer needs
 * node ports (its type changed) loses those it had.
 */
final class ServiceAdmission {
  private final ActorSystem<?> system;
  private final ActorRef<ServiceAllocator.Command> allocator;
  private final Duration timeout;

  ServiceAdmission(ActorSystem<?> system, Duration timeout) {
    this.system = system;
    this.allocator = ServiceAllocator.proxy(system);
    this.timeout = timeout;
  }

  CompletionStage<Service> admit(ObjectKey key, Service current, Service proposed) {
    ServiceSpec spec = proposed.spec();
    if (spec == null) {
      return CompletableFuture.completedFuture(proposed);
    }
    ServiceSpec before = current == null ? null : current.spec();
    String ip = spec.clusterIP();
    if ((ip == null || ip.isEmpty()) && before != null && before.clusterIP() != null
        && !ServiceSpec.NONE.equals(before.clusterIP()) && !spec.hasNoClusterIp()) {
      ip = before.clusterIP();
    }
    boolean needsIp = !spec.hasNoClusterIp();
    List<ServicePort> ports = spec.ports() == null ? List.of() : spec.ports();
    List<Integer> nodePorts = new ArrayList<>();
    for (ServicePort p : ports) {
      if (!spec.hasNodePorts()) {
        nodePorts.add(null);
      } else if (p.nodePort() != null && p.nodePort() != 0) {
        nodePorts.add(p.nodePort());
      } else {
        nodePorts.add(previousNodePort(before, p));
      }
    }
    String keptIp = ip;
    AddressRequest request = new AddressRequest(needsIp, needsIp ? keptIp : null, nodePorts);
    return AskPattern.<ServiceAllocator.Command, Allocation>ask(allocator,
            replyTo -> new ServiceAllocator.Allocate(key, request, replyTo), timeout, system.scheduler())
        .thenApply(result -> {
          if (result instanceof Allocation.Refused refused) {
            throw new ApiException(Validation.invalidStatus(proposed,
                List.of(FieldError.invalid(refused.field(), refused.value(), refused.message()))));
          }
          Allocation.Allocated allocated = (Allocation.Allocated) result;
          List<ServicePort> withPorts = new ArrayList<>();
          for (int i = 0; i < ports.size(); i++) {
            withPorts.add(ports.get(i).withNodePort(allocated.nodePorts().get(i)));
          }
          String clusterIP = needsIp ? allocated.ip() : (ServiceSpec.NONE.equals(spec.clusterIP()) ? ServiceSpec.NONE : null);
          return proposed.withSpec(spec.withAddresses(clusterIP, spec.ports() == null ? null : withPorts));
        });
  }

  /** The node port the stored Service had for the same port and protocol, or 0 (allocate one). */
  private static Integer previousNodePort(ServiceSpec before, ServicePort port) {
    if (before == null || before.ports() == null) {
      return 0;
    }
    for (ServicePort p : before.ports()) {
      if (Objects.equals(p.port(), port.port()) && Objects.equals(p.protocol(), port.protocol()) && p.nodePort() != null) {
        return p.nodePort();
      }
    }
    return 0;
  }
}
