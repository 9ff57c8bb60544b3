package dev.orca.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.orca.cluster.MemberSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChaosSettingsTest {
  private static final Config CONF = ConfigFactory.load();

  @Test
  void offByDefaultAndThenNoTestModeInTheMemberFiles() {
    assertFalse(CONF.getBoolean(ChaosSettings.ENABLED));
    assertFalse(CONF.getBoolean(ChaosSettings.TEST_MODE));
    assertEquals(Map.of(), ChaosSettings.memberSettings(Map.of(), CONF));
    assertEquals(Map.of(), ChaosSettings.memberSettings(Map.of(ChaosSettings.ENABLED, "off"), CONF));
  }

  @Test
  void onItPutsArteryInTestModeInEveryMemberFile() {
    for (Object on : List.of("on", "true", "yes", true)) {
      Map<String, Object> settings = ChaosSettings.memberSettings(Map.of(ChaosSettings.ENABLED, on), CONF);
      Config member = ConfigFactory.parseString(new MemberSpec("orca-1", List.of("control"), 8080, 25520, 8558, 1)
          .toConf(List.of(), settings));
      assertTrue(member.getBoolean(ChaosSettings.TEST_MODE), on.toString());
      assertTrue(member.getBoolean(ChaosSettings.ENABLED), on.toString());
    }
    Config enabled = ConfigFactory.parseMap(Map.of(ChaosSettings.ENABLED, true)).withFallback(CONF);
    assertEquals(Map.of(ChaosSettings.ENABLED, true, ChaosSettings.TEST_MODE, true), ChaosSettings.memberSettings(Map.of(), enabled));
  }
}
