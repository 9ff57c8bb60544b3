package dev.orca.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orca.model.Json;
import dev.orca.model.Pod;
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
 * The typical running pod through the API's mapper ({@link Json#mapper()}): to and from bytes
 * (responses, request bodies) and to and from a tree ({@code valueToTree} as lists, watch events
 * and PATCH use it; {@code treeToValue} as every create, update and patch reads the body).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class JsonBenchmark {
  private Pod pod;
  private byte[] bytes;
  private JsonNode tree;

  @Setup
  public void setUp() throws Exception {
    pod = TypicalObjects.pod();
    bytes = Json.mapper().writeValueAsBytes(pod);
    tree = Json.mapper().valueToTree(pod);
    if (!Json.mapper().readValue(bytes, Pod.class).equals(pod)) {
      throw new IllegalStateException("the typical pod does not survive a round trip");
    }
  }

  @Benchmark
  public byte[] serializePod() throws Exception {
    return Json.mapper().writeValueAsBytes(pod);
  }

  @Benchmark
  public Pod deserializePod() throws Exception {
    return Json.mapper().readValue(bytes, Pod.class);
  }

  @Benchmark
  public JsonNode podToTree() {
    return Json.mapper().valueToTree(pod);
  }

  @Benchmark
  public Pod treeToPod() throws Exception {
    return Json.mapper().treeToValue(tree, Pod.class);
  }
}
