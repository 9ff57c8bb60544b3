package dev.orca.api;

import static dev.orca.api.TestServer.contentType;
import static dev.orca.api.TestServer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiscoveryRoutesTest {
  private static final String AGGREGATED_ACCEPT = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
      + "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json";

  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = new TestServer(settings -> ErrorHandling.handled(new DiscoveryRoutes().route()));
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
    HttpResponse<String> r = server.get("/api?timeout=32s", "Accept", AGGREGATED_ACCEPT);
    assertEquals(200, r.statusCode());
    // Plain, not aggregated, discovery: kubectl decides by this content type.
    assertEquals("application/json", contentType(r));
    JsonNode api = json(r);
    assertEquals("APIVersions", api.path("kind").asText());
    assertEquals("[\"v1\"]", api.path("versions").toString());
    JsonNode address = api.path("serverAddressByClientCIDRs").path(0);
    assertEquals("0.0.0.0/0", address.path("clientCIDR").asText());
    assertEquals("127.0.0.1:" + server.port(), address.path("serverAddress").asText());
  }

  @Test
  void apisListsAppsWithV1Preferred() throws Exception {
    HttpResponse<String> r = server.get("/apis", "Accept", AGGREGATED_ACCEPT);
    assertEquals(200, r.statusCode());
    assertEquals("application/json", contentType(r));
    JsonNode apis = json(r);
    assertEquals("APIGroupList", apis.path("kind").asText());
    assertEquals("v1", apis.path("apiVersion").asText());
    assertEquals(1, apis.path("groups").size());
    JsonNode apps = apis.path("groups").path(0);
    assertEquals("apps", apps.path("name").asText());
    assertEquals("[{\"groupVersion\":\"apps/v1\",\"version\":\"v1\"}]", apps.path("versions").toString());
    assertEquals("apps/v1", apps.path("preferredVersion").path("groupVersion").asText());
    assertEquals("v1", apps.path("preferredVersion").path("version").asText());
    assertFalse(apps.has("kind"), "list items carry no kind");
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
    assertEquals(List.of("events", "namespaces", "namespaces/status", "nodes", "nodes/status", "pods",
        "pods/eviction", "pods/log", "pods/status"), new ArrayList<>(byName.keySet()));

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
  void unknownGroupsAndVersionsAreNotFound() throws Exception {
    for (String path : List.of("/apis/batch", "/apis/batch/v1", "/apis/apps/v2", "/api/v2", "/apis/apps/v1/x/y/z/w/v")) {
      HttpResponse<String> r = server.get(path);
      assertEquals(404, r.statusCode(), path);
      assertEquals("the server could not find the requested resource", json(r).path("message").asText(), path);
    }
  }

  @Test
  void realKubectlListsTheResources(@TempDir Path tmp) throws Exception {
    File kubectl = new File("/usr/bin/kubectl");
    assumeTrue(kubectl.canExecute(), "kubectl not installed");

    Result resources = kubectl(tmp, "api-resources");
    assertEquals(0, resources.exitCode, resources.toString());
    String out = resources.stdout;
    for (String line : List.of("pods", "deployments", "replicasets", "nodes", "namespaces", "events")) {
      assertTrue(out.lines().anyMatch(l -> l.startsWith(line + " ")), line + " missing from\n" + out);
    }
    assertTrue(out.lines().anyMatch(l -> l.matches("deployments\\s+deploy\\s+apps/v1\\s+true\\s+Deployment\\s*")), out);
    assertTrue(out.lines().anyMatch(l -> l.matches("nodes\\s+no\\s+v1\\s+false\\s+Node\\s*")), out);

    // The resource routes are not bound here: kubectl must read the 404 Status.
    Result get = kubectl(tmp, "get", "pods");
    assertEquals(1, get.exitCode, get.toString());
    assertTrue(get.stderr.startsWith("Error from server (NotFound): "), get.toString());
    assertTrue(get.stderr.contains("the server could not find the requested resource"), get.toString());
  }

  private record Result(int exitCode, String stdout, String stderr) {}

  private static Result kubectl(Path tmp, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("/usr/bin/kubectl", "--server", "http://127.0.0.1:" + server.port(),
        "--kubeconfig", "/dev/null", "--cache-dir", tmp.resolve("cache").toString()));
    command.addAll(List.of(args));
    Path out = tmp.resolve("out.txt");
    Path err = tmp.resolve("err.txt");
    ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().put("HOME", tmp.toString());
    Process p = pb.start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("kubectl did not finish in 60 s: " + command);
    }
    return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private static Map<String, JsonNode> byName(JsonNode list) {
    Map<String, JsonNode> map = new LinkedHashMap<>();
    list.path("resources").forEach(r -> map.put(r.path("name").asText(), r));
    return map;
  }
}
