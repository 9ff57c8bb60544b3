package dev.orca.cluster;

import java.util.List;

/**
 * The garbage collector settings a control-plane JVM runs with when nobody chose any: G1 with a
 * young generation of at least a fifth of the heap, and string deduplication.
 *
 * <p>Measured with {@code orca bench scale} (bench/results/gc-2026-11-28.md): G1's young pauses
 * here are almost all the scan of the old objects' cards that point at young ones (~80,000 cards,
 * 40 MB of old objects, per pause at 20,000 pods: long-lived actors, caches and H2's pages are
 * handed new objects all the time; which of them most was not measured). Held to
 * 50 ms pauses, G1 kept the young generation at ~90 MB and paid that scan every second (pauses of
 * ~70 ms, 6 % of the time); with a young generation of ~1 GB it pays it every ~6 s. Filling 5,000
 * nodes with 150,000 pods took 22 % less time. Shenandoah and ZGC (not generational in JDK 17) did
 * better still at 20,000 pods but could not keep up at 150,000 in 8 GiB on two cores: degenerated
 * collections of up to 7.6 s, allocation stalls of seconds.
 */
public final class CollectorChoice {
  /** {@code MaxGCPauseMillis=200} is G1's own default, named because the setting before was 50. */
  public static final List<String> DEFAULTS = List.of("-XX:+UseG1GC", "-XX:+UseStringDeduplication",
      "-XX:MaxGCPauseMillis=200", "-XX:+UnlockExperimentalVMOptions", "-XX:G1NewSizePercent=20");

  private CollectorChoice() {}
}
