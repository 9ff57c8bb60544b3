package dev.orca.cluster;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The shipped settings (conf/cluster.conf) on a clock the test moves. */
class JoiningFailureDetectorTest {
  private static final Config SETTINGS = ConfigFactory.load().getConfig("pekko.cluster.failure-detector");

  private long now = TimeUnit.HOURS.toNanos(1);
  private final JoiningFailureDetector detector = new JoiningFailureDetector(SETTINGS, null, () -> now);

  /** Heartbeats every 500 ms (the configured interval) for {@code seconds}. */
  private void heartbeatsFor(double seconds) {
    for (long sent = 0; sent < seconds * 1000; sent += 500) {
      detector.heartbeat();
      now += TimeUnit.MILLISECONDS.toNanos(500);
    }
  }

  private void silentFor(double seconds) {
    now += (long) (seconds * 1e9);
  }

  @Test
  void theConfiguredDetectorIsThisOne() {
    assertTrue(SETTINGS.getString("implementation-class").equals(JoiningFailureDetector.class.getName()));
  }

  @Test
  void aMemberSilentFor3sRightAfterJoiningIsStillAvailableButNotAfter6s() {
    assertFalse(detector.isMonitoring());
    heartbeatsFor(5);
    assertTrue(detector.isMonitoring());
    silentFor(3); // turbo (1 s pause) gives up at ~1.5 s
    assertTrue(detector.isAvailable());
    silentFor(3);
    assertFalse(detector.isAvailable());
  }

  @Test
  void onceItHasRunForTheJoiningPeriodTheTurboPauseApplies() {
    heartbeatsFor(SETTINGS.getDuration("while-joining.for").toSeconds() + 1);
    silentFor(1);
    assertTrue(detector.isAvailable());
    silentFor(1.5);
    assertFalse(detector.isAvailable());
  }

  @Test
  void aMemberThatHeartbeatsAgainIsAvailableAgain() {
    heartbeatsFor(SETTINGS.getDuration("while-joining.for").toSeconds() + 1);
    silentFor(3);
    assertFalse(detector.isAvailable());
    heartbeatsFor(1);
    assertTrue(detector.isAvailable());
  }
}
