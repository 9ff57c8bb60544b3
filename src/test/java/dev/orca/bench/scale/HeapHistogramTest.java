package dev.orca.bench.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class HeapHistogramTest {
  private static final String BEFORE = """
      18521:
       num     #instances         #bytes  class name (module)
      -------------------------------------------------------
         1:        1000          64000  [B (java.base@17.0.15)
         2:         500          12000  java.lang.String (java.base@17.0.15)
         3:          10            400  dev.orca.model.Pod
      Total           1510          76400
      """;
  private static final String AFTER = """
      18521:
       num     #instances         #bytes  class name (module)
      -------------------------------------------------------
         1:        3000         192000  [B (java.base@17.0.15)
         2:         400           9600  java.lang.String (java.base@17.0.15)
         3:         110           4400  dev.orca.model.Pod
         4:          20            960  dev.orca.model.Event
      Total           3530         206960
      """;

  @Test
  void readsEveryRowOfJcmdsHistogram() {
    HeapHistogram h = HeapHistogram.parse(AFTER);
    assertEquals(4, h.classes().size());
    assertEquals(new HeapHistogram.Usage(3000, 192000), h.classes().get("[B"));
    assertEquals(206960, h.totalBytes());
  }

  @Test
  void listsWhatGrewLargestFirstAndLeavesOutWhatShrank() {
    List<HeapHistogram.Growth> growth = HeapHistogram.parse(AFTER).growthSince(HeapHistogram.parse(BEFORE), 2);
    assertEquals(List.of(new HeapHistogram.Growth("[B", 2000, 128000), new HeapHistogram.Growth("dev.orca.model.Pod", 100, 4000)),
        growth);
    assertEquals(3, HeapHistogram.parse(AFTER).growthSince(HeapHistogram.parse(BEFORE), 10).size());
  }
}
