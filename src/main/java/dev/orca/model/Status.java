package dev.orca.model;

/** The body of every API error, as kube-apiserver sends it. */
public record Status(
    String apiVersion,
    String kind,
    ListMeta metadata,
    String status,
    String message,
    String reason,
    StatusDetails details,
    Integer code) {

  public static Status failure(int code, String reason, String message, StatusDetails details) {
    return new Status("v1", "Status", new ListMeta(null, null, null), "Failure", message, reason, details, code);
  }

  public Status withCode(Integer code) {
    return new Status(apiVersion, kind, metadata, status, message, reason, details, code);
  }

  public static Status success(StatusDetails details) {
    return new Status("v1", "Status", new ListMeta(null, null, null), "Success", null, null, details, null);
  }
}
