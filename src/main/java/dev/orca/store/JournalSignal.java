package dev.orca.store;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Wakes the journal tail when an entity in this JVM has persisted, so the read side follows the
 * journal within milliseconds without polling it hard. Waking is cheap and idempotent.
 */
public final class JournalSignal {
  private final Semaphore permits = new Semaphore(0);

  public void wake() {
    if (permits.availablePermits() == 0) {
      permits.release();
    }
  }

  /** Waits until woken or the timeout passes; returns early if already woken. */
  void await(long timeoutMillis) throws InterruptedException {
    if (permits.tryAcquire(timeoutMillis, TimeUnit.MILLISECONDS)) {
      permits.drainPermits();
    }
  }
}
