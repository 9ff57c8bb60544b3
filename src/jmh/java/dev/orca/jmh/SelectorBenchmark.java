package dev.orca.jmh;

import dev.orca.model.LabelSelector;
import dev.orca.model.LabelSelectorQuery;
import dev.orca.model.LabelSelectorRequirement;
import dev.orca.model.LabelSelectors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Label selector matching, per pod's labels: a structured selector ({@code matchLabels} and
 * {@code matchExpressions}, as pod anti-affinity terms and ReplicaSet status use it), a
 * {@code labelSelector} query as a list or watch parses it once ({@code queryParse}) and then
 * matches it against every object ({@code queryMatch}). The labels cycle through 1,024 pods of
 * which about a quarter match.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class SelectorBenchmark {
  static final String QUERY = "app=web,tier in (frontend,backend),env!=dev,!canary";
  private static final int LABEL_SETS = 1024;

  private LabelSelector structured;
  private LabelSelectorQuery query;
  private List<Map<String, String>> labels;
  private int next;

  @Setup
  public void setUp() {
    structured = new LabelSelector(Map.of("app", "web"), List.of(
        new LabelSelectorRequirement("tier", "In", List.of("frontend", "backend")),
        new LabelSelectorRequirement("env", "NotIn", List.of("dev")),
        new LabelSelectorRequirement("canary", "DoesNotExist", null)));
    query = LabelSelectorQuery.parse(QUERY);
    labels = new ArrayList<>(LABEL_SETS);
    String[] tiers = {"frontend", "backend", "cache"};
    String[] envs = {"prod", "staging", "dev"};
    for (int i = 0; i < LABEL_SETS; i++) {
      Map<String, String> l = new LinkedHashMap<>();
      l.put("app", i % 2 == 0 ? "web" : "api");
      l.put("tier", tiers[i % 3]);
      l.put("env", envs[(i / 3) % 3]);
      l.put("pod-template-hash", Integer.toHexString(0x7d4b9c00 + i % 7));
      if (i % 16 == 5) {
        l.put("canary", "true");
      }
      labels.add(Map.copyOf(l));
    }
  }

  private Map<String, String> nextLabels() {
    next = (next + 1) & (LABEL_SETS - 1);
    return labels.get(next);
  }

  @Benchmark
  public boolean structuredMatch() {
    return LabelSelectors.matches(structured, nextLabels());
  }

  @Benchmark
  public LabelSelectorQuery queryParse() {
    return LabelSelectorQuery.parse(QUERY);
  }

  @Benchmark
  public boolean queryMatch() {
    return query.matches(nextLabels());
  }
}
