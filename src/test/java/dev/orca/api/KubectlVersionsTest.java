package dev.orca.api;

import dev.orca.it.Kubectl;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Aggregated discovery with every kubectl the dispatcher runs, and server-side field validation
 * with those that find it in OpenAPI v3 (1.29 on; 1.27 and 1.28 look for it in OpenAPI v2 only,
 * which is not served, and still need {@code --validate=false}). The minor {@code /version} reports
 * picks the client.
 */
class KubectlVersionsTest {
  private static final AtomicReference<String> minor = new AtomicReference<>(Discovery.DEFAULT_MINOR);
  private static final RequestLog log = new RequestLog();
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = new TestServer(settings -> log.around(ErrorHandling.handled(concat(
        path("version", () -> get(() -> complete(Bodies.renderJson(Discovery.version(minor.get()), 200)))),
        new DiscoveryRoutes().route(), new OpenApiRoutes().route(), OpenApiRoutesTest.createDeploymentStub()))));
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @ParameterizedTest(name = "kubectl 1.{0}")
  @ValueSource(strings = {"27", "28", "29", "30", "31", "32", "33"})
  void apiResourcesFromAggregatedDiscovery(String version, @TempDir Path tmp) throws Exception {
    minor.set(version);
    Kubectl kubectl = new Kubectl(server.port(), tmp);
    log.clear();
    Kubectl.Result resources = kubectl.run("api-resources", "-o", "name");
    assertEquals(0, resources.exitCode(), resources.toString());
    assertTrue(resources.stdout().lines().toList().containsAll(List.of("pods", "nodes", "deployments.apps")),
        resources.toString());
    assertEquals(List.of("GET /version", "GET /api", "GET /apis"), log.paths(), log.lines().toString());
  }

  @ParameterizedTest(name = "kubectl 1.{0}")
  @ValueSource(strings = {"29", "30", "31", "32", "33"})
  void createValidatesOnTheServer(String version, @TempDir Path tmp) throws Exception {
    minor.set(version);
    Kubectl kubectl = new Kubectl(server.port(), tmp);
    log.clear();
    Path file = kubectl.write("deploy.yaml", """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers: [{name: nginx, image: "nginx:1.25"}]
        """);
    Kubectl.Result create = kubectl.run("create", "-f", file.toString());
    assertEquals(0, create.exitCode(), create + "\n" + log.lines());
    assertEquals("deployment.apps/web created\n", create.stdout(), create.toString());
    assertTrue(log.lines().stream().anyMatch(l -> l.startsWith("POST /apis/apps/v1/namespaces/default/deployments?")
        && l.contains("fieldValidation=Strict")), log.lines().toString());
  }
}
