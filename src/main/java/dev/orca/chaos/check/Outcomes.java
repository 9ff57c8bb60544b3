package dev.orca.chaos.check;

/**
 * How a write ended, from what the API answered — what the generator logs and the check trusts.
 * Orca answers 2xx only once the write is in the journal; a 503 {@code ServiceUnavailable} says
 * the write was not stored; a 504 {@code Timeout} says it may or may not have been (so does no
 * answer at all, or any other 5xx).
 */
public final class Outcomes {
  private Outcomes() {}

  /** The outcome of an answer with this HTTP code ({@code -1}: no answer, the connection failed or timed out). */
  public static WriteRecord.Outcome of(int code) {
    if (code >= 200 && code < 300) {
      return WriteRecord.Outcome.ACKED;
    }
    if (code >= 400 && code < 500 || code == 503) {
      return WriteRecord.Outcome.REJECTED;
    }
    return WriteRecord.Outcome.UNKNOWN;
  }
}
