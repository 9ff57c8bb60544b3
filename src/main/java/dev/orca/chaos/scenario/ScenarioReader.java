package dev.orca.chaos.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.orca.chaos.Durations;
import dev.orca.chaos.FaultKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a scenario file (bench/scenarios/*.yaml) into a {@link Scenario}, checking everything a run
 * would trip over later: unknown fields, bad durations, faults outside the run, targets that do
 * not suit their kind or name no member, a timeline that would take the cluster's majority down.
 * Every problem is reported at once, each with its path ({@code faults[1].for: …}).
 */
public final class ScenarioReader {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private ScenarioReader() {}

  public static Scenario read(Path file) throws IOException, InvalidScenario {
    return read(Files.readString(file), file.toString());
  }

  public static Scenario read(String yaml, String source) throws InvalidScenario {
    JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (IOException e) {
      throw new InvalidScenario(source, List.of("not YAML: " + firstLine(e.getMessage())));
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      throw new InvalidScenario(source, List.of("the file is empty"));
    }
    List<String> problems = new ArrayList<>();
    Fields top = new Fields(root, "", problems);
    if (!root.isObject()) {
      throw new InvalidScenario(source, problems);
    }
    String name = top.requiredText("name", "the scenario's name (kill-jvm)");
    if (name != null && !name.matches("[a-z0-9][-a-z0-9]*")) {
      top.problem("name", "lower-case letters, digits and dashes, not '" + name + "'");
    }
    String description = top.text("description", "");
    long seed = top.integer("seed", 1, Long.MIN_VALUE, Long.MAX_VALUE);
    Duration duration = top.requiredDuration("duration");
    Duration recovery = top.duration("recoveryTimeout", Duration.ofMinutes(2));
    boolean allowMajorityLoss = top.bool("allowMajorityLoss", false);

    Fields c = top.object("cluster");
    ClusterSpec cluster = new ClusterSpec((int) c.integer("members", 3, 1, 9),
        (int) c.integer("simulatedNodesPerMember", 2, 1, 50));
    c.done();

    List<Profile> profiles = new ArrayList<>();
    List<String> profileNames = top.strings("profiles");
    for (String p : profileNames.isEmpty() ? List.of("orca") : profileNames) {
      Profile.of(p).ifPresentOrElse(profiles::add,
          () -> top.problem("profiles", "unknown profile '" + p + "' (" + Profile.names() + ")"));
    }

    WorkloadSpec workload = workload(top.object("workload"));
    List<ScheduledFault> faults = faults(top, cluster, duration);
    Optional<RandomFaults> random = top.has("random")
        ? Optional.ofNullable(random(top.object("random"), cluster, duration, allowMajorityLoss)) : Optional.empty();
    top.done();
    if (faults.isEmpty() && random.isEmpty() && problems.isEmpty()) {
      top.problem("faults", "no faults: give a faults list, a random section, or both");
    }
    if (!problems.isEmpty()) {
      throw new InvalidScenario(source, problems);
    }
    Scenario scenario = new Scenario(name, description, seed, duration, recovery, cluster, workload, profiles, faults, random,
        allowMajorityLoss);
    try {
      Timeline.expand(scenario);
    } catch (IllegalArgumentException e) {
      throw new InvalidScenario(source, List.of(e.getMessage().split("\n")));
    }
    return scenario;
  }

  private static WorkloadSpec workload(Fields w) {
    String namespace = w.text("namespace", "chaos");
    if (!namespace.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?")) {
      w.problem("namespace", "not a namespace name: '" + namespace + "'");
    }
    Map<String, Integer> mix = new LinkedHashMap<>();
    Fields m = w.object("mix");
    for (String op : WorkloadSpec.OPERATIONS) {
      mix.put(op, (int) m.integer(op, 1, 0, 1000));
    }
    m.done();
    WorkloadSpec spec = new WorkloadSpec(namespace, (int) w.integer("deployments", 10, 0, 1000),
        (int) w.integer("replicas", 3, 1, 1000), (int) w.integer("maxSurge", 1, 0, 1000),
        w.number("writesPerSecond", 5, 0, 10_000), mix, w.duration("probeInterval", Duration.ofMillis(500)));
    if (spec.writesPerSecond() > 0 && mix.values().stream().allMatch(v -> v == 0)) {
      w.problem("mix", "every operation weighs 0, yet writesPerSecond is above 0");
    }
    w.done();
    return spec;
  }

  private static List<ScheduledFault> faults(Fields top, ClusterSpec cluster, Duration runLength) {
    List<ScheduledFault> out = new ArrayList<>();
    JsonNode list = top.value("faults");
    if (list == null) {
      return out;
    }
    if (!list.isArray()) {
      top.problem("faults", "must be a list of faults (- at: 30s …)");
      return out;
    }
    for (int i = 0; i < list.size(); i++) {
      List<String> problems = new ArrayList<>();
      Fields f = new Fields(list.get(i), "faults[" + i + "]", problems);
      Duration at = f.requiredDuration("at");
      String kindName = f.requiredText("kind", "one of " + FaultKind.names());
      Optional<FaultKind> kind = kindName == null ? Optional.empty() : FaultKind.of(kindName);
      if (kindName != null && kind.isEmpty()) {
        f.problem("kind", "unknown kind '" + kindName + "' (" + FaultKind.names() + ")");
      }
      Duration length = f.duration("for", null);
      Duration every = f.duration("every", null);
      Duration until = f.duration("until", null);
      String targetText = f.text("target", null);
      List<String> from = f.strings("from");
      f.done();
      if (kind.isPresent()) {
        FaultKind k = kind.get();
        if (k.lasting() && length == null) {
          f.problem("for", "required: " + k + " lasts (say for: 10s)");
        } else if (k.lasting() && (length.isZero() || length.isNegative())) {
          f.problem("for", k + " lasts: give it more than 0s");
        } else if (!k.lasting() && length != null && !length.isZero()) {
          f.problem("for", k + " is instant: it takes no duration");
        }
        TargetSelector target = null;
        try {
          target = TargetSelector.parse(k, targetText, from);
        } catch (IllegalArgumentException e) {
          f.problem("target", e.getMessage());
        }
        if (target != null) {
          checkMembers(f, k, target, cluster);
        }
        if (at != null && runLength != null) {
          Duration lastStart = every != null && until != null ? until : at;
          if (at.compareTo(runLength) >= 0) {
            f.problem("at", Durations.format(at) + " is not within the run (duration " + Durations.format(runLength) + ")");
          } else if (length != null && k.lasting() && lastStart.plus(length).compareTo(runLength) > 0) {
            f.problem("for", "the fault would last past the end of the run (" + Durations.format(runLength) + ")");
          }
        }
        if ((every == null) != (until == null)) {
          f.problem(every == null ? "every" : "until", "every and until go together (every: 5s, until: 70s)");
        } else if (every != null) {
          if (every.isZero()) {
            f.problem("every", "must be more than 0s");
          }
          if (at != null && until.compareTo(at) <= 0) {
            f.problem("until", "must come after at");
          }
          if (runLength != null && until.compareTo(runLength) > 0) {
            f.problem("until", "is past the end of the run (" + Durations.format(runLength) + ")");
          }
        }
        if (problems.isEmpty()) {
          out.add(new ScheduledFault(at, k, target, k.lasting() ? length : Duration.ZERO, every, until));
        }
      }
      top.problemsFrom(problems);
    }
    return out;
  }

  private static void checkMembers(Fields f, FaultKind kind, TargetSelector target, ClusterSpec cluster) {
    List<String> members = cluster.memberNames();
    if (target.mode() == TargetSelector.Mode.NAMED && kind.impairsMembers() && !members.contains(target.name())) {
      f.problem("target", "no member " + target.name() + " in a cluster of " + cluster.members() + " ("
          + String.join(", ", members) + ")");
    }
    for (String peer : target.from()) {
      if (!members.contains(peer)) {
        f.problem("from", "no member " + peer + " in a cluster of " + cluster.members());
      } else if (peer.equals(target.name())) {
        f.problem("from", peer + " cannot be cut off from itself");
      }
    }
    if (kind == FaultKind.PARTITION && cluster.members() < 2) {
      f.problem("kind", "a partition needs at least 2 members");
    }
  }

  private static RandomFaults random(Fields r, ClusterSpec cluster, Duration runLength, boolean allowMajorityLoss) {
    Duration start = r.duration("start", Duration.ZERO);
    Duration end = r.duration("end", runLength);
    Duration mean = r.requiredDuration("meanInterval");
    Map<FaultKind, Integer> kinds = new LinkedHashMap<>();
    JsonNode k = r.value("kinds");
    if (k == null) {
      r.problem("kinds", "required: the kinds to draw from, as a list or with weights (crash-container: 3)");
    } else if (k.isArray()) {
      for (JsonNode item : k) {
        addKind(r, kinds, item.asText(), 1);
      }
    } else if (k.isObject()) {
      k.fields().forEachRemaining(e -> {
        if (!e.getValue().isIntegralNumber() || e.getValue().asInt() < 1) {
          r.problem("kinds", "the weight of " + e.getKey() + " must be a whole number of at least 1");
        } else {
          addKind(r, kinds, e.getKey(), e.getValue().asInt());
        }
      });
    } else {
      r.problem("kinds", "must be a list of kinds or a mapping of kinds to weights");
    }
    Fields d = r.object("for");
    Duration min = d.duration("min", Duration.ofSeconds(5));
    Duration max = d.duration("max", Duration.ofSeconds(15));
    d.done();
    int maxConcurrent = (int) r.integer("maxConcurrent", 1, 1, 100);
    r.done();
    if (start != null && end != null && start.compareTo(end) >= 0) {
      r.problem("end", "must come after start");
    }
    if (end != null && runLength != null && end.compareTo(runLength) > 0) {
      r.problem("end", "is past the end of the run (" + Durations.format(runLength) + ")");
    }
    if (mean != null && mean.isZero()) {
      r.problem("meanInterval", "must be more than 0s");
    }
    if (min != null && max != null && (min.isZero() || min.compareTo(max) > 0)) {
      r.problem("for", "min must be more than 0s and at most max");
    }
    if (!allowMajorityLoss && cluster.tolerableLosses() == 0 && kinds.keySet().stream().anyMatch(FaultKind::impairsMembers)) {
      r.problem("kinds", "member faults need at least 3 members to keep a majority (or allowMajorityLoss: true)");
    }
    if (start == null || end == null || mean == null || min == null || max == null || kinds.isEmpty()) {
      return null;
    }
    return new RandomFaults(start, end, mean, kinds, min, max, maxConcurrent);
  }

  private static void addKind(Fields r, Map<FaultKind, Integer> kinds, String name, int weight) {
    FaultKind.of(name).ifPresentOrElse(kind -> kinds.put(kind, weight),
        () -> r.problem("kinds", "unknown kind '" + name + "' (" + FaultKind.names() + ")"));
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
