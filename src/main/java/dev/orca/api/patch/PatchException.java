package dev.orca.api.patch;

import java.util.List;

/**
 * A patch that cannot be applied, with the HTTP status kube-apiserver answers for it
 * (staging/src/k8s.io/apiserver/pkg/endpoints/handlers/patch.go).
 *
 * <p>{@link #getMessage()} is the {@code Status} message kube-apiserver sends; {@link #detail()} says
 * what exactly went wrong. They differ only for {@link Kind#UNPROCESSABLE}: kube answers every patch
 * it decoded but could not apply with a generic message and drops the cause.
 */
public final class PatchException extends RuntimeException {
  /** kube's message for a 422 without details (apimachinery's {@code NewGenericServerResponse}). */
  public static final String REJECTED = "the server rejected our request due to an error in our request";

  /** What is wrong, as an HTTP status code and a {@code Status} reason. */
  public enum Kind {
    /** The body is not a patch of its type (not JSON, wrong shape, bad directive): 400 BadRequest. */
    INVALID(400, "BadRequest"),
    /** The patch was read but does not apply to the object (failed test, missing path): 422 Invalid. */
    UNPROCESSABLE(422, "Invalid"),
    /** The Content-Type names no patch type the resource accepts: 415 UnsupportedMediaType. */
    UNSUPPORTED_MEDIA_TYPE(415, "UnsupportedMediaType"),
    /** A JSON patch with more operations than kube allows: 413 RequestEntityTooLarge. */
    TOO_LARGE(413, "RequestEntityTooLarge");

    private final int code;
    private final String reason;

    Kind(int code, String reason) {
      this.code = code;
      this.reason = reason;
    }

    public int code() {
      return code;
    }

    public String reason() {
      return reason;
    }
  }

  private final Kind kind;
  private final String detail;

  private PatchException(Kind kind, String message, String detail) {
    // An answer to the client, not a bug: no stack trace to fill.
    super(message, null, false, false);
    this.kind = kind;
    this.detail = detail;
  }

  /** 400 BadRequest; the message names the problem. */
  public static PatchException invalid(String message) {
    return new PatchException(Kind.INVALID, message, message);
  }

  /** 422 Invalid with kube's generic message; {@code detail} keeps the cause, e.g. {@code testing value /spec/replicas failed: test failed}. */
  public static PatchException unprocessable(String detail) {
    return new PatchException(Kind.UNPROCESSABLE, REJECTED, detail);
  }

  /** 415: {@code the body of the request was in an unknown format - accepted media types include: a, b}. */
  public static PatchException unsupportedMediaType(List<String> accepted) {
    String message = "the body of the request was in an unknown format - accepted media types include: "
        + String.join(", ", accepted);
    return new PatchException(Kind.UNSUPPORTED_MEDIA_TYPE, message, message);
  }

  /** 413: {@code Request entity too large: <why>}. */
  public static PatchException tooLarge(String why) {
    String message = "Request entity too large: " + why;
    return new PatchException(Kind.TOO_LARGE, message, message);
  }

  public Kind kind() {
    return kind;
  }

  /** The HTTP status code, e.g. 422. */
  public int code() {
    return kind.code();
  }

  /** The {@code Status} reason, e.g. {@code Invalid}. */
  public String reason() {
    return kind.reason();
  }

  /** What exactly went wrong; the same as the message except for {@link Kind#UNPROCESSABLE}. */
  public String detail() {
    return detail;
  }

  @Override
  public String toString() {
    String text = "PatchException " + kind.code() + " " + kind.reason() + ": " + getMessage();
    return detail.equals(getMessage()) ? text : text + " (" + detail + ")";
  }
}
