package dev.orca.node.network;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Which process holds which address of the machine's pod network, shared by every Orca on the
 * machine: one file per address under a directory on tmpfs ({@code /run}, cleared at boot like the
 * network namespaces themselves), created atomically (a hard link, which fails if the address is
 * taken) and naming its sandbox and its owner (pid and start time). A lease whose owner is gone is
 * stale: the next Orca to start removes what it names.
 */
final class AddressLeases {
  /** An unreadable lease younger than this may be one being written. */
  private static final Duration UNREADABLE_GRACE = Duration.ofMinutes(1);

  /**
   * @param address the leased address (a pod's IP, or an address exposed on the bridge)
   * @param sandbox the pod's network namespace, or {@code -} for an exposed address
   * @param ownerPid the Orca process holding it
   * @param ownerStart that process's start time (epoch ms), so a reused pid is not taken for the owner
   */
  record Lease(String address, String sandbox, long ownerPid, long ownerStart) {
    boolean isPod() {
      return !"-".equals(sandbox);
    }
  }

  private final Path dir;
  private final long myPid = ProcessHandle.current().pid();
  private final long myStart = startOf(ProcessHandle.current()).orElse(0L);

  AddressLeases(Path dir) {
    this.dir = dir;
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
  }

  /** Takes the address for this process; false when another lease holds it. */
  boolean acquire(String address, String sandbox) {
    Path target = dir.resolve(address);
    Path temp = dir.resolve("." + address + "." + myPid + "." + System.nanoTime());
    try {
      Files.writeString(temp, sandbox + " " + myPid + " " + myStart + "\n", StandardCharsets.UTF_8);
      Files.createLink(target, temp);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lease " + address + " in " + dir, e);
    } finally {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException e) {
        // a stray temp file is harmless
      }
    }
  }

  void release(String address) {
    try {
      Files.deleteIfExists(dir.resolve(address));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot release " + address, e);
    }
  }

  /** Every lease, by any process. Unreadable leases older than a minute are deleted. */
  List<Lease> all() {
    List<Lease> leases = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.toList()) {
        String name = file.getFileName().toString();
        if (name.startsWith(".")) {
          deleteIfOlderThanGrace(file);
          continue;
        }
        Optional<Lease> lease = read(file);
        if (lease.isPresent()) {
          leases.add(lease.get());
        } else {
          deleteIfOlderThanGrace(file);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
    return leases;
  }

  /** Whether the lease's owner still runs (this process included). */
  boolean ownerAlive(Lease lease) {
    if (lease.ownerPid() == myPid) {
      return lease.ownerStart() == myStart;
    }
    return ProcessHandle.of(lease.ownerPid()).flatMap(AddressLeases::startOf)
        .map(start -> start == lease.ownerStart()).orElse(false);
  }

  private Optional<Lease> read(Path file) {
    try {
      String[] parts = Files.readString(file, StandardCharsets.UTF_8).trim().split(" ");
      if (parts.length != 3) {
        return Optional.empty();
      }
      return Optional.of(new Lease(file.getFileName().toString(), parts[0], Long.parseLong(parts[1]),
          Long.parseLong(parts[2])));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static void deleteIfOlderThanGrace(Path file) {
    try {
      FileTime modified = Files.getLastModifiedTime(file);
      if (modified.toInstant().isBefore(Instant.now().minus(UNREADABLE_GRACE))) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      // gone already, or not ours to delete
    }
  }

  private static Optional<Long> startOf(ProcessHandle process) {
    return process.info().startInstant().map(Instant::toEpochMilli);
  }
}
