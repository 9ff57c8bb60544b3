package dev.orca.api;

import dev.orca.it.Kubectl;

import static dev.orca.api.TestServer.contentType;
import static dev.orca.api.TestServer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiscoveryRoutesTest {
  private static final String AGGREGATED_ACCEPT = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
      + "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json";

  private static final String PLAIN_ACCEPT = "application/json, */*";
  private static final String V2_CONTENT_TYPE = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";
  private static final String V2BETA1_CONTENT_TYPE =
      "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList";

  private static final RequestLog log = new RequestLog();
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = new TestServer(settings -> log.around(ErrorHandling.handled(new DiscoveryRoutes().route())));
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void versionCarriesMajorMinorAndSemverGitVersion() throws Exception {
    HttpResponse<String> r = server.get("/version?timeout=5s", "Accept", "application/json, */*");
    assertEquals(200, r.statusCode());
    assertEquals("application/json", contentType(r));
    JsonNode v = json(r);
    assertEquals("1", v.path("major").asText());
    assertEquals("32", v.path("minor").asText());
    assertEquals("v1.32.0-orca", v.path("gitVersion").asText());
    assertEquals("", v.path("gitCommit").asText());
    assertEquals("clean", v.path("gitTreeState").asText());
    assertEquals("linux/amd64", v.path("platform").asText());
    assertTrue(v.has("buildDate") && v.has("goVersion") && v.has("compiler"));
  }

  @Test
  void apiListsV1AndTheAddressTheClientUsed() throws Exception {
    HttpResponse<String> r = server.get("/api?timeout=32s", "Accept", PLAIN_ACCEPT);
    assertEquals(200, r.statusCode());
    // Plain, not aggregated, discovery: kubectl decides by this content type.
    assertEquals("application/json", contentType(r));
    assertEquals("Accept", r.headers().firstValue("Vary").orElse(""));
    JsonNode api = json(r);
    assertEquals("APIVersions", api.path("kind").asText());
    assertEquals("[\"v1\"]", api.path("versions").toString());
    JsonNode address = api.path("serverAddressByClientCIDRs").path(0);
    assertEquals("0.0.0.0/0", address.path("clientCIDR").asText());
    assertEquals("127.0.0.1:" + server.port(), address.path("serverAddress").asText());
  }

  @Test
  void apisListsAppsWithV1Preferred() throws Exception {
    HttpResponse<String> r = server.get("/apis", "Accept", PLAIN_ACCEPT);
    assertEquals(200, r.statusCode());
    assertEquals("application/json", contentType(r));
    JsonNode apis = json(r);
    assertEquals("APIGroupList", apis.path("kind").asText());
    assertEquals("v1", apis.path("apiVersion").asText());
    assertEquals(3, apis.path("groups").size(), "apps, discovery.k8s.io and metrics.k8s.io");
    JsonNode apps = apis.path("groups").path(0);
    assertEquals("apps", apps.path("name").asText());
    assertEquals("[{\"groupVersion\":\"apps/v1\",\"version\":\"v1\"}]", apps.path("versions").toString());
    assertEquals("apps/v1", apps.path("preferredVersion").path("groupVersion").asText());
    assertEquals("v1", apps.path("preferredVersion").path("version").asText());
    assertFalse(apps.has("kind"), "list items carry no kind");
  }

  @Test
  void withoutAcceptDiscoveryIsPlain() throws Exception {
    assertEquals("application/json", contentType(server.get("/api")));
    assertEquals("APIGroupList", json(server.get("/apis")).path("kind").asText());
  }

  @Test
  void aggregatedApiIsTheCoreGroup() throws Exception {
    HttpResponse<String> r = server.get("/api?timeout=32s", "Accept", AGGREGATED_ACCEPT);
    assertEquals(200, r.statusCode());
    // Exactly as kube-apiserver writes it: kubectl decides by this content type.
    assertEquals(V2_CONTENT_TYPE, contentType(r));
    assertEquals("Accept", r.headers().firstValue("Vary").orElse(""));
    JsonNode list = json(r);
    assertEquals("APIGroupDiscoveryList", list.path("kind").asText());
    assertEquals("apidiscovery.k8s.io/v2", list.path("apiVersion").asText());
    assertEquals("{}", list.path("metadata").toString());
    assertEquals(1, list.path("items").size());
    JsonNode core = list.path("items").path(0);
    assertEquals("{\"creationTimestamp\":null}", core.path("metadata").toString(), "the core group has no name");
    assertEquals(1, core.path("versions").size());
    JsonNode v1 = core.path("versions").path(0);
    assertEquals("v1", v1.path("version").asText());
    assertEquals("Current", v1.path("freshness").asText());
    Map<String, JsonNode> resources = byResource(v1);
    assertEquals(List.of("configmaps", "endpoints", "events", "namespaces", "nodes", "pods", "secrets", "services"),
        new ArrayList<>(resources.keySet()));
    assertEquals("[\"cm\"]", resources.get("configmaps").path("shortNames").toString());
    assertTrue(resources.get("secrets").path("shortNames").isMissingNode(), "secrets have no short name");
    assertTrue(resources.get("secrets").path("subresources").isMissingNode()
        || resources.get("secrets").path("subresources").isEmpty(), "secrets have no status");

    JsonNode pods = resources.get("pods");
    assertEquals("{\"group\":\"\",\"version\":\"v1\",\"kind\":\"Pod\"}", pods.path("responseKind").toString());
    assertEquals("Namespaced", pods.path("scope").asText());
    assertEquals("pod", pods.path("singularResource").asText());
    assertEquals("[\"create\",\"delete\",\"deletecollection\",\"get\",\"list\",\"patch\",\"update\",\"watch\"]",
        pods.path("verbs").toString());
    assertEquals("[\"po\"]", pods.path("shortNames").toString());
    assertEquals("[\"all\"]", pods.path("categories").toString());
    assertEquals("[{\"subresource\":\"eviction\",\"responseKind\":{\"group\":\"policy\",\"version\":\"v1\",\"kind\":\"Eviction\"},"
        + "\"verbs\":[\"create\"]},"
        + "{\"subresource\":\"log\",\"responseKind\":{\"group\":\"\",\"version\":\"v1\",\"kind\":\"Pod\"},\"verbs\":[\"get\"]},"
        + "{\"subresource\":\"status\",\"responseKind\":{\"group\":\"\",\"version\":\"v1\",\"kind\":\"Pod\"},"
        + "\"verbs\":[\"get\",\"patch\",\"update\"]}]", pods.path("subresources").toString());

    JsonNode nodes = resources.get("nodes");
    assertEquals("Cluster", nodes.path("scope").asText());
    assertFalse(nodes.has("categories"));
    JsonNode namespaces = resources.get("namespaces");
    assertFalse(namespaces.path("verbs").toString().contains("deletecollection"));
    assertEquals("[\"ns\"]", namespaces.path("shortNames").toString());
    assertFalse(resources.get("events").has("subresources"), "events have no status");
  }

  @Test
  void aggregatedApisAreTheNamedGroups() throws Exception {
    HttpResponse<String> r = server.get("/apis?timeout=32s", "Accept", AGGREGATED_ACCEPT);
    assertEquals(200, r.statusCode());
    assertEquals(V2_CONTENT_TYPE, contentType(r));
    JsonNode list = json(r);
    assertEquals("apidiscovery.k8s.io/v2", list.path("apiVersion").asText());
    assertEquals(3, list.path("items").size(), "apps, discovery.k8s.io and metrics.k8s.io");
    JsonNode apps = list.path("items").path(0);
    assertEquals("{\"name\":\"apps\",\"creationTimestamp\":null}", apps.path("metadata").toString());
    JsonNode v1 = apps.path("versions").path(0);
    assertEquals("v1", v1.path("version").asText());
    Map<String, JsonNode> resources = byResource(v1);
    assertEquals(List.of("deployments", "replicasets"), new ArrayList<>(resources.keySet()));
    JsonNode deployments = resources.get("deployments");
    assertEquals("{\"group\":\"apps\",\"version\":\"v1\",\"kind\":\"Deployment\"}",
        deployments.path("responseKind").toString());
    assertEquals("deployment", deployments.path("singularResource").asText());
    assertEquals("[\"deploy\"]", deployments.path("shortNames").toString());
    assertEquals("[{\"subresource\":\"scale\",\"responseKind\":{\"group\":\"autoscaling\",\"version\":\"v1\",\"kind\":\"Scale\"},"
        + "\"verbs\":[\"get\",\"patch\",\"update\"]},"
        + "{\"subresource\":\"status\",\"responseKind\":{\"group\":\"apps\",\"version\":\"v1\",\"kind\":\"Deployment\"},"
        + "\"verbs\":[\"get\",\"patch\",\"update\"]}]", deployments.path("subresources").toString());
    assertEquals("[\"rs\"]", resources.get("replicasets").path("shortNames").toString());
  }

  @Test
  void v2beta1WhenTheClientRanksItFirst() throws Exception {
    String accept = "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json";
    HttpResponse<String> r = server.get("/apis", "Accept", accept);
    assertEquals(V2BETA1_CONTENT_TYPE, contentType(r));
    assertEquals("apidiscovery.k8s.io/v2beta1", json(r).path("apiVersion").asText());
    assertEquals("apps", json(r).path("items").path(0).path("metadata").path("name").asText());
    HttpResponse<String> core = server.get("/api", "Accept", accept);
    assertEquals(V2BETA1_CONTENT_TYPE, contentType(core));
  }

  @Test
  void theAcceptHeaderRanksByQualityThenOrder() throws Exception {
    // Plain first: plain.
    assertEquals("application/json", contentType(server.get("/apis", "Accept",
        "application/json,application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList")));
    // Aggregated with a higher q than plain, though later.
    assertEquals(V2_CONTENT_TYPE, contentType(server.get("/apis", "Accept",
        "application/json;q=0.5, application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList;q=0.9")));
    // A version the server does not write (v3) is passed over.
    assertEquals("application/json", contentType(server.get("/api", "Accept",
        "application/json;g=apidiscovery.k8s.io;v=v3;as=APIGroupDiscoveryList,application/json")));
    assertEquals("APIVersions", json(server.get("/api", "Accept", "*/*")).path("kind").asText());
  }

  @Test
  void apisAppsIsAnApiGroup() throws Exception {
    JsonNode group = json(server.get("/apis/apps"));
    assertEquals("APIGroup", group.path("kind").asText());
    assertEquals("v1", group.path("apiVersion").asText());
    assertEquals("apps", group.path("name").asText());
    assertEquals("apps/v1", group.path("preferredVersion").path("groupVersion").asText());
  }

  @Test
  void coreResourceList() throws Exception {
    HttpResponse<String> r = server.get("/api/v1", "Accept", "application/json, */*");
    assertEquals(200, r.statusCode());
    assertEquals("application/json", contentType(r));
    JsonNode list = json(r);
    assertEquals("APIResourceList", list.path("kind").asText());
    assertEquals("v1", list.path("apiVersion").asText());
    assertEquals("v1", list.path("groupVersion").asText());
    Map<String, JsonNode> byName = byName(list);
    assertEquals(List.of("configmaps", "endpoints", "events", "namespaces", "namespaces/status", "nodes", "nodes/status",
        "pods", "pods/eviction", "pods/log", "pods/status", "secrets", "services", "services/status"),
        new ArrayList<>(byName.keySet()));

    JsonNode pods = byName.get("pods");
    assertEquals("pod", pods.path("singularName").asText());
    assertTrue(pods.path("namespaced").asBoolean());
    assertEquals("Pod", pods.path("kind").asText());
    assertEquals("[\"create\",\"delete\",\"deletecollection\",\"get\",\"list\",\"patch\",\"update\",\"watch\"]",
        pods.path("verbs").toString());
    assertEquals("[\"po\"]", pods.path("shortNames").toString());
    assertEquals("[\"all\"]", pods.path("categories").toString());
    assertFalse(pods.has("group"));

    JsonNode nodes = byName.get("nodes");
    assertFalse(nodes.path("namespaced").asBoolean());
    assertFalse(nodes.has("categories"), "nodes are not in 'all'");
    assertEquals("[\"no\"]", nodes.path("shortNames").toString());
    assertFalse(byName.get("namespaces").path("verbs").toString().contains("deletecollection"));
    assertEquals("[\"ev\"]", byName.get("events").path("shortNames").toString());

    JsonNode eviction = byName.get("pods/eviction");
    assertEquals("policy", eviction.path("group").asText());
    assertEquals("v1", eviction.path("version").asText());
    assertEquals("Eviction", eviction.path("kind").asText());
    assertEquals("[\"create\"]", eviction.path("verbs").toString());
    assertEquals("", eviction.path("singularName").asText());
    assertEquals("[\"get\"]", byName.get("pods/log").path("verbs").toString());
    JsonNode status = byName.get("pods/status");
    assertEquals("Pod", status.path("kind").asText());
    assertEquals("[\"get\",\"patch\",\"update\"]", status.path("verbs").toString());
    assertFalse(byName.get("namespaces/status").path("namespaced").asBoolean());
  }

  @Test
  void appsResourceList() throws Exception {
    JsonNode list = json(server.get("/apis/apps/v1"));
    assertEquals("APIResourceList", list.path("kind").asText());
    assertEquals("apps/v1", list.path("groupVersion").asText());
    Map<String, JsonNode> byName = byName(list);
    assertEquals(List.of("deployments", "deployments/scale", "deployments/status", "replicasets",
        "replicasets/scale", "replicasets/status"), new ArrayList<>(byName.keySet()));
    JsonNode deployments = byName.get("deployments");
    assertEquals("Deployment", deployments.path("kind").asText());
    assertEquals("deployment", deployments.path("singularName").asText());
    assertEquals("[\"deploy\"]", deployments.path("shortNames").toString());
    assertEquals("[\"all\"]", deployments.path("categories").toString());
    JsonNode scale = byName.get("deployments/scale");
    assertEquals("autoscaling", scale.path("group").asText());
    assertEquals("v1", scale.path("version").asText());
    assertEquals("Scale", scale.path("kind").asText());
    assertEquals("ReplicaSet", byName.get("replicasets/status").path("kind").asText());
    assertEquals("[\"rs\"]", byName.get("replicasets").path("shortNames").toString());
  }

  @Test
  void theMetricsApiIsDiscoveredAsMetricsServerRegistersIt() throws Exception {
    JsonNode groups = json(server.get("/apis", "Accept", PLAIN_ACCEPT)).path("groups");
    boolean listed = false;
    for (JsonNode g : groups) {
      listed |= g.path("name").asText().equals("metrics.k8s.io")
          && g.path("preferredVersion").path("groupVersion").asText().equals("metrics.k8s.io/v1beta1");
    }
    assertTrue(listed, groups.toString());
    Map<String, JsonNode> byName = byName(json(server.get("/apis/metrics.k8s.io/v1beta1")));
    assertEquals(List.of("nodes", "pods"), new ArrayList<>(byName.keySet()));
    assertEquals("NodeMetrics", byName.get("nodes").path("kind").asText());
    assertFalse(byName.get("nodes").path("namespaced").asBoolean());
    assertEquals("PodMetrics", byName.get("pods").path("kind").asText());
    assertEquals("[\"get\",\"list\"]", byName.get("pods").path("verbs").toString());

    JsonNode aggregated = json(server.get("/apis", "Accept", AGGREGATED_ACCEPT));
    JsonNode metrics = null;
    for (JsonNode item : aggregated.path("items")) {
      if (item.path("metadata").path("name").asText().equals("metrics.k8s.io")) {
        metrics = item;
      }
    }
    assertTrue(metrics != null, aggregated.toString());
    JsonNode v1beta1 = metrics.path("versions").path(0);
    assertEquals("v1beta1", v1beta1.path("version").asText());
    assertEquals("pods", v1beta1.path("resources").path(1).path("resource").asText());
    assertEquals("Namespaced", v1beta1.path("resources").path(1).path("scope").asText());
    assertEquals("PodMetrics", v1beta1.path("resources").path(1).path("responseKind").path("kind").asText());
  }

  @Test
  void unknownGroupsAndVersionsAreNotFound() throws Exception {
    for (String path : List.of("/apis/batch", "/apis/batch/v1", "/apis/apps/v2", "/api/v2", "/apis/apps/v1/x/y/z/w/v")) {
      HttpResponse<String> r = server.get(path);
      assertEquals(404, r.statusCode(), path);
      assertEquals("the server could not find the requested resource", json(r).path("message").asText(), path);
    }
  }

  @Test
  void realKubectlListsTheResourcesFromAggregatedDiscovery(@TempDir Path tmp) throws Exception {
    Kubectl kubectl = new Kubectl(server.port(), tmp);
    log.clear();
    Kubectl.Result resources = kubectl.run("api-resources");
    assertEquals(0, resources.exitCode(), resources.toString());
    String out = resources.stdout();
    for (String line : List.of("pods", "deployments", "replicasets", "nodes", "namespaces", "events")) {
      assertTrue(out.lines().anyMatch(l -> l.startsWith(line + " ")), line + " missing from\n" + out);
    }
    assertTrue(out.lines().anyMatch(l -> l.matches("deployments\\s+deploy\\s+apps/v1\\s+true\\s+Deployment\\s*")), out);
    assertTrue(out.lines().anyMatch(l -> l.matches("nodes\\s+no\\s+v1\\s+false\\s+Node\\s*")), out);
    assertTrue(out.lines().anyMatch(l -> l.matches("pods\\s+po\\s+v1\\s+true\\s+Pod\\s*")), out);
    // One request each for /api and /apis: no per-group-version requests.
    assertEquals(List.of("GET /version", "GET /api", "GET /apis"), log.paths(), log.lines().toString());

    // The resource routes are not bound here: kubectl must read the 404 Status.
    Kubectl.Result get = kubectl.run("get", "pods");
    assertEquals(1, get.exitCode(), get.toString());
    assertTrue(get.stderr().startsWith("Error from server (NotFound): "), get.toString());
    assertTrue(get.stderr().contains("the server could not find the requested resource"), get.toString());
  }

  @Test
  void realKubectlFindsSubresourcesAndCategoriesInAggregatedDiscovery(@TempDir Path tmp) throws Exception {
    Kubectl kubectl = new Kubectl(server.port(), tmp);
    Kubectl.Result all = kubectl.run("api-resources", "--categories=all", "-o", "name");
    assertEquals(0, all.exitCode(), all.toString());
    assertEquals(List.of("pods", "services", "deployments.apps", "replicasets.apps"), all.stdout().lines().toList());
    Kubectl.Result wide = kubectl.run("api-resources", "--api-group=apps", "-o", "wide");
    assertEquals(0, wide.exitCode(), wide.toString());
    assertTrue(wide.stdout().lines().anyMatch(l -> l.matches(
        "deployments\\s+deploy\\s+apps/v1\\s+true\\s+Deployment\\s+create,delete,deletecollection,get,list,patch,update,watch\\s+all\\s*")),
        wide.stdout());
  }

  private static Map<String, JsonNode> byResource(JsonNode version) {
    Map<String, JsonNode> map = new LinkedHashMap<>();
    version.path("resources").forEach(r -> map.put(r.path("resource").asText(), r));
    return map;
  }

  private static Map<String, JsonNode> byName(JsonNode list) {
    Map<String, JsonNode> map = new LinkedHashMap<>();
    list.path("resources").forEach(r -> map.put(r.path("name").asText(), r));
    return map;
  }
}
