package dev.orca.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Client threads updating ConfigMaps without pause, one thread per API (a member of a cluster).
 * Each ConfigMap is written by one thread with increasing values, so the last acknowledged value
 * is the least it may hold at the end; every answer is kept to check what refusals said.
 */
final class ConfigMapLoad implements AutoCloseable {
  static final int PER_CLIENT = 6;

  /** One answered write: the ConfigMap, the value, the HTTP code and body, when (nanoTime). */
  record Answer(String name, int value, int code, String body, long at) {}

  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Map<String, Integer> acked = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
  private final List<Thread> threads = new ArrayList<>();

  ConfigMapLoad(List<ApiClient> apis, String prefix) {
    for (int t = 0; t < apis.size(); t++) {
      ApiClient api = apis.get(t);
      List<String> names = new ArrayList<>();
      for (int i = 0; i < PER_CLIENT; i++) {
        String name = prefix + "-" + t + "-" + i;
        assertEquals(201, api.post("/api/v1/namespaces/default/configmaps", body(name, 0)).code());
        acked.put(name, 0);
        names.add(name);
      }
      Thread thread = new Thread(() -> write(api, names), prefix + "-client-" + t);
      thread.setDaemon(true);
      threads.add(thread);
    }
    threads.forEach(Thread::start);
  }

  private void write(ApiClient api, List<String> names) {
    for (int value = 1; running.get(); value++) {
      boolean anyOk = false;
      for (String name : names) {
        if (!running.get()) {
          return;
        }
        ApiClient.Response r;
        try {
          r = api.put("/api/v1/namespaces/default/configmaps/" + name, body(name, value));
        } catch (AssertionError e) {
          continue; // no answer (the member is frozen or gone): not acknowledged
        }
        answers.add(new Answer(name, value, r.code(), r.body(), System.nanoTime()));
        if (r.code() == 200) {
          acked.put(name, value);
          anyOk = true;
        }
      }
      if (!anyOk) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100)); // a client backing off on errors
      }
    }
  }

  private static String body(String name, int value) {
    return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name + "\"},"
        + "\"data\":{\"v\":\"" + value + "\"}}";
  }

  List<Answer> answers() {
    return List.copyOf(answers);
  }

  long acknowledgedSince(long nanos) {
    return answers.stream().filter(a -> a.code() == 200 && a.at() > nanos).count();
  }

  void stop() throws InterruptedException {
    running.set(false);
    for (Thread t : threads) {
      t.join(TimeUnit.SECONDS.toMillis(40));
    }
  }

  /** Every ConfigMap holds at least its last acknowledged value. */
  void assertNothingLost(ApiClient api) {
    acked.forEach((name, value) -> {
      int stored = Integer.parseInt(api.getJson("/api/v1/namespaces/default/configmaps/" + name)
          .path("data").path("v").asText());
      assertTrue(stored >= value, name + " holds " + stored + " but " + value + " was acknowledged");
    });
    System.out.println("acknowledged ConfigMap values kept: " + new java.util.TreeMap<>(acked));
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }
}
