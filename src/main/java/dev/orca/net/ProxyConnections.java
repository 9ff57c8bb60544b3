package dev.orca.net;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.javadsl.AsPublisher;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.javadsl.Tcp;
import org.apache.pekko.util.ByteString;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;

/**
 * How the proxy carries one accepted connection: it picks the frontend's backends in round-robin
 * order and connects to the first that answers, trying the next when a connect fails (an endpoint
 * that just stopped is skipped, not handed to the client), then joins the two byte streams. No
 * backend: the client's connection is closed. The route table is swapped whole by the proxy actor
 * and read here on stream threads.
 */
final class ProxyConnections {
  private final ActorSystem<?> system;
  private final Duration connectTimeout;
  private final AtomicReference<Map<Frontend, ProxyRoutes.Route>> routes = new AtomicReference<>(Map.of());
  private final Map<Frontend, AtomicInteger> turns = new ConcurrentHashMap<>();

  ProxyConnections(ActorSystem<?> system, Duration connectTimeout) {
    this.system = system;
    this.connectTimeout = connectTimeout;
  }

  void update(Map<Frontend, ProxyRoutes.Route> table) {
    routes.set(Map.copyOf(table));
    turns.keySet().retainAll(table.keySet()); // a Service that went takes its round-robin counter with it
  }

  /** Handles a connection accepted on a frontend. */
  void accept(Frontend frontend, Tcp.IncomingConnection connection) {
    ProxyRoutes.Route route = routes.get().get(frontend);
    List<InetSocketAddress> backends = route == null ? List.of() : route.backends();
    if (backends.isEmpty()) {
      connection.handleWith(Flow.fromSinkAndSource(Sink.cancelled(), Source.empty()), system);
      return;
    }
    int first = Math.floorMod(turns.computeIfAbsent(frontend, f -> new AtomicInteger()).getAndIncrement(), backends.size());
    List<InetSocketAddress> order = new ArrayList<>(backends.size());
    for (int i = 0; i < backends.size(); i++) {
      order.add(backends.get((first + i) % backends.size()));
    }
    CompletionStage<Flow<ByteString, ByteString, NotUsed>> upstream = connect(order, 0);
    connection.handleWith(Flow.completionStageFlow(upstream)
        .recoverWithRetries(0, Throwable.class, Source::empty), system);
  }

  /** A flow to the first backend, from {@code index} on, that accepts a connection. */
  private CompletionStage<Flow<ByteString, ByteString, NotUsed>> connect(List<InetSocketAddress> order, int index) {
    if (index >= order.size()) {
      return CompletableFuture.failedFuture(new java.net.ConnectException("no endpoint accepted the connection"));
    }
    InetSocketAddress target = new InetSocketAddress(order.get(index).getHostString(), order.get(index).getPort());
    Pair<Pair<Subscriber<ByteString>, CompletionStage<Tcp.OutgoingConnection>>, Publisher<ByteString>> wired =
        Source.<ByteString>asSubscriber()
            .viaMat(Tcp.get(system).outgoingConnection(target, Optional.empty(), List.of(), true,
                Optional.of(connectTimeout), Optional.empty()), Keep.both())
            .toMat(Sink.asPublisher(AsPublisher.WITHOUT_FANOUT), Keep.both())
            .run(system);
    return wired.first().second().handle((connected, failure) -> {
      if (failure != null) {
        return connect(order, index + 1);
      }
      Flow<ByteString, ByteString, NotUsed> joined = Flow.fromSinkAndSourceCoupled(
          Sink.fromSubscriber(wired.first().first()), Source.fromPublisher(wired.second()));
      return CompletableFuture.completedFuture(joined);
    }).thenCompose(stage -> stage);
  }
}
