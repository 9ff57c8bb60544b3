package dev.orca.chaos;

/** A fault request or scenario entry that does not hold together: which field, and why. */
public final class InvalidFault extends RuntimeException {
  private final String field;

  public InvalidFault(String field, String message) {
    super(message, null, false, false);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
