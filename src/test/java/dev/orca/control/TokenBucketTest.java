package dev.orca.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

  private static final long MS = 1_000_000;

  @Test
  void aFullBucketGrantsItsBurstThenWhatTheRateRefills() {
    TokenBucket bucket = new TokenBucket(2000, 1000, 0);
    assertEquals(500, bucket.take(500, 0));
    assertEquals(500, bucket.take(800, 0), "only the rest of the burst");
    assertEquals(0, bucket.take(1, 0));
    assertEquals(200, bucket.take(500, 100 * MS), "2,000 a second: 200 after 100 ms");
  }

  @Test
  void itNeverHoldsMoreThanItsBurst() {
    TokenBucket bucket = new TokenBucket(2000, 1000, 0);
    bucket.take(1000, 0);
    assertEquals(1000, bucket.take(5000, 60_000 * MS), "a minute idle refills the burst, no more");
  }

  @Test
  void itSaysWhenTheNextTokenIsDue() {
    TokenBucket bucket = new TokenBucket(10, 1, 0);
    assertEquals(Duration.ZERO, bucket.untilNext(0));
    assertEquals(1, bucket.take(3, 0));
    assertEquals(Duration.ofMillis(100), bucket.untilNext(0));
    assertEquals(Duration.ofMillis(60), bucket.untilNext(40 * MS));
  }

  @Test
  void nonsenseSettingsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new TokenBucket(0, 10, 0));
    assertThrows(IllegalArgumentException.class, () -> new TokenBucket(10, 0, 0));
  }
}
