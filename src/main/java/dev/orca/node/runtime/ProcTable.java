package dev.orca.node.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What Linux's {@code /proc} says about processes: their session, start time and state, and a way
 * to signal every process of a session (a container started with {@code setsid} is one session,
 * so this reaches the children of a shell too, even after they were reparented).
 */
final class ProcTable {
  private static final Path PROC = Path.of("/proc");

  private ProcTable() {}

  /**
   * The fields of {@code /proc/PID/stat} this runtime needs; {@code cpuTicks} is the CPU time the
   * process and its reaped children used ({@code utime + stime + cutime + cstime}, in clock ticks).
   */
  record Stat(long pid, char state, long parent, long processGroup, long session, long startTicks, long cpuTicks) {
    /** A zombie has ended; only its parent's wait is missing. */
    boolean ended() {
      return state == 'Z' || state == 'X';
    }
  }

  static boolean available() {
    return Files.isReadable(PROC.resolve("self/stat"));
  }

  /** The process's stat, or empty when it does not exist (any more). */
  static Optional<Stat> stat(long pid) {
    try {
      return Optional.of(parse(pid, Files.readString(PROC.resolve(pid + "/stat"), StandardCharsets.UTF_8)));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Whether the process exists and has not ended (a zombie counts as ended). */
  static boolean alive(long pid) {
    return stat(pid).map(s -> !s.ended()).orElse(false);
  }

  /** Whether the process exists, has not ended and is the one that started at {@code startTicks}. */
  static boolean alive(long pid, long startTicks) {
    return stat(pid).map(s -> !s.ended() && s.startTicks() == startTicks).orElse(false);
  }

  /** The live processes of a session. */
  static List<Stat> session(long sessionId) {
    List<Stat> members = new ArrayList<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(PROC)) {
      for (Path dir : dirs) {
        String name = dir.getFileName().toString();
        if (!isNumber(name)) {
          continue;
        }
        stat(Long.parseLong(name))
            .filter(s -> s.session() == sessionId && !s.ended())
            .ifPresent(members::add);
      }
    } catch (IOException e) {
      // /proc unreadable: nothing to report
    }
    return members;
  }

  /** Sends SIGTERM to every live process of the session. */
  static void terminateSession(long sessionId) {
    if (isOwnSession(sessionId)) {
      return;
    }
    for (Stat s : session(sessionId)) {
      ProcessHandle.of(s.pid()).ifPresent(ProcessHandle::destroy);
    }
  }

  /**
   * Sends SIGKILL to every process of the session, again until none is left (a process may fork
   * between two passes, never after it got SIGKILL). Returns whether the session is empty.
   */
  static boolean killSession(long sessionId) {
    if (isOwnSession(sessionId)) {
      return false;
    }
    for (int pass = 0; pass < 20; pass++) {
      List<Stat> members = session(sessionId);
      if (members.isEmpty()) {
        return true;
      }
      for (Stat s : members) {
        ProcessHandle.of(s.pid()).ifPresent(ProcessHandle::destroyForcibly);
      }
    }
    return session(sessionId).isEmpty();
  }

  /** This JVM's own session is never signalled, whatever a stale record says. */
  private static boolean isOwnSession(long sessionId) {
    long self = ProcessHandle.current().pid();
    return sessionId == self || stat(self).map(s -> s.session() == sessionId).orElse(false);
  }

  /** The kernel's id of this boot: PIDs and start times of another boot mean nothing now. */
  static String bootId() {
    try {
      return Files.readString(PROC.resolve("sys/kernel/random/boot_id"), StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }

  static Stat parse(long pid, String stat) {
    // "pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime
    //  cutime cstime priority nice threads itrealvalue starttime ..." — comm may hold spaces and ')'.
    int close = stat.lastIndexOf(')');
    String[] f = stat.substring(close + 2).trim().split(" ");
    return new Stat(pid, f[0].charAt(0), Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
        Long.parseLong(f[19]), Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13])
            + Long.parseLong(f[14]));
  }

  /** Clock ticks per second of the times in {@code /proc} (USER_HZ: 100 on every Linux ABI Orca runs on). */
  static final long TICKS_PER_SECOND = 100;

  /** The live processes of each of these sessions, read in one pass over {@code /proc}. */
  static java.util.Map<Long, List<Stat>> sessions(java.util.Set<Long> sessionIds) {
    java.util.Map<Long, List<Stat>> members = new java.util.HashMap<>();
    if (sessionIds.isEmpty()) {
      return members;
    }
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(PROC)) {
      for (Path dir : dirs) {
        String name = dir.getFileName().toString();
        if (!isNumber(name)) {
          continue;
        }
        stat(Long.parseLong(name))
            .filter(s -> sessionIds.contains(s.session()) && !s.ended())
            .ifPresent(s -> members.computeIfAbsent(s.session(), k -> new ArrayList<>()).add(s));
      }
    } catch (IOException e) {
      // /proc unreadable: nothing to report
    }
    return members;
  }

  /** The process's resident set ({@code VmRSS} of {@code /proc/PID/status}) in bytes; 0 when it is gone. */
  static long residentBytes(long pid) {
    try {
      return parseVmRss(Files.readString(PROC.resolve(pid + "/status"), StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  static long parseVmRss(String status) {
    for (String line : status.split("\n")) {
      if (line.startsWith("VmRSS:")) {
        return kiloBytes(line.substring("VmRSS:".length()));
      }
    }
    return 0; // kernel threads and zombies have none
  }

  /** "   1234 kB" → 1263616. */
  static long kiloBytes(String value) {
    String v = value.trim();
    if (v.endsWith("kB")) {
      v = v.substring(0, v.length() - 2).trim();
    }
    return Long.parseLong(v) * 1024;
  }

  private static boolean isNumber(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!Character.isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
