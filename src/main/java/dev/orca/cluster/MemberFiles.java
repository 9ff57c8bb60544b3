package dev.orca.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A local cluster's files under {@code DATA_DIR/members}: {@code NAME.conf} (the member's
 * settings), {@code NAME.pid} (the pid of its running JVM) and {@code NAME/} (its own data);
 * logs go to {@code DATA_DIR/logs/NAME.log}.
 */
public record MemberFiles(Path dataDir) {

  public Path dir() {
    return dataDir.resolve("members");
  }

  public Path conf(String name) {
    return dir().resolve(name + ".conf");
  }

  public Path pidFile(String name) {
    return dir().resolve(name + ".pid");
  }

  public Path log(String name) {
    return dataDir.resolve("logs").resolve(name + ".log");
  }

  public void write(MemberSpec member, List<String> seedNodes, Map<String, Object> settings) {
    try {
      Files.createDirectories(dir().resolve(member.name()));
      Files.createDirectories(log(member.name()).getParent());
      Files.writeString(conf(member.name()), member.toConf(seedNodes, settings));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every member with a file, orca-1 first. */
  public List<MemberSpec> members() {
    if (!Files.isDirectory(dir())) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir())) {
      return files.filter(f -> f.getFileName().toString().endsWith(".conf"))
          .map(f -> {
            try {
              return MemberSpec.fromConf(Files.readString(f));
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          })
          .sorted(Comparator.comparingInt(MemberSpec::index).thenComparing(MemberSpec::name))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Optional<MemberSpec> member(String name) {
    return members().stream().filter(m -> m.name().equals(name)).findFirst();
  }

  public void writePid(String name, long pid) {
    try {
      Files.writeString(pidFile(name), pid + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The recorded pid, if any. */
  public Optional<Long> pid(String name) {
    try {
      return Files.isRegularFile(pidFile(name)) ? Optional.of(Long.parseLong(Files.readString(pidFile(name)).trim()))
          : Optional.empty();
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** The member's JVM, when its recorded pid is alive and still that member (not a reused pid). */
  public Optional<ProcessHandle> process(String name) {
    return pid(name).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive)
        .filter(p -> p.info().commandLine().map(c -> c.contains(marker(name))).orElse(true));
  }

  /** A JVM option naming the member on its command line, so that a reused pid is not taken for it. */
  public static String marker(String name) {
    return "-Dorca.member=" + name;
  }

  public void clearPid(String name) {
    try {
      Files.deleteIfExists(pidFile(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
