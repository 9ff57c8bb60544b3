package dev.orca.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.orca.boot.OrcaSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemberSpecTest {
  private static final MemberSpec MEMBER = new MemberSpec("orca-2", List.of("api", "worker"), 8081, 25521, 8559, 2);
  private static final List<String> SEEDS = List.of("pekko://orca@127.0.0.1:25520", "pekko://orca@127.0.0.1:25521");

  @Test
  void theMemberFileReadsBackAsTheSameMember() {
    String conf = MEMBER.toConf(SEEDS, Map.of());
    assertEquals(MEMBER, MemberSpec.fromConf(conf));
    Config c = ConfigFactory.parseString(conf);
    assertEquals(SEEDS, c.getStringList("pekko.cluster.seed-nodes"));
    assertTrue(c.getBoolean("pekko.coordinated-shutdown.exit-jvm"), "a downed member must leave its JVM");
    assertEquals("orca-2-sim-", c.getString("orca.simulated-node.name-prefix"));
  }

  @Test
  void sharedSettingsWithOddCharactersSurviveTheFile() {
    Map<String, Object> shared = new java.util.HashMap<>(
        Postgres.journalSettings("jdbc:postgresql://127.0.0.1:5432/orca", "orca", "o'dd \"pass\" $word"));
    Config c = ConfigFactory.parseString(MEMBER.toConf(SEEDS, shared));
    assertEquals("o'dd \"pass\" $word", c.getString("orca.journal.postgres.password"));
    assertEquals("postgres", c.getString("orca.journal.kind"));
    assertEquals("jdbc:postgresql://127.0.0.1:5432/orca", c.getString("orca.journal.postgres.url"));
  }

  @Test
  void upDashDashMemberStartsFromTheFileAndItsOwnDataDirectory(@TempDir Path dir) throws Exception {
    MemberFiles files = new MemberFiles(dir);
    files.write(MEMBER, SEEDS, Map.of("orca.node.grace-period", "7s"));
    OrcaSettings settings = OrcaSettings.member(dir, "orca-2");
    assertEquals(8081, settings.port());
    assertEquals(List.of("api", "worker"), settings.roles());
    assertEquals(dir.resolve("members").resolve("orca-2"), settings.dataDir());
    Config config = settings.with("orca.node.grace-period", "9s").config();
    assertEquals(25521, config.getInt("pekko.remote.artery.canonical.port"));
    assertEquals(8559, config.getInt("pekko.management.http.port"), "the management port follows the member's");
    assertEquals(java.time.Duration.ofSeconds(9), config.getDuration("orca.node.grace-period"), "--set wins");
    assertEquals(List.of(MEMBER), files.members());
    assertTrue(Files.isDirectory(dir.resolve("logs")));
  }

  @Test
  void pidsAreRecordedAndAPidOfAnotherProgramIsNotTheMember(@TempDir Path dir) {
    MemberFiles files = new MemberFiles(dir);
    files.write(MEMBER, SEEDS, Map.of());
    assertTrue(files.process("orca-2").isEmpty());
    files.writePid("orca-2", ProcessHandle.current().pid());
    assertEquals(ProcessHandle.current().pid(), files.pid("orca-2").orElseThrow());
    assertTrue(files.process("orca-2").isEmpty(), "this test JVM is alive but it is not orca-2");
    files.clearPid("orca-2");
    assertTrue(files.pid("orca-2").isEmpty());
  }
}
