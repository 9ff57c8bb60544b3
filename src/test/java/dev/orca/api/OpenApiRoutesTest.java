package dev.orca.api;

import dev.orca.it.Kubectl;

import static dev.orca.api.TestServer.contentType;
import static dev.orca.api.TestServer.json;
import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.extractStrictEntity;
import static org.apache.pekko.http.javadsl.server.Directives.parameterOptional;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orca.model.ResourceType;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenApiRoutesTest {
  private static final String DEPLOYMENT = """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
        labels:
          app: web
      spec:
        replicas: 3
        selector:
          matchLabels:
            app: web
        template:
          metadata:
            labels:
              app: web
          spec:
            containers:
            - name: nginx
              image: nginx:1.25
              ports:
              - containerPort: 80
      """;
  private static final String DEPLOYMENT_WITH_TYPOS =
      DEPLOYMENT.replace("  replicas: 3", "  replicass: 3").replace("  image: nginx", "  imagee: nginx");

  private static final RequestLog log = new RequestLog();
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = new TestServer(settings -> log.around(ErrorHandling.handled(concat(
        new DiscoveryRoutes().route(), new OpenApiRoutes().route(), createDeploymentStub()))));
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @BeforeEach
  void clearLog() {
    log.clear();
  }

  /**
   * Only for these tests: a create of Deployments that checks fields as its fieldValidation
   * parameter asks, and answers 201 with the body it received.
   */
  static Route createDeploymentStub() {
    return path(PathMatchers.segment("apis").slash("apps").slash("v1").slash("namespaces")
        .slash(PathMatchers.segment()).slash("deployments"), namespace -> post(() ->
        parameterOptional(FieldValidation.PARAMETER, directive ->
            extractStrictEntity(Duration.ofSeconds(5), entity -> {
              byte[] raw = entity.getData().toArray();
              JsonNode body = Bodies.parse(entity.getContentType(), raw);
              List<String> warnings = FieldValidation.parse(directive.orElse(null))
                  .check(ResourceType.DEPLOYMENT, raw, body);
              return complete(org.apache.pekko.http.javadsl.model.HttpResponse.create().withStatus(201)
                  .withHeaders(FieldValidation.warningHeaders(warnings))
                  .withEntity(ContentTypes.APPLICATION_JSON, raw));
            }))));
  }

  // ---- the documents ------------------------------------------------------------------------

  @Test
  void theIndexNamesOneDocumentPerGroupVersionWithItsHash() throws Exception {
    HttpResponse<String> r = server.get("/openapi/v3?timeout=32s", "Accept", "application/json, */*");
    assertEquals(200, r.statusCode());
    assertEquals("application/json", contentType(r));
    JsonNode paths = json(r).path("paths");
    assertEquals(List.of("api/v1", "apis/apps/v1", "apis/discovery.k8s.io/v1"), fieldNames(paths));
    for (OpenApi.Document d : OpenApi.shared().documents()) {
      String url = paths.path(d.path()).path("serverRelativeURL").asText();
      assertEquals("/openapi/v3/" + d.path() + "?hash=" + d.hash(), url);
      assertTrue(d.hash().matches("[0-9A-F]{128}"), d.hash());
    }
  }

  @Test
  void aDocumentAskedForByItsHashIsImmutable() throws Exception {
    String url = json(server.get("/openapi/v3")).path("paths").path("apis/apps/v1").path("serverRelativeURL").asText();
    HttpResponse<String> r = server.get(url, "Accept", "application/json");
    assertEquals(200, r.statusCode());
    assertEquals("application/json", contentType(r));
    assertEquals("public, immutable", r.headers().firstValue("Cache-Control").orElse(""));
    assertTrue(r.headers().firstValue("Expires").isPresent());
    String hash = url.substring(url.indexOf("hash=") + 5);
    assertEquals("\"" + hash + "\"", r.headers().firstValue("ETag").orElse(""));
    // The hash is the SHA-512 of what is served.
    assertEquals(hash, HexFormat.of().withUpperCase().formatHex(
        MessageDigest.getInstance("SHA-512").digest(r.body().getBytes(StandardCharsets.UTF_8))));

    HttpResponse<String> again = server.get(url, "If-None-Match", "\"" + hash + "\"");
    assertEquals(304, again.statusCode());
    HttpResponse<String> bare = server.get("/openapi/v3/apis/apps/v1");
    assertEquals(200, bare.statusCode());
    assertEquals(r.body(), bare.body());
    assertEquals("no-cache, private", bare.headers().firstValue("Cache-Control").orElse(""));
  }

  @Test
  void aStaleHashIsRedirectedToTheCurrentDocument() throws Exception {
    HttpResponse<String> r = server.get("/openapi/v3/api/v1?hash=0123456789ABCDEF");
    assertEquals(301, r.statusCode());
    assertEquals(OpenApi.shared().document("api/v1").orElseThrow().serverRelativeURL(),
        r.headers().firstValue("Location").orElse(""));
  }

  @Test
  void unservedDocumentsAreNotFound() throws Exception {
    for (String p : List.of("/openapi/v3/apis/batch/v1", "/openapi/v3/api/v2", "/openapi/v2", "/openapi/v3/apis/apps")) {
      HttpResponse<String> r = server.get(p);
      assertEquals(404, r.statusCode(), p);
      assertEquals("Status", json(r).path("kind").asText(), p);
    }
  }

  @Test
  void theGenerationIsStable() {
    OpenApi again = OpenApi.generate();
    for (OpenApi.Document d : OpenApi.shared().documents()) {
      assertEquals(d.hash(), again.document(d.path()).orElseThrow().hash(), d.path());
    }
    assertEquals(new String(OpenApi.shared().index(), StandardCharsets.UTF_8),
        new String(again.index(), StandardCharsets.UTF_8));
  }

  @Test
  void deploymentSchemaAndOperations() throws Exception {
    JsonNode doc = json(server.get("/openapi/v3/apis/apps/v1"));
    assertEquals("3.0.0", doc.path("openapi").asText());
    assertEquals("Kubernetes", doc.path("info").path("title").asText());
    JsonNode schemas = doc.path("components").path("schemas");

    JsonNode deployment = schemas.path("io.k8s.api.apps.v1.Deployment");
    assertEquals("object", deployment.path("type").asText());
    assertEquals("[{\"group\":\"apps\",\"kind\":\"Deployment\",\"version\":\"v1\"}]",
        deployment.path("x-kubernetes-group-version-kind").toString());
    assertEquals("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta",
        deployment.path("properties").path("metadata").path("$ref").asText());
    assertEquals("string", deployment.path("properties").path("apiVersion").path("type").asText());
    JsonNode spec = resolve(doc, deployment.path("properties").path("spec"));
    assertEquals("{\"type\":\"integer\",\"format\":\"int32\"}", spec.path("properties").path("replicas").toString());
    assertEquals("boolean", spec.path("properties").path("paused").path("type").asText());
    JsonNode rollingUpdate = resolve(doc, resolve(doc, spec.path("properties").path("strategy"))
        .path("properties").path("rollingUpdate"));
    assertTrue(rollingUpdate.path("properties").path("maxSurge").path("x-kubernetes-int-or-string").asBoolean());
    assertEquals("[{\"group\":\"apps\",\"kind\":\"DeploymentList\",\"version\":\"v1\"}]",
        schemas.path("io.k8s.api.apps.v1.DeploymentList").path("x-kubernetes-group-version-kind").toString());
    // A Deployment's pods are core v1 types, its selector a meta v1 one.
    assertTrue(schemas.has("io.k8s.api.core.v1.PodTemplateSpec"));
    assertTrue(schemas.has("io.k8s.api.core.v1.Container"));
    assertTrue(schemas.has("io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector"));

    JsonNode paths = doc.path("paths");
    JsonNode item = paths.path("/apis/apps/v1/namespaces/{namespace}/deployments/{name}");
    assertEquals(List.of("parameters", "get", "put", "delete", "patch"), fieldNames(item));
    JsonNode patch = item.path("patch");
    assertEquals("{\"group\":\"apps\",\"kind\":\"Deployment\",\"version\":\"v1\"}",
        patch.path("x-kubernetes-group-version-kind").toString());
    assertEquals("patch", patch.path("x-kubernetes-action").asText());
    assertEquals("patchAppsV1NamespacedDeployment", patch.path("operationId").asText());
    assertEquals(List.of("dryRun", "fieldManager", "fieldValidation", "force"), parameterNames(patch));
    assertTrue(patch.path("parameters").findValues("in").stream().allMatch(in -> in.asText().equals("query")));
    assertFalse(patch.path("requestBody").path("content").has("application/strategic-merge-patch+json"));
    assertTrue(patch.path("requestBody").path("content").has("application/merge-patch+json"));

    JsonNode collection = paths.path("/apis/apps/v1/namespaces/{namespace}/deployments");
    assertEquals(List.of("dryRun", "fieldManager", "fieldValidation"), parameterNames(collection.path("post")));
    assertEquals("post", collection.path("post").path("x-kubernetes-action").asText());
    assertEquals("#/components/schemas/io.k8s.api.apps.v1.Deployment",
        collection.path("post").path("requestBody").path("content").path("*/*").path("schema").path("$ref").asText());
    assertEquals("list", collection.path("get").path("x-kubernetes-action").asText());
    assertTrue(parameterNames(collection.path("get")).containsAll(List.of("labelSelector", "fieldSelector", "watch")));
    assertEquals(List.of("dryRun", "fieldManager", "fieldValidation"), parameterNames(item.path("put")));
    assertTrue(paths.has("/apis/apps/v1/namespaces/{namespace}/deployments/{name}/status"));
    assertTrue(paths.has("/apis/apps/v1/deployments"));
    assertTrue(paths.has("/apis/apps/v1/namespaces/{namespace}/replicasets/{name}"));
  }

  @Test
  void coreSchemasMapRecordTypesToOpenApiTypes() throws Exception {
    JsonNode doc = json(server.get("/openapi/v3/api/v1"));
    JsonNode schemas = doc.path("components").path("schemas");
    for (String kind : List.of("Pod", "Node", "Namespace", "Event")) {
      assertEquals("[{\"group\":\"\",\"kind\":\"" + kind + "\",\"version\":\"v1\"}]",
          schemas.path("io.k8s.api.core.v1." + kind).path("x-kubernetes-group-version-kind").toString(), kind);
    }
    JsonNode meta = schemas.path("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta").path("properties");
    assertEquals("{\"type\":\"object\",\"additionalProperties\":{\"type\":\"string\"}}", meta.path("labels").toString());
    assertEquals("{\"type\":\"integer\",\"format\":\"int64\"}", meta.path("generation").toString());
    assertEquals("{\"type\":\"array\",\"items\":{\"type\":\"string\"}}", meta.path("finalizers").toString());
    assertEquals("{\"type\":\"array\",\"items\":{\"$ref\":\"#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.OwnerReference\"}}",
        meta.path("ownerReferences").toString());
    JsonNode podSpec = schemas.path("io.k8s.api.core.v1.PodSpec").path("properties");
    assertEquals("#/components/schemas/io.k8s.api.core.v1.Container", podSpec.path("containers").path("items").path("$ref").asText());
    // Quantities are strings.
    assertEquals("{\"type\":\"object\",\"additionalProperties\":{\"type\":\"string\"}}",
        schemas.path("io.k8s.api.core.v1.ResourceRequirements").path("properties").path("requests").toString());
    assertTrue(schemas.path("io.k8s.api.core.v1.HTTPGetAction").path("properties").path("port")
        .path("x-kubernetes-int-or-string").asBoolean());
    assertEquals("[{\"group\":\"\",\"kind\":\"Status\",\"version\":\"v1\"}]",
        schemas.path("io.k8s.apimachinery.pkg.apis.meta.v1.Status").path("x-kubernetes-group-version-kind").toString());
    // Cluster-scoped kinds have no namespace in their paths; events have no status.
    assertTrue(doc.path("paths").has("/api/v1/nodes/{name}/status"));
    assertTrue(doc.path("paths").has("/api/v1/namespaces/{name}"));
    assertFalse(doc.path("paths").has("/api/v1/namespaces/{namespace}/events/{name}/status"));
    assertEquals(List.of("dryRun", "fieldManager", "fieldValidation", "force"),
        parameterNames(doc.path("paths").path("/api/v1/namespaces/{namespace}/pods/{name}").path("patch")));
  }

  @Test
  void everyReferenceResolvesWithinItsDocument() throws Exception {
    for (OpenApi.Document d : OpenApi.shared().documents()) {
      JsonNode doc = TestServer.json(server.get(d.serverRelativeURL()));
      JsonNode schemas = doc.path("components").path("schemas");
      List<JsonNode> refs = doc.findValues("$ref");
      assertFalse(refs.isEmpty());
      for (JsonNode ref : refs) {
        String name = ref.asText().replace("#/components/schemas/", "");
        assertTrue(schemas.has(name), d.path() + " refers to missing " + name);
      }
    }
  }

  // ---- with the real kubectl ----------------------------------------------------------------

  @Test
  void kubectlCreateValidatesOnTheServerAndSendsStrict(@TempDir Path tmp) throws Exception {
    Kubectl kubectl = new Kubectl(server.port(), tmp);
    Path file = kubectl.write("deploy.yaml", DEPLOYMENT);
    Kubectl.Result create = kubectl.run("create", "-f", file.toString());
    assertEquals(0, create.exitCode(), create.toString());
    assertEquals("deployment.apps/web created\n", create.stdout());
    assertFalse(create.stderr().contains("openapi"), create.toString());

    String hash = OpenApi.shared().document("apis/apps/v1").orElseThrow().hash();
    List<String> requests = log.lines();
    assertTrue(requests.contains("GET /openapi/v3?timeout=32s"), requests.toString());
    assertTrue(requests.contains("GET /openapi/v3/apis/apps/v1?hash=" + hash + "&timeout=32s"), requests.toString());
    assertTrue(requests.contains("POST /apis/apps/v1/namespaces/default/deployments"
        + "?fieldManager=kubectl-create&fieldValidation=Strict"), requests.toString());
    assertFalse(requests.stream().anyMatch(l -> l.startsWith("GET /openapi/v2")), requests.toString());

    log.clear();
    Kubectl.Result dryRun = kubectl.run("create", "-f", file.toString(), "--dry-run=server");
    assertEquals(0, dryRun.exitCode(), dryRun.toString());
    assertEquals("deployment.apps/web created (server dry run)\n", dryRun.stdout());
    assertTrue(log.lines().stream().anyMatch(l -> l.startsWith("POST /apis/apps/v1/namespaces/default/deployments?")
        && l.contains("dryRun=All") && l.contains("fieldValidation=Strict")), log.lines().toString());
  }

  @Test
  void kubectlShowsTheStrictErrorOfTheServer(@TempDir Path tmp) throws Exception {
    Kubectl kubectl = new Kubectl(server.port(), tmp);
    Path file = kubectl.write("typos.yaml", DEPLOYMENT_WITH_TYPOS);
    Kubectl.Result create = kubectl.run("create", "-f", file.toString());
    assertEquals(1, create.exitCode(), create.toString());
    assertEquals("Error from server (BadRequest): error when creating \"" + file + "\": Deployment in version \"v1\" "
        + "cannot be handled as a Deployment: strict decoding error: unknown field \"spec.replicass\", "
        + "unknown field \"spec.template.spec.containers[0].imagee\"\n", create.stderr());
  }

  @Test
  void kubectlApplyCreatesWithStrict(@TempDir Path tmp) throws Exception {
    Kubectl kubectl = new Kubectl(server.port(), tmp);
    Path file = kubectl.write("deploy.yaml", DEPLOYMENT);
    Kubectl.Result apply = kubectl.run("apply", "-f", file.toString());
    assertEquals(0, apply.exitCode(), apply.toString());
    assertEquals("deployment.apps/web created\n", apply.stdout());
    List<String> requests = log.lines();
    assertTrue(requests.contains("GET /apis/apps/v1/namespaces/default/deployments/web"), requests.toString());
    assertTrue(requests.contains("POST /apis/apps/v1/namespaces/default/deployments"
        + "?fieldManager=kubectl-client-side-apply&fieldValidation=Strict"), requests.toString());
  }

  @Test
  void kubectlPrintsTheWarningsOfWarnValidation(@TempDir Path tmp) throws Exception {
    Kubectl kubectl = new Kubectl(server.port(), tmp);
    Path file = kubectl.write("typos.yaml", DEPLOYMENT_WITH_TYPOS);
    Kubectl.Result create = kubectl.run("create", "-f", file.toString(), "--validate=warn");
    assertEquals(0, create.exitCode(), create.toString());
    assertEquals("deployment.apps/web created\n", create.stdout());
    assertEquals("Warning: unknown field \"spec.replicass\"\n"
        + "Warning: unknown field \"spec.template.spec.containers[0].imagee\"\n", create.stderr());
    assertTrue(log.lines().stream().anyMatch(l -> l.startsWith("POST ") && l.endsWith("fieldValidation=Warn")),
        log.lines().toString());
  }

  @Test
  void kubectlExplainReadsTheSchemas(@TempDir Path tmp) throws Exception {
    Kubectl kubectl = new Kubectl(server.port(), tmp);
    Kubectl.Result explain = kubectl.run("explain", "deployment.spec.replicas");
    assertEquals(0, explain.exitCode(), explain.toString());
    assertTrue(explain.stdout().contains("FIELD: replicas <integer>"), explain.toString());
    Kubectl.Result containers = kubectl.run("explain", "pods.spec.containers");
    assertEquals(0, containers.exitCode(), containers.toString());
    assertTrue(containers.stdout().contains("FIELD: containers <[]Container>"), containers.toString());
    assertTrue(containers.stdout().contains("image\t<string>"), containers.toString());
  }

  private static JsonNode resolve(JsonNode doc, JsonNode maybeRef) {
    if (!maybeRef.has("$ref")) {
      return maybeRef;
    }
    String name = maybeRef.path("$ref").asText().replace("#/components/schemas/", "");
    JsonNode schema = doc.path("components").path("schemas").path(name);
    assertNotNull(schema);
    return schema;
  }

  private static List<String> parameterNames(JsonNode operation) {
    List<String> names = new ArrayList<>();
    operation.path("parameters").forEach(p -> names.add(p.path("name").asText()));
    return names;
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
