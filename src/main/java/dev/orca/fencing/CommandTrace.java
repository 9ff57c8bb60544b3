package dev.orca.fencing;

import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * With {@code orca.fencing.trace-commands = on}, one log line per command an entity handles or
 * refuses: {@code handled|refused ENTITY COMMAND at=EPOCH_MICROS writer=NAME run=ID}, where run
 * names one start of the entity's actor. Lines of every member put side by side
 * ({@link SingleWriterCheck}) show whether an entity ever ran on two members at once.
 */
public final class CommandTrace {
  private static final Logger log = LoggerFactory.getLogger(CommandTrace.class);

  private final boolean on;
  private final String writer;
  private final String run;

  CommandTrace(boolean on, String writer) {
    this.on = on;
    this.writer = writer;
    this.run = on ? Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong()) : "";
  }

  void handled(String entity, Object command) {
    if (on) {
      log.info("handled {} {} at={} writer={} run={}", entity, command.getClass().getSimpleName(), micros(), writer, run);
    }
  }

  void refused(String entity, Object command) {
    if (on) {
      log.info("refused {} {} at={} writer={} run={}", entity, command.getClass().getSimpleName(), micros(), writer, run);
    }
  }

  private static long micros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
  }
}
