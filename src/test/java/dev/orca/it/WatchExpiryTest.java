package dev.orca.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A watch from a resourceVersion older than the cache's window gets an ERROR event with 410 Expired. */
class WatchExpiryTest {
  private static TestOrca orca;

  @BeforeAll
  static void start() throws Exception {
    orca = TestOrca.start(0, Map.of("orca.store.watch-window", 10));
  }

  @AfterAll
  static void stop() throws Exception {
    orca.close();
  }

  @Test
  void aTooOldResourceVersionIsExpired() throws Exception {
    ApiClient api = orca.api;
    long old = api.getJson("/api/v1/namespaces").path("metadata").path("resourceVersion").asLong();
    for (int i = 0; i < 15; i++) {
      String body = "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"ns-" + i + "\"}}";
      assertEquals(201, api.post("/api/v1/namespaces", body).code());
    }
    try (ApiClient.Watch watch = api.watch("/api/v1/namespaces?watch=true&resourceVersion=" + old)) {
      JsonNode event = watch.events().poll(10, TimeUnit.SECONDS);
      assertNotNull(event, "no event");
      assertEquals("ERROR", event.path("type").asText());
      assertEquals(410, event.path("object").path("code").asInt());
      assertEquals("Expired", event.path("object").path("reason").asText());
    }
    long recent = api.getJson("/api/v1/namespaces").path("metadata").path("resourceVersion").asLong();
    try (ApiClient.Watch watch = api.watch("/api/v1/namespaces?watch=true&resourceVersion=" + recent)) {
      assertEquals(201, api.post("/api/v1/namespaces",
          "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"late\"}}").code());
      JsonNode event = watch.events().poll(10, TimeUnit.SECONDS);
      assertNotNull(event, "no event for a recent resourceVersion");
      assertEquals("ADDED", event.path("type").asText());
      assertEquals("late", event.path("object").path("metadata").path("name").asText());
    }
  }
}
