package dev.orca.node.runtime;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the file a container's {@code command[0]} names, before anything is spawned, so that a
 * missing program is a clear {@code RunContainerError} with the message a container runtime gives
 * (runc's {@code exec: "nosuch": executable file not found in $PATH}), not the exit code of a
 * launcher that failed to exec it.
 */
final class Executables {
  private Executables() {}

  /**
   * The path to execute: {@code command} itself (relative to {@code workDir}) when it holds a
   * slash, otherwise the first executable regular file of that name on {@code path}.
   */
  static String resolve(String command, String path, Path workDir) {
    if (command.isEmpty()) {
      throw notFound(command);
    }
    if (command.indexOf('/') >= 0) {
      Path file = workDir.resolve(command);
      if (!Files.exists(file)) {
        throw failure(command, "stat " + command + ": no such file or directory");
      }
      if (Files.isDirectory(file)) {
        throw failure(command, "is a directory");
      }
      if (!Files.isExecutable(file)) {
        throw failure(command, "permission denied");
      }
      return file.toString();
    }
    if (path != null) {
      for (String dir : path.split(":")) {
        if (dir.isEmpty()) {
          continue;
        }
        Path file = workDir.resolve(dir).resolve(command);
        if (Files.isRegularFile(file) && Files.isExecutable(file)) {
          return file.toString();
        }
      }
    }
    throw notFound(command);
  }

  private static ContainerStartException notFound(String command) {
    return failure(command, "executable file not found in $PATH");
  }

  private static ContainerStartException failure(String command, String why) {
    return new ContainerStartException(ContainerStartException.RUN_CONTAINER_ERROR,
        "exec: \"" + command + "\": " + why);
  }
}
