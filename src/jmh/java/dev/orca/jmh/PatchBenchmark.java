package dev.orca.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orca.api.patch.Patches;
import dev.orca.model.Json;
import dev.orca.model.Pod;
import java.nio.charset.StandardCharsets;
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
 * PATCH bodies applied as {@code ObjectService.patch} applies them: the body's bytes to the stored
 * object as a JSON tree, through {@link Patches#apply} (which parses the body).
 * {@code strategicMergePod} is {@code kubectl set image} plus a label and an env change on the
 * typical pod (containers and env merged by name); {@code strategicMergeDeployment} is
 * {@code kubectl rollout restart} with a new image on its Deployment; {@code mergePatchPod} is
 * the pod's patch as a JSON merge patch (lists replaced); {@code strategicMergePodRoundTrip} adds
 * the record-to-tree and tree-to-record conversions around the strategic merge, as the API does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class PatchBenchmark {
  static final String POD_PATCH = """
      {"metadata": {"labels": {"version": "1.14.3"}},
       "spec": {"containers": [{"name": "app", "image": "registry.local/shop/web:1.14.3",
                                "env": [{"name": "LOG_LEVEL", "value": "debug"}]}]}}
      """;
  static final String DEPLOYMENT_PATCH = """
      {"spec": {"template": {
         "metadata": {"annotations": {"kubectl.kubernetes.io/restartedAt": "2026-11-27T09:00:00Z"}},
         "spec": {"containers": [{"name": "app", "image": "registry.local/shop/web:1.14.3"}]}}}}
      """;

  private Pod pod;
  private JsonNode podTree;
  private JsonNode deploymentTree;
  private byte[] podPatch;
  private byte[] deploymentPatch;

  @Setup
  public void setUp() {
    pod = TypicalObjects.pod();
    podTree = Json.mapper().valueToTree(pod);
    deploymentTree = Json.mapper().valueToTree(TypicalObjects.deployment());
    podPatch = POD_PATCH.getBytes(StandardCharsets.UTF_8);
    deploymentPatch = DEPLOYMENT_PATCH.getBytes(StandardCharsets.UTF_8);
    JsonNode patched = Patches.apply(Patches.STRATEGIC_MERGE_PATCH, podTree, podPatch, "Pod");
    if (patched.at("/spec/containers").size() != 2 || patched.at("/spec/containers/0/env").size() != 5) {
      throw new IllegalStateException("the strategic merge did not merge containers by name: " + patched);
    }
  }

  @Benchmark
  public JsonNode strategicMergePod() {
    return Patches.apply(Patches.STRATEGIC_MERGE_PATCH, podTree, podPatch, "Pod");
  }

  @Benchmark
  public JsonNode strategicMergeDeployment() {
    return Patches.apply(Patches.STRATEGIC_MERGE_PATCH, deploymentTree, deploymentPatch, "Deployment");
  }

  @Benchmark
  public JsonNode mergePatchPod() {
    return Patches.apply(Patches.MERGE_PATCH, podTree, podPatch, "Pod");
  }

  @Benchmark
  public Pod strategicMergePodRoundTrip() throws Exception {
    JsonNode original = Json.mapper().valueToTree(pod);
    JsonNode patched = Patches.apply(Patches.STRATEGIC_MERGE_PATCH, original, podPatch, "Pod");
    return Json.mapper().treeToValue(patched, Pod.class);
  }
}
