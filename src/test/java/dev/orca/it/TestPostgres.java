package dev.orca.it;

import dev.orca.db.JournalSchema;
import dev.orca.db.LocalPostgres;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A private PostgreSQL for this test JVM: initdb and pg_ctl (as the postgres user when root) in
 * target/, on a free 127.0.0.1 port, started by the first test that asks and stopped after the
 * last one. Each test takes a fresh database. Tests are skipped only when no PostgreSQL binaries
 * exist (.ci/run installs them). Use with {@code @ExtendWith(TestPostgres.Resolver.class)} and a
 * {@code TestPostgres} parameter.
 */
final class TestPostgres implements ExtensionContext.Store.CloseableResource, AutoCloseable {
  static final String USER = "orca";
  static final String PASSWORD = "orca";
  private final LocalPostgres server;
  private final AtomicInteger databases = new AtomicInteger();

  private TestPostgres(LocalPostgres server) {
    this.server = server;
  }

  /** A server of its own, for a test that stops and starts it; the caller closes it. */
  static TestPostgres startPrivate() throws Exception {
    return start();
  }

  /** pg_ctl stop -m fast: every connection is cut. */
  void stopServer() throws Exception {
    server.stop();
  }

  void startServer() throws Exception {
    server.start();
  }

  private static TestPostgres start() throws Exception {
    Optional<Path> bin = LocalPostgres.findBinaries();
    Assumptions.assumeTrue(bin.isPresent(), "no PostgreSQL binaries (initdb, pg_ctl) under /usr/lib/postgresql/*/bin or on PATH");
    int port = OrcaProcess.freePort();
    Path dir = Path.of("target", "pg-test-" + port).toAbsolutePath();
    TestOrca.deleteTree(dir);
    LocalPostgres server = new LocalPostgres(dir, port, bin.get(), line -> System.out.println("test postgres: " + line));
    server.init();
    server.start();
    return new TestPostgres(server);
  }

  /** A new, empty database owned by orca/orca with the journal schema; returns its url. */
  String newDatabase() throws Exception {
    return database("orca_" + databases.incrementAndGet());
  }

  /** A database of this name (owned by orca/orca, with the journal schema), made if missing; returns its url. */
  String database(String name) throws Exception {
    server.ensureDatabase(name, USER, PASSWORD);
    String url = server.url(name);
    JournalSchema.createIfMissing(url, USER, PASSWORD);
    return url;
  }

  /**
   * Database {@code name} empty, with the journal schema: for tests whose cluster must use a fixed
   * name (`orca cluster up --postgres-port` journals into database orca) on the shared server.
   */
  String freshDatabase(String name) throws Exception {
    server.dropDatabase(name);
    return database(name);
  }

  int port() {
    return server.port();
  }

  /** The server's data directory (postmaster.pid in it). */
  Path dir() {
    return server.dir();
  }

  /** The overrides that put an Orca's journal on {@code url}. */
  static Map<String, Object> journal(String url) {
    return Map.of("orca.journal.kind", "postgres", "orca.journal.postgres.url", url,
        "orca.journal.postgres.user", USER, "orca.journal.postgres.password", PASSWORD);
  }

  @Override
  public void close() throws Exception {
    server.stop();
    TestOrca.deleteTree(server.dir());
  }

  /** Resolves a {@code TestPostgres} parameter to the JVM-wide server, started on first use. */
  static final class Resolver implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return parameter.getParameter().getType() == TestPostgres.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
          .getOrComputeIfAbsent(TestPostgres.class, k -> {
            try {
              return start();
            } catch (RuntimeException e) {
              throw e;
            } catch (Exception e) {
              throw new IllegalStateException("cannot start the test PostgreSQL", e);
            }
          }, TestPostgres.class);
    }
  }
}
