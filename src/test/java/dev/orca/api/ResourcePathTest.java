package dev.orca.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.orca.model.ResourceType;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResourcePathTest {

  /** Parses a core path, given as the part after /api/v1/. */
  private static Optional<ResourcePath> core(String rest) {
    return ResourcePath.parse("", "v1", segments(rest));
  }

  /** Parses an apps path, given as the part after /apis/apps/v1/. */
  private static Optional<ResourcePath> apps(String rest) {
    return ResourcePath.parse("apps", "v1", segments(rest));
  }

  private static List<String> segments(String rest) {
    return Arrays.stream(rest.split("/")).filter(s -> !s.isEmpty()).toList();
  }

  private static ResourcePath path(ResourceType type, String namespace, String name, String subresource) {
    return new ResourcePath(type, namespace, name, subresource);
  }

  @Test
  void namespacedCorePaths() {
    assertEquals(Optional.of(path(ResourceType.POD, "default", null, null)), core("namespaces/default/pods"));
    assertEquals(Optional.of(path(ResourceType.POD, "default", "web", null)), core("namespaces/default/pods/web"));
    assertEquals(Optional.of(path(ResourceType.POD, "default", "web", "status")),
        core("namespaces/default/pods/web/status"));
    assertEquals(Optional.of(path(ResourceType.EVENT, "kube-system", null, null)), core("namespaces/kube-system/events"));
  }

  @Test
  void aNamespacedKindAcrossAllNamespaces() {
    ResourcePath all = core("pods").orElseThrow();
    assertEquals(path(ResourceType.POD, null, null, null), all);
    assertTrue(all.isCollection());
  }

  @Test
  void aNamespacedKindNamedWithoutANamespaceIsNoPath() {
    assertEquals(Optional.empty(), core("pods/web"));
    assertEquals(Optional.empty(), core("pods/web/status"));
    assertEquals(Optional.empty(), apps("deployments/web"));
  }

  @Test
  void clusterScopedPaths() {
    assertEquals(Optional.of(path(ResourceType.NODE, null, null, null)), core("nodes"));
    assertEquals(Optional.of(path(ResourceType.NODE, null, "node-1", null)), core("nodes/node-1"));
    assertEquals(Optional.of(path(ResourceType.NODE, null, "node-1", "status")), core("nodes/node-1/status"));
  }

  @Test
  void aClusterScopedKindInsideANamespaceIsNoPath() {
    assertEquals(Optional.empty(), core("namespaces/default/nodes"));
    assertEquals(Optional.empty(), core("namespaces/default/nodes/node-1"));
    assertEquals(Optional.empty(), core("namespaces/default/namespaces"));
  }

  @Test
  void theNamespacesThemselves() {
    assertEquals(Optional.of(path(ResourceType.NAMESPACE, null, null, null)), core("namespaces"));
    ResourcePath one = core("namespaces/team-a").orElseThrow();
    assertEquals(path(ResourceType.NAMESPACE, null, "team-a", null), one);
    assertFalse(one.isCollection());
  }

  @Test
  void theNamespaceObjectVersusACollectionInIt() {
    assertEquals(ResourceType.NAMESPACE, core("namespaces/web").orElseThrow().type());
    ResourcePath pods = core("namespaces/web/pods").orElseThrow();
    assertEquals(ResourceType.POD, pods.type());
    assertEquals("web", pods.namespace());
    assertTrue(pods.isCollection());
  }

  @Test
  void subresourcesOfANamespace() {
    assertEquals(Optional.of(path(ResourceType.NAMESPACE, null, "team-a", "status")), core("namespaces/team-a/status"));
    assertEquals(Optional.of(path(ResourceType.NAMESPACE, null, "team-a", "finalize")),
        core("namespaces/team-a/finalize"));
    // a namespace may itself be called "status": its pods are still its pods
    assertEquals(Optional.of(path(ResourceType.POD, "status", null, null)), core("namespaces/status/pods"));
    assertEquals(Optional.of(path(ResourceType.NAMESPACE, null, "status", null)), core("namespaces/status"));
  }

  @Test
  void appsPaths() {
    assertEquals(Optional.of(path(ResourceType.DEPLOYMENT, "default", null, null)), apps("namespaces/default/deployments"));
    assertEquals(Optional.of(path(ResourceType.DEPLOYMENT, "default", "web", null)),
        apps("namespaces/default/deployments/web"));
    assertEquals(Optional.of(path(ResourceType.DEPLOYMENT, "default", "web", "scale")),
        apps("namespaces/default/deployments/web/scale"));
    assertEquals(Optional.of(path(ResourceType.REPLICA_SET, "default", "web-abc", "status")),
        apps("namespaces/default/replicasets/web-abc/status"));
    assertEquals(Optional.of(path(ResourceType.REPLICA_SET, null, null, null)), apps("replicasets"));
  }

  @Test
  void kindsAreOnlyFoundInTheirOwnGroupAndVersion() {
    assertEquals(Optional.empty(), core("namespaces/default/deployments"));
    assertEquals(Optional.empty(), apps("namespaces/default/pods"));
    assertEquals(Optional.empty(), apps("nodes"));
    assertEquals(Optional.empty(), apps("namespaces"));
    assertEquals(Optional.empty(), ResourcePath.parse("apps", "v2", segments("namespaces/default/deployments")));
    assertEquals(Optional.empty(), ResourcePath.parse("", "v2", segments("pods")));
  }

  @Test
  void unknownPluralsAreNoPath() {
    assertEquals(Optional.empty(), core("widgets"));
    assertEquals(Optional.empty(), core("namespaces/default/widgets"));
    assertEquals(Optional.empty(), core("namespaces/default/widgets/w"));
    assertEquals(Optional.empty(), core("pod"), "the singular is not a path");
    assertEquals(Optional.empty(), core("po"), "nor is a short name");
  }

  @Test
  void tooManySegmentsAreNoPath() {
    assertEquals(Optional.empty(), core("namespaces/default/pods/web/status/extra"));
    assertEquals(Optional.empty(), core("nodes/node-1/status/extra"));
    assertEquals(Optional.empty(), core("namespaces/team-a/status/extra"));
    assertEquals(Optional.empty(), apps("namespaces/default/deployments/web/scale/x"));
  }

  @Test
  void noSegmentsIsNoPath() {
    assertEquals(Optional.empty(), core(""));
    assertEquals(Optional.empty(), apps(""));
  }
}
