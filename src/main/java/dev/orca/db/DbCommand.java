package dev.orca.db;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.function.Consumer;

/**
 * {@code orca db up|down|status [--data-dir DIR] [--port N]}: a private PostgreSQL for the journal
 * in DIR/pg on 127.0.0.1, with the role, database and schema that orca.journal.postgres names.
 */
public final class DbCommand {
  private DbCommand() {}

  /** Returns the process's exit code. */
  public static int run(String[] args) throws Exception {
    Config config = ConfigFactory.load();
    Path dataDir = Path.of(config.getString("orca.data-dir"));
    int port = 5433;
    String action = args.length > 1 ? args[1] : "";
    for (int i = 2; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      if (value == null) {
        System.err.println("orca db: " + args[i] + " needs a value");
        return 2;
      }
      switch (args[i]) {
        case "--data-dir" -> dataDir = Path.of(value);
        case "--port" -> port = Integer.parseInt(value);
        default -> {
          System.err.println("orca db: unknown flag " + args[i]);
          return 2;
        }
      }
      i++;
    }
    Config pg = config.getConfig("orca.journal.postgres");
    String user = pg.getString("user");
    String password = pg.getString("password");
    String database = databaseOf(pg.getString("url"));
    Consumer<String> progress = line -> System.out.println("orca db: " + line);
    Path dir = dataDir.resolve("pg");
    switch (action) {
      case "up" -> {
        LocalPostgres server = new LocalPostgres(dir, port, LocalPostgres.findOrInstall(progress), progress);
        server.init();
        server.start();
        server.ensureDatabase(database, user, password);
        String url = server.url(database);
        JournalSchema.createIfMissing(url, user, password);
        progress.accept("journal schema ready (" + JournalSchema.events(url, user, password) + " events)");
        progress.accept("PostgreSQL is up at " + url + "; start Orca on it with"
            + " --set orca.journal.kind=postgres" + (url.equals(pg.getString("url")) ? "" : " --set orca.journal.postgres.url=" + url));
        return 0;
      }
      case "down" -> {
        LocalPostgres server = new LocalPostgres(dir, port, binariesOrExit(), progress);
        server.stop();
        return 0;
      }
      case "status" -> {
        LocalPostgres server = new LocalPostgres(dir, port, binariesOrExit(), progress);
        if (!server.initialised()) {
          System.out.println("orca db: no PostgreSQL in " + dir.toAbsolutePath() + " (bin/orca db up creates one)");
          return 3;
        }
        if (!server.running()) {
          System.out.println("orca db: not running (" + dir.toAbsolutePath() + ")");
          return 3;
        }
        String url = server.url(database);
        String events;
        try {
          events = Long.toString(JournalSchema.events(url, user, password));
        } catch (SQLException e) {
          events = "unknown (" + e.getMessage() + ")";
        }
        System.out.println("orca db: running on 127.0.0.1:" + server.runningPort().orElse(port) + " (" + dir.toAbsolutePath()
            + "), database " + database + ", journal: " + events + " events");
        return 0;
      }
      default -> {
        System.err.println("usage: orca db up|down|status [--data-dir DIR] [--port N]");
        return 2;
      }
    }
  }

  private static Path binariesOrExit() {
    return LocalPostgres.findBinaries().orElseGet(() -> {
      System.out.println("orca db: PostgreSQL is not installed (bin/orca db up installs it)");
      System.exit(3);
      return null;
    });
  }

  /** The database name at the end of a jdbc:postgresql url. */
  static String databaseOf(String url) {
    String path = url.substring(url.indexOf("//") + 2);
    String db = path.substring(path.indexOf('/') + 1);
    int q = db.indexOf('?');
    return q < 0 ? db : db.substring(0, q);
  }
}
