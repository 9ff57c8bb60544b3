package dev.orca.model;

/** A report of something that happened to an object. */
public record Event(
    String apiVersion,
    String kind,
    ObjectMeta metadata,
    ObjectReference involvedObject,
    String reason,
    String message,
    String type,
    Integer count,
    String firstTimestamp,
    String lastTimestamp,
    EventSource source,
    String reportingComponent,
    String reportingInstance) implements KubeObject {
  public static final String API_VERSION = "v1";
  public static final String KIND = "Event";

  @Override
  public Event withMetadata(ObjectMeta metadata) {
    return new Event(apiVersion, kind, metadata, involvedObject, reason, message, type, count, firstTimestamp, lastTimestamp, source, reportingComponent, reportingInstance);
  }
}
