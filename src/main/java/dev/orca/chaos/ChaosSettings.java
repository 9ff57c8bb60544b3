package dev.orca.chaos;

import com.typesafe.config.Config;
import java.util.Map;

/** Whether fault injection is on, and what that means for the members {@code orca cluster up} writes. */
public final class ChaosSettings {
  public static final String ENABLED = "orca.chaos.enabled";
  public static final String TEST_MODE = "pekko.remote.artery.advanced.test-mode";

  private ChaosSettings() {}

  /** HOCON's booleans as a value from a --set flag or a config may carry them: on/off, true/false, yes/no. */
  public static boolean truthy(Object value) {
    if (value instanceof Boolean b) {
      return b;
    }
    return value != null && switch (value.toString().strip().toLowerCase()) {
      case "on", "true", "yes" -> true;
      default -> false;
    };
  }

  /**
   * The settings every member gets because of chaos: when it is on (in {@code shared}, the settings
   * written into every member file, or else in {@code config}), Artery's test mode, without which a
   * member cannot blackhole its peers (a partition); nothing when it is off.
   */
  public static Map<String, Object> memberSettings(Map<String, Object> shared, Config config) {
    boolean on = shared.containsKey(ENABLED) ? truthy(shared.get(ENABLED)) : config.getBoolean(ENABLED);
    return on ? Map.of(ENABLED, true, TEST_MODE, true) : Map.of();
  }
}
