package dev.orca.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class OrcaSettingsTest {
  private static final List<String> SEEDS =
      List.of("pekko://orca@127.0.0.1:25520", "pekko://orca@127.0.0.1:25521", "pekko://orca@127.0.0.1:25522");

  @Test
  void aRejoiningMemberPutsItselfLastAmongTheSeedNodes() {
    OrcaSettings first = OrcaSettings.defaults().with("pekko.cluster.seed-nodes", SEEDS)
        .with("pekko.remote.artery.canonical.port", 25520);
    assertEquals(List.of(SEEDS.get(1), SEEDS.get(2), SEEDS.get(0)),
        first.rejoining().config().getStringList("pekko.cluster.seed-nodes"));

    OrcaSettings third = first.with("pekko.remote.artery.canonical.port", 25522);
    assertEquals(SEEDS, third.rejoining().config().getStringList("pekko.cluster.seed-nodes"));
  }

  @Test
  void aJvmThatIsNoSeedKeepsTheList() {
    OrcaSettings other = OrcaSettings.defaults().with("pekko.cluster.seed-nodes", SEEDS)
        .with("pekko.remote.artery.canonical.port", 30000);
    assertEquals(SEEDS, other.rejoining().config().getStringList("pekko.cluster.seed-nodes"));
  }
}
