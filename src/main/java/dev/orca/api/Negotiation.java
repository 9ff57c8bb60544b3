package dev.orca.api;

import java.util.Locale;

/** Which of the two formats a response is written in, from the request's Accept header. */
public final class Negotiation {
  /** The formats the API writes. */
  public enum Format {
    JSON("application/json"),
    YAML("application/yaml");

    private final String mediaType;

    Format(String mediaType) {
      this.mediaType = mediaType;
    }

    public String mediaType() {
      return mediaType;
    }
  }

  private Negotiation() {}

  /**
   * YAML when the Accept header ranks {@code application/yaml} above every range that admits JSON
   * (by q-value, then by order); JSON otherwise, including for a missing header, {@code *}{@code /*}
   * and types the API cannot write (protobuf, Table parameters are the caller's concern).
   */
  public static Format format(String accept) {
    if (accept == null || accept.isBlank()) {
      return Format.JSON;
    }
    Format best = null;
    double bestQ = 0;
    for (String range : accept.split(",")) {
      String[] parts = range.split(";");
      String type = parts[0].trim().toLowerCase(Locale.ROOT);
      double q = 1;
      for (int i = 1; i < parts.length; i++) {
        String param = parts[i].trim();
        if (param.regionMatches(true, 0, "q=", 0, 2)) {
          try {
            q = Double.parseDouble(param.substring(2).trim());
          } catch (NumberFormatException e) {
            q = 0;
          }
        }
      }
      Format f = switch (type) {
        case "application/json", "application/*", "*/*", "*" -> Format.JSON;
        case "application/yaml", "application/x-yaml", "text/yaml" -> Format.YAML;
        default -> null;
      };
      if (f != null && q > 0 && q > bestQ) {
        best = f;
        bestQ = q;
      }
    }
    return best == null ? Format.JSON : best;
  }

  public static boolean prefersYaml(String accept) {
    return format(accept) == Format.YAML;
  }
}
