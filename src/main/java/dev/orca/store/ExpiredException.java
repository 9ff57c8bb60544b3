package dev.orca.store;

/** A watch asked for changes older than the cache's window: the client must list again. */
public final class ExpiredException extends RuntimeException {
  private final long requested;
  private final long oldest;

  public ExpiredException(long requested, long oldest) {
    super("too old resource version: " + requested + " (" + oldest + ")");
    this.requested = requested;
    this.oldest = oldest;
  }

  public long requested() {
    return requested;
  }

  public long oldest() {
    return oldest;
  }
}
