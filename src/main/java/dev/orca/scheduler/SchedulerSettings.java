package dev.orca.scheduler;

import com.typesafe.config.Config;
import java.time.Duration;

/** The scheduler's pace, from {@code orca.scheduler}. */
public record SchedulerSettings(Duration batchInterval, Duration retryInterval, Duration bindTimeout) {

  public static SchedulerSettings from(Config config) {
    return new SchedulerSettings(
        config.getDuration("orca.scheduler.batch-interval"),
        config.getDuration("orca.scheduler.retry-interval"),
        config.getDuration("orca.scheduler.bind-timeout"));
  }
}
