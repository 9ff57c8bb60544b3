package dev.orca.it;

/** Request bodies the end-to-end tests send, as a user would write them. */
final class Manifests {
  private Manifests() {}

  static String deployment(String name, int replicas, String image) {
    return """
        {"apiVersion":"apps/v1","kind":"Deployment",
         "metadata":{"name":"%s","labels":{"app":"%s"}},
         "spec":{"replicas":%d,
           "selector":{"matchLabels":{"app":"%s"}},
           "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":0,"maxSurge":1}},
           "template":{"metadata":{"labels":{"app":"%s"}},
             "spec":{"containers":[{"name":"web","image":"%s",
               "resources":{"requests":{"cpu":"100m","memory":"64Mi"}}}]}}}}
        """.formatted(name, name, replicas, name, name, image);
  }

  static String pod(String name, String extraSpec) {
    return """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s","labels":{"app":"%s"}},
         "spec":{%s"containers":[{"name":"c","image":"busybox:1.36",
           "resources":{"requests":{"cpu":"100m","memory":"32Mi"}}}]}}
        """.formatted(name, name, extraSpec.isEmpty() ? "" : extraSpec + ",");
  }

  static String simulatedNode(String name, String cpu, String memory, String labelsJson, String taintsJson) {
    return """
        {"apiVersion":"v1","kind":"Node",
         "metadata":{"name":"%s","labels":%s,"annotations":{"orca.dev/simulated":"true"}},
         "spec":{"taints":%s},
         "status":{"capacity":{"cpu":"%s","memory":"%s","pods":"110"}}}
        """.formatted(name, labelsJson, taintsJson, cpu, memory);
  }

  /** A simulated node that names the worker to run it by its name prefix ({@code orca.dev/simulated-by}). */
  static String simulatedNodeFor(String owner, String name, String labelsJson) {
    return simulatedNode(name, "4", "8Gi", labelsJson, "[]").replace("{\"orca.dev/simulated\":\"true\"}",
        "{\"orca.dev/simulated\":\"true\",\"orca.dev/simulated-by\":\"" + owner + "\"}");
  }
}
