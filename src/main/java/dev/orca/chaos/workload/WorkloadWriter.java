package dev.orca.chaos.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orca.chaos.check.Outcomes;
import dev.orca.chaos.check.WriteLog;
import dev.orca.chaos.check.WriteRecord;
import dev.orca.chaos.scenario.WorkloadSpec;
import dev.orca.model.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The chaos workload's writer: creates, scales, updates (an annotation) and deletes Deployments of
 * its own ({@code w-N} in the workload's namespace) through the API, one write at a time, each op
 * drawn by the mix's weights from the seed, and logs every write with its outcome to a
 * {@link WriteLog}. It writes one object at a time, so the log's order per object is the order of
 * effect, as {@link dev.orca.chaos.check.WriteCheck} assumes.
 */
public final class WorkloadWriter {
  /** The fields the writer sets, as the log and the check name them. */
  public static final String REPLICAS = "spec.replicas";
  public static final String MARK = "metadata.annotations[chaos.orca.dev/write]";
  public static final List<String> FIELDS = List.of(REPLICAS, MARK);

  private final java.util.function.Supplier<String> api;
  private final WorkloadSpec spec;
  private final WriteLog log;
  private final Random rng;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private boolean lastFailed;
  private final Duration timeout;
  /** The writer's live Deployments: name → uid. */
  private final Map<String, String> live = new HashMap<>();
  private long seq;
  private int created;

  public WorkloadWriter(String apiUrl, WorkloadSpec spec, long seed, WriteLog log, Duration timeout) {
    this(() -> apiUrl, spec, seed, log, timeout);
  }

  /** A writer that sends each write to the API {@code api} names then (a load balancer's choice). */
  public WorkloadWriter(java.util.function.Supplier<String> api, WorkloadSpec spec, long seed, WriteLog log,
      Duration timeout) {
    this.api = api;
    this.spec = spec;
    this.log = log;
    this.rng = new Random(seed);
    this.timeout = timeout;
  }

  /** Whether the last write got no answer or a 5xx: the API failed it (a 4xx is the writer's own doing). */
  public boolean lastFailed() {
    return lastFailed;
  }

  /** One write: the op drawn from the mix (a create when there is nothing to change); returns its record. */
  public WriteRecord writeOnce() {
    String op = live.isEmpty() ? "create" : drawOp();
    List<String> names = new ArrayList<>(live.keySet());
    names.sort(null);
    String name = op.equals("create") ? "w-" + (++created) : names.get(rng.nextInt(names.size()));
    long n = ++seq;
    String base = api.get() + "/apis/apps/v1/namespaces/" + spec.namespace() + "/deployments";
    Map<String, String> fields = new HashMap<>();
    HttpRequest.Builder request;
    switch (op) {
      case "create" -> {
        int replicas = 1 + rng.nextInt(spec.replicas());
        fields.put(REPLICAS, Integer.toString(replicas));
        fields.put(MARK, Long.toString(n));
        request = HttpRequest.newBuilder(URI.create(base)).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(manifest(name, replicas, spec.maxSurge(), n)));
      }
      case "scale" -> {
        int replicas = 1 + rng.nextInt(spec.replicas());
        fields.put(REPLICAS, Integer.toString(replicas));
        request = HttpRequest.newBuilder(URI.create(base + "/" + name)).header("Content-Type", "application/merge-patch+json")
            .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"spec\":{\"replicas\":" + replicas + "}}"));
      }
      case "update" -> {
        fields.put(MARK, Long.toString(n));
        request = HttpRequest.newBuilder(URI.create(base + "/" + name)).header("Content-Type", "application/merge-patch+json")
            .method("PATCH", HttpRequest.BodyPublishers.ofString(
                "{\"metadata\":{\"annotations\":{\"chaos.orca.dev/write\":\"" + n + "\"}}}"));
      }
      default -> request = HttpRequest.newBuilder(URI.create(base + "/" + name)).DELETE();
    }
    int code = -1;
    String uid = live.get(name);
    long rv = 0;
    try {
      HttpResponse<String> r = http.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
      code = r.statusCode();
      if (code >= 200 && code < 300) {
        JsonNode body = Json.mapper().readTree(r.body());
        uid = body.path("metadata").path("uid").asText(uid);
        rv = body.path("metadata").path("resourceVersion").asLong();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // no answer: the outcome is unknown
    }
    lastFailed = code < 0 || code >= 500;
    WriteRecord.Outcome outcome = Outcomes.of(code);
    WriteRecord record = new WriteRecord(n, System.currentTimeMillis(), op, "Deployment", spec.namespace(), name, outcome,
        outcome == WriteRecord.Outcome.ACKED ? uid : null, rv, op.equals("delete") ? Map.of() : fields);
    log.append(record);
    if (op.equals("create") && outcome == WriteRecord.Outcome.ACKED) {
      live.put(name, uid);
    } else if (op.equals("delete") && outcome != WriteRecord.Outcome.REJECTED) {
      live.remove(name); // deleted, or maybe: the writer leaves it alone from now on
    }
    return record;
  }

  private String drawOp() {
    int total = WorkloadSpec.OPERATIONS.stream().mapToInt(o -> spec.mix().getOrDefault(o, 0)).sum();
    int draw = rng.nextInt(Math.max(1, total));
    for (String op : WorkloadSpec.OPERATIONS) {
      draw -= spec.mix().getOrDefault(op, 0);
      if (draw < 0) {
        return op;
      }
    }
    return "create";
  }

  /**
   * A Deployment of {@code replicas} small pods that tolerate simulated nodes, rolling with
   * {@code maxSurge} and no unavailability, carrying the write {@code mark} (null: none).
   */
  public static String manifest(String name, int replicas, int maxSurge, Long mark) {
    ObjectNode d = Json.mapper().createObjectNode();
    d.put("apiVersion", "apps/v1").put("kind", "Deployment");
    ObjectNode meta = d.putObject("metadata");
    meta.put("name", name);
    meta.putObject("labels").put("app", name);
    if (mark != null) {
      meta.putObject("annotations").put("chaos.orca.dev/write", Long.toString(mark));
    }
    ObjectNode s = d.putObject("spec");
    s.put("replicas", replicas);
    s.putObject("selector").putObject("matchLabels").put("app", name);
    ObjectNode strategy = s.putObject("strategy");
    strategy.put("type", "RollingUpdate");
    strategy.putObject("rollingUpdate").put("maxUnavailable", 0).put("maxSurge", maxSurge);
    ObjectNode template = s.putObject("template");
    template.putObject("metadata").putObject("labels").put("app", name);
    ObjectNode podSpec = template.putObject("spec");
    podSpec.putArray("tolerations").addObject().put("key", "orca.dev/simulated").put("operator", "Exists");
    ObjectNode container = podSpec.putArray("containers").addObject();
    container.put("name", "web").put("image", "nginx");
    container.putObject("resources").putObject("requests").put("cpu", "10m").put("memory", "16Mi");
    return d.toString();
  }
}
