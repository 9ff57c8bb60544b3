package dev.orca.bench.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ProcessStatsTest {
  @Test
  void readsTheHeapInUseOfG1() {
    String g1 = """
        12345:
         garbage-first heap   total 8388608K, used 1041408K [0x0000000600000000, 0x0000000800000000)
          region size 4096K, 3 young (12288K), 0 survivors (0K)
         Metaspace       used 61234K, committed 62000K, reserved 1114112K
        """;
    assertEquals(1041408L * 1024, ProcessStats.usedBytes(g1));
  }

  @Test
  void readsTheHeapInUseOfZgc() {
    String zgc = """
        5349:
         ZHeap           used 130M, capacity 378M, max capacity 6028M
         Metaspace       used 131K, committed 320K, reserved 1114112K
        """;
    assertEquals(130L << 20, ProcessStats.usedBytes(zgc));
  }

  @Test
  void readsTheHeapInUseOfShenandoah() {
    String shenandoah = """
        6597:
        Shenandoah Heap
         6028M max, 6028M soft max, 200M committed, 100M used
         3014 x 2048K regions
        """;
    assertEquals(100L << 20, ProcessStats.usedBytes(shenandoah));
  }

  @Test
  void saysSoWhenItCannotTell() {
    assertEquals(-1, ProcessStats.usedBytes("Metaspace       used 131K, committed 320K, reserved 1114112K"));
  }
}
