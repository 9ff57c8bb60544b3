package dev.orca.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.orca.model.ResourceType;
import dev.orca.store.ObjectKey;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class GarbageCollectorSliceTest {
  @Test
  void everyObjectIsSweptInExactlyOneSliceAndTheSlicesShareThemOut() {
    int[] perSlice = new int[GarbageCollector.SLICES];
    for (int i = 0; i < 10_000; i++) {
      ObjectKey key = new ObjectKey(i % 2 == 0 ? ResourceType.POD : ResourceType.EVENT, "ns-" + (i % 7), "object-" + i);
      long slices = IntStream.range(0, GarbageCollector.SLICES).filter(s -> GarbageCollector.inSlice(key, s)).count();
      assertEquals(1, slices, key + " is in one slice");
      IntStream.range(0, GarbageCollector.SLICES).filter(s -> GarbageCollector.inSlice(key, s)).forEach(s -> perSlice[s]++);
    }
    for (int count : perSlice) {
      assertTrue(count > 700 && count < 1300, "a slice holds about a tenth: " + count);
    }
  }
}
