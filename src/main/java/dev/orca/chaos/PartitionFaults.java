package dev.orca.chaos;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.AddressFromURIString;
import org.apache.pekko.remote.RemoteActorRefProvider;
import org.apache.pekko.remote.transport.ThrottlerTransportAdapter;

/**
 * A real network partition between this member and a peer: Artery's test-mode blackhole, which
 * drops (does not refuse) every message to and from the peer, both directions. Works only when the
 * member started with {@code pekko.remote.artery.advanced.test-mode = on}; {@code orca cluster up}
 * writes that into the member files when chaos is enabled.
 */
public final class PartitionFaults {
  /** Direction.Both, a Scala object nested in an object, which javac cannot name. */
  private static final ThrottlerTransportAdapter.Direction BOTH = both();

  private final ActorSystem system;

  public PartitionFaults(ActorSystem classicSystem) {
    this.system = classicSystem;
  }

  private static ThrottlerTransportAdapter.Direction both() {
    try {
      return (ThrottlerTransportAdapter.Direction) Class.forName(
          "org.apache.pekko.remote.transport.ThrottlerTransportAdapter$Direction$Both$").getField("MODULE$").get(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("this Pekko has no ThrottlerTransportAdapter.Direction.Both", e);
    }
  }

  /** Whether this JVM can blackhole: clustered, on Artery, in test mode. */
  public boolean available() {
    return system.provider() instanceof RemoteActorRefProvider
        && system.settings().config().getBoolean("pekko.remote.artery.advanced.test-mode");
  }

  /**
   * A peer as a Pekko address: {@code pekko://orca@127.0.0.1:25521}, or {@code 127.0.0.1:25521}
   * (this system's name and protocol); empty when it is neither or names this member.
   */
  public Optional<Address> peer(String text) {
    try {
      Address self = ((RemoteActorRefProvider) system.provider()).getDefaultAddress();
      Address address = text.contains("://") ? AddressFromURIString.parse(text)
          : AddressFromURIString.parse(self.protocol() + "://" + self.system() + "@" + text);
      return address.host().isDefined() && address.port().isDefined() && !address.equals(self)
          ? Optional.of(address) : Optional.empty();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Blackholes ({@code cut}) or restores all traffic with {@code peer}; false when the transport refused. */
  public CompletionStage<Boolean> set(String peerText, boolean cut) {
    Optional<Address> peer = peer(peerText);
    if (peer.isEmpty() || !available()) {
      return CompletableFuture.completedFuture(false);
    }
    ThrottlerTransportAdapter.ThrottleMode mode = cut
        ? ThrottlerTransportAdapter.Blackhole$.MODULE$
        : ThrottlerTransportAdapter.Unthrottled$.MODULE$;
    Object command = new ThrottlerTransportAdapter.SetThrottle(peer.get(),
        BOTH, mode);
    return scala.jdk.javaapi.FutureConverters.asJava(
        ((RemoteActorRefProvider) system.provider()).transport().managementCommand(command))
        .thenApply(ok -> Boolean.TRUE.equals(ok));
  }
}
