package dev.orca.api;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpCharsets;
import org.apache.pekko.http.javadsl.model.MediaTypes;

/**
 * The form in which {@code GET /api} and {@code GET /apis} answer, chosen by the Accept header as
 * kube-apiserver does: aggregated discovery ({@code APIGroupDiscoveryList}, apidiscovery.k8s.io v2 or
 * v2beta1) when the client ranks it first, the plain documents ({@code APIVersions},
 * {@code APIGroupList}) otherwise. Clients tell the two apart by the response Content-Type.
 */
public enum DiscoveryFormat {
  PLAIN(null),
  AGGREGATED_V2("v2"),
  AGGREGATED_V2BETA1("v2beta1");

  static final String GROUP = "apidiscovery.k8s.io";
  static final String LIST_KIND = "APIGroupDiscoveryList";

  private final String version;
  private final ContentType contentType;

  DiscoveryFormat(String version) {
    this.version = version;
    // Written as kube-apiserver writes it, without spaces between the parameters, hence the
    // parameters are part of the subtype: Pekko would render them as "; g=...".
    this.contentType = version == null ? ContentTypes.APPLICATION_JSON
        : MediaTypes.customWithFixedCharset("application", "json;g=" + GROUP + ";v=" + version + ";as=" + LIST_KIND,
            HttpCharsets.UTF_8, Map.of(), false).toContentType();
  }

  /**
   * The response Content-Type: {@code application/json} or
   * {@code application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList}.
   */
  public ContentType contentType() {
    return contentType;
  }

  /** {@code apidiscovery.k8s.io/v2}, {@code apidiscovery.k8s.io/v2beta1}; null for PLAIN. */
  public String apiVersion() {
    return version == null ? null : GROUP + "/" + version;
  }

  /**
   * The format the Accept header ranks highest (by q-value, then by order) among those the server
   * writes; PLAIN for a missing header and for one that names none of them.
   */
  public static DiscoveryFormat negotiate(String accept) {
    if (accept == null || accept.isBlank()) {
      return PLAIN;
    }
    DiscoveryFormat best = null;
    double bestQ = 0;
    for (String range : accept.split(",")) {
      String[] parts = range.split(";");
      String type = parts[0].trim().toLowerCase(Locale.ROOT);
      Map<String, String> params = new HashMap<>();
      for (int i = 1; i < parts.length; i++) {
        int eq = parts[i].indexOf('=');
        if (eq > 0) {
          params.put(parts[i].substring(0, eq).trim().toLowerCase(Locale.ROOT), parts[i].substring(eq + 1).trim());
        }
      }
      double q = quality(params.remove("q"));
      DiscoveryFormat format = of(type, params);
      if (format != null && q > bestQ) {
        best = format;
        bestQ = q;
      }
    }
    return best == null ? PLAIN : best;
  }

  /** What one media range (its q removed) asks for, or null if the server cannot write it. */
  private static DiscoveryFormat of(String type, Map<String, String> params) {
    if (type.equals("*/*") || type.equals("application/*")) {
      return PLAIN;
    }
    if (!type.equals("application/json")) {
      return null;
    }
    if (!params.containsKey("g") && !params.containsKey("v") && !params.containsKey("as")) {
      return PLAIN;
    }
    if (!GROUP.equals(params.get("g")) || !LIST_KIND.equals(params.get("as"))) {
      return null;
    }
    String v = params.get("v");
    if ("v2".equals(v)) {
      return AGGREGATED_V2;
    }
    return "v2beta1".equals(v) ? AGGREGATED_V2BETA1 : null;
  }

  private static double quality(String q) {
    if (q == null) {
      return 1;
    }
    try {
      return Double.parseDouble(q);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
