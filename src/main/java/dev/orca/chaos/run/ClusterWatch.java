package dev.orca.chaos.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orca.chaos.check.FinalObject;
import dev.orca.chaos.check.ObjectFields;
import dev.orca.chaos.scenario.ClusterFacts;
import dev.orca.chaos.workload.WorkloadWriter;
import dev.orca.cluster.ClusterCommand;
import dev.orca.cluster.ClusterView;
import dev.orca.cluster.MemberFiles;
import dev.orca.cluster.MemberSpec;
import dev.orca.control.NodeEntity;
import dev.orca.model.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a chaos run sees of its cluster, through the members' APIs and Pekko Management, as a client
 * behind a load balancer with a readiness check would: each request goes to the next member whose
 * JVM is alive and not being restarted by the run (a killed member is out of rotation until its
 * restart is done; a frozen or cut-off one is not — its hanging answer is part of the fault). {@code baseDeployments} are the Deployments the run laid down, whose recovery it times.
 */
final class ClusterWatch {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  private final MemberFiles files;
  private final String namespace;
  private final Set<String> baseDeployments;
  private final int maxSurge;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private final AtomicInteger next = new AtomicInteger();
  private final long phaseStartNanos;
  private final Set<String> outOfRotation = java.util.concurrent.ConcurrentHashMap.newKeySet();
  /** Members the run has killed or frozen: their nodes' pods do not serve, whatever the API says. */
  private final Set<String> stopped = java.util.concurrent.ConcurrentHashMap.newKeySet();

  ClusterWatch(MemberFiles files, String namespace, Set<String> baseDeployments, int maxSurge, long phaseStartNanos) {
    this.files = files;
    this.namespace = namespace;
    this.baseDeployments = Set.copyOf(baseDeployments);
    this.maxSurge = maxSurge;
    this.phaseStartNanos = phaseStartNanos;
  }

  double now() {
    return (System.nanoTime() - phaseStartNanos) / 1e9;
  }

  /** The next alive member's API URL, round robin; empty when no member JVM is alive. */
  Optional<String> api() {
    List<MemberSpec> alive = alive();
    if (alive.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(alive.get(Math.floorMod(next.getAndIncrement(), alive.size())).apiUrl());
  }

  private List<MemberSpec> alive() {
    return files.members().stream().filter(m -> !m.apiUrl().isEmpty() && !outOfRotation.contains(m.name())
        && files.process(m.name()).isPresent()).toList();
  }

  /** A member the run has killed: out of rotation until {@link #backInRotation} (its restart is done). */
  void outOfRotation(String member) {
    outOfRotation.add(member);
  }

  void backInRotation(String member) {
    outOfRotation.remove(member);
  }

  /** The run killed or froze {@code member}: the pods of its nodes stop serving until {@link #running}. */
  void stopped(String member) {
    stopped.add(member);
  }

  void running(String member) {
    stopped.remove(member);
  }

  /** The members whose pods do not serve now: stopped by the run, or whose JVM is gone. */
  private Set<String> notServing() {
    Set<String> out = new java.util.HashSet<>(stopped);
    files.members().stream().filter(m -> files.process(m.name()).isEmpty()).forEach(m -> out.add(m.name()));
    return out;
  }

  /** One probe: the workload's pods through the next API (timed), the nodes, the membership. */
  Sample sample() {
    double at = now();
    Optional<String> api = api();
    long t0 = System.nanoTime();
    Optional<JsonNode> pods = api.flatMap(a -> get(a + "/api/v1/namespaces/" + namespace + "/pods"));
    double latency = (System.nanoTime() - t0) / 1e6;
    if (pods.isEmpty()) {
      return new Sample(at, false, latency, -1, -1, -1, 0, 0, 0, false);
    }
    Optional<JsonNode> deployments = api.flatMap(a -> get(a + "/apis/apps/v1/namespaces/" + namespace + "/deployments"));
    Optional<JsonNode> nodes = api.flatMap(a -> get(a + "/api/v1/nodes"));
    if (deployments.isEmpty() || nodes.isEmpty()) {
      // the member answered one read and not the next: the probe as a whole went unanswered
      return new Sample(at, false, (System.nanoTime() - t0) / 1e6, -1, -1, -1, 0, 0, 0, false);
    }
    Map<String, String> addressToName = addressToName();
    Set<String> notServing = notServing();
    Set<String> deadNodes = new java.util.HashSet<>();
    for (JsonNode n : nodes.map(j -> j.path("items")).orElse(Json.mapper().createArrayNode())) {
      String member = addressToName.get(n.path("metadata").path("annotations").path(NodeEntity.MEMBER_ANNOTATION).asText());
      if (member != null && notServing.contains(member)) {
        deadNodes.add(n.path("metadata").path("name").asText());
      }
    }
    PodCounts counts = PodCounts.of(pods.get(), deadNodes);
    Map<String, Integer> ready = counts.serving();
    Map<String, Integer> apiReady = counts.apiReady();
    Map<String, Integer> active = counts.active();
    int desired = 0;
    int readyTotal = 0;
    int apiReadyTotal = 0;
    int excess = 0;
    boolean allAvailable = deployments.isPresent();
    int seenBase = 0;
    for (JsonNode d : deployments.map(j -> j.path("items")).orElse(Json.mapper().createArrayNode())) {
      String name = d.path("metadata").path("name").asText();
      int replicas = d.path("spec").path("replicas").asInt(1);
      excess += Math.max(0, active.getOrDefault(name, 0) - replicas - maxSurge);
      if (baseDeployments.contains(name)) {
        seenBase++;
        desired += replicas;
        int r = Math.min(replicas, ready.getOrDefault(name, 0));
        readyTotal += r;
        apiReadyTotal += Math.min(replicas, apiReady.getOrDefault(name, 0));
        allAvailable &= r >= replicas;
      }
    }
    allAvailable &= seenBase == baseDeployments.size();
    int notReady = 0;
    for (JsonNode n : nodes.map(j -> j.path("items")).orElse(Json.mapper().createArrayNode())) {
      notReady += condition(n, "Ready") ? 0 : 1;
    }
    return new Sample(at, true, latency, desired, readyTotal, apiReadyTotal, excess, notReady, membersImpaired(),
        allAvailable);
  }

  /**
   * Whether every Deployment of the namespace (the writer's too) has exactly its replicas active
   * and ready: nothing the faults left half done.
   */
  boolean workloadConverged() {
    Optional<String> api = api();
    Optional<JsonNode> pods = api.flatMap(a -> get(a + "/api/v1/namespaces/" + namespace + "/pods"));
    Optional<JsonNode> deployments = api.flatMap(a -> get(a + "/apis/apps/v1/namespaces/" + namespace + "/deployments"));
    if (pods.isEmpty() || deployments.isEmpty()) {
      return false;
    }
    PodCounts counts = PodCounts.of(pods.get(), Set.of());
    Map<String, Integer> active = counts.active();
    Map<String, Integer> ready = counts.apiReady();
    for (JsonNode d : deployments.get().path("items")) {
      String name = d.path("metadata").path("name").asText();
      int replicas = d.path("spec").path("replicas").asInt(1);
      if (active.getOrDefault(name, 0) != replicas || ready.getOrDefault(name, 0) != replicas) {
        return false;
      }
    }
    return true;
  }

  /** Members not Up and reachable, as the first alive member's management sees them (all, if none answers). */
  private int membersImpaired() {
    for (MemberSpec m : alive()) {
      Optional<String> body = getText(m.managementUrl() + "/cluster/members");
      if (body.isPresent()) {
        ClusterView view = ClusterView.parse(body.get());
        int impaired = 0;
        for (MemberSpec spec : files.members()) {
          ClusterView.Member seen = view.byAddress().get(spec.address());
          impaired += seen != null && seen.status().equals("Up") && seen.reachable() ? 0 : 1;
        }
        return impaired;
      }
    }
    return files.members().size();
  }

  /** What a fault's target is chosen from: members (Up, oldest, shards), node owners, the workload's pods. */
  ClusterFacts facts() {
    Map<String, String> addressToName = addressToName();
    String oldest = "";
    for (MemberSpec m : alive()) {
      Optional<JsonNode> members = getText(m.managementUrl() + "/cluster/members").map(ClusterWatch::json);
      if (members.isPresent()) {
        oldest = members.get().path("oldestPerRole").path("control").asText(members.get().path("oldest").asText());
        break;
      }
    }
    List<ClusterFacts.Member> members = new ArrayList<>();
    JsonNode status = json(clusterStatus());
    for (JsonNode row : status.path("members")) {
      String name = row.path("name").asText();
      MemberSpec spec = files.member(name).orElseThrow();
      boolean up = row.path("status").asText().equals("Up") && row.path("reachable").asBoolean(true)
          && !row.path("pid").isNull() && !row.path("pid").isMissingNode();
      members.add(new ClusterFacts.Member(name, spec.address(), up, spec.address().equals(oldest), row.path("shards").asInt(0)));
    }
    Map<String, String> nodeOwners = new HashMap<>();
    List<ClusterFacts.PodRef> pods = new ArrayList<>();
    Optional<String> api = api();
    api.flatMap(a -> get(a + "/api/v1/nodes")).ifPresent(nodes -> nodes.path("items").forEach(n -> {
      String owner = addressToName.get(n.path("metadata").path("annotations").path(NodeEntity.MEMBER_ANNOTATION).asText());
      if (owner != null) {
        nodeOwners.put(n.path("metadata").path("name").asText(), owner);
      }
    }));
    api.flatMap(a -> get(a + "/api/v1/namespaces/" + namespace + "/pods")).ifPresent(list -> list.path("items").forEach(p -> {
      if (p.path("metadata").path("deletionTimestamp").isMissingNode()) {
        String node = p.path("spec").path("nodeName").asText("");
        pods.add(new ClusterFacts.PodRef(namespace, p.path("metadata").path("name").asText(), node.isEmpty() ? null : node));
      }
    }));
    return new ClusterFacts(members, nodeOwners, pods);
  }

  /** The writer's kind as the write check reads it: every Deployment of the namespace; empty if no API answers. */
  Optional<List<FinalObject>> finalDeployments() {
    for (int attempt = 0; attempt < files.members().size(); attempt++) {
      Optional<JsonNode> list = api().flatMap(a -> get(a + "/apis/apps/v1/namespaces/" + namespace + "/deployments"));
      if (list.isPresent()) {
        List<FinalObject> out = new ArrayList<>();
        list.get().path("items").forEach(d -> out.add(ObjectFields.finalObject("Deployment", d, WorkloadWriter.FIELDS)));
        return Optional.of(out);
      }
    }
    return Optional.empty();
  }

  private Map<String, String> addressToName() {
    Map<String, String> names = new HashMap<>();
    files.members().forEach(m -> names.put(m.address(), m.name()));
    return names;
  }

  /**
   * The workload's pods per app label: active (not deleting, not terminal), ready as the API says
   * (active, Running and Ready), and of those the ones serving (not on {@code deadNodes}).
   */
  private record PodCounts(Map<String, Integer> active, Map<String, Integer> apiReady, Map<String, Integer> serving) {
    static PodCounts of(JsonNode pods, Set<String> deadNodes) {
      PodCounts c = new PodCounts(new HashMap<>(), new HashMap<>(), new HashMap<>());
      for (JsonNode p : pods.path("items")) {
        String app = p.path("metadata").path("labels").path("app").asText();
        String phase = p.path("status").path("phase").asText();
        if (!p.path("metadata").path("deletionTimestamp").isMissingNode() || phase.equals("Failed")
            || phase.equals("Succeeded")) {
          continue;
        }
        c.active.merge(app, 1, Integer::sum);
        if (phase.equals("Running") && condition(p, "Ready")) {
          c.apiReady.merge(app, 1, Integer::sum);
          if (!deadNodes.contains(p.path("spec").path("nodeName").asText())) {
            c.serving.merge(app, 1, Integer::sum);
          }
        }
      }
      return c;
    }
  }

  private String clusterStatus() {
    String text;
    try {
      text = ClusterCommand.runChecked("status", "-o", "json", "--data-dir", files.dataDir().toString());
    } catch (IllegalStateException e) {
      return "{}";
    }
    int brace = text.indexOf('{');
    return brace < 0 ? "{}" : text.substring(brace);
  }

  private static boolean condition(JsonNode object, String type) {
    for (JsonNode c : object.path("status").path("conditions")) {
      if (c.path("type").asText().equals(type)) {
        return c.path("status").asText().equals("True");
      }
    }
    return false;
  }

  private Optional<JsonNode> get(String url) {
    return getText(url).map(ClusterWatch::json);
  }

  private Optional<String> getText(String url) {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? Optional.of(r.body()) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private static JsonNode json(String text) {
    try {
      return Json.mapper().readTree(text);
    } catch (IOException e) {
      return Json.mapper().createObjectNode();
    }
  }
}
