package dev.orca.api;

import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.stream.Collectors;

/** Says what is wrong with a body that does not decode, naming the field. */
final class Problems {
  private Problems() {}

  static String describe(Throwable e) {
    if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
      String path = m.getPath().stream()
          .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
          .collect(Collectors.joining()).replaceFirst("^\\.", "");
      return "field " + path + ": " + m.getOriginalMessage().split("\n")[0];
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.split("\n")[0];
  }
}
