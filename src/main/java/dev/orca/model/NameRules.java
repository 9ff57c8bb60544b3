package dev.orca.model;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The name formats of the Kubernetes API. Each check returns the problems with a value, worded as
 * kube-apiserver words them; an empty list means the value is valid.
 */
public final class NameRules {
  public static final int DNS1123_LABEL_MAX_LENGTH = 63;
  public static final int DNS1123_SUBDOMAIN_MAX_LENGTH = 253;
  public static final int QUALIFIED_NAME_MAX_LENGTH = 63;
  public static final int LABEL_VALUE_MAX_LENGTH = 63;
  public static final int PORT_NAME_MAX_LENGTH = 15;

  private static final String DNS1123_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  private static final String DNS1123_SUBDOMAIN_FMT = DNS1123_LABEL_FMT + "(\\." + DNS1123_LABEL_FMT + ")*";
  private static final String QUALIFIED_NAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
  private static final String LABEL_VALUE_FMT = "(" + QUALIFIED_NAME_FMT + ")?";
  private static final String PERCENT_FMT = "[0-9]+%";
  private static final String ENV_VAR_NAME_FMT = "[-._a-zA-Z][-._a-zA-Z0-9]*";

  private static final Pattern DNS1123_LABEL = Pattern.compile(DNS1123_LABEL_FMT);
  private static final Pattern DNS1123_SUBDOMAIN = Pattern.compile(DNS1123_SUBDOMAIN_FMT);
  private static final Pattern QUALIFIED_NAME = Pattern.compile(QUALIFIED_NAME_FMT);
  private static final Pattern LABEL_VALUE = Pattern.compile(LABEL_VALUE_FMT);
  private static final Pattern PERCENT = Pattern.compile(PERCENT_FMT);
  private static final Pattern ENV_VAR_NAME = Pattern.compile(ENV_VAR_NAME_FMT);
  private static final Pattern PORT_NAME_CHARSET = Pattern.compile("[-a-z0-9]+");
  private static final Pattern PORT_NAME_ONE_LETTER = Pattern.compile(".*[a-z].*");

  private NameRules() {}

  /** A DNS-1123 label, as namespace and container names are: {@code my-name}. */
  public static List<String> dns1123LabelErrors(String value) {
    List<String> errors = new ArrayList<>();
    if (value.length() > DNS1123_LABEL_MAX_LENGTH) {
      errors.add(maxLengthError(DNS1123_LABEL_MAX_LENGTH));
    }
    if (!DNS1123_LABEL.matcher(value).matches()) {
      errors.add(regexError("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', "
          + "and must start and end with an alphanumeric character", DNS1123_LABEL_FMT, "my-name", "123-abc"));
    }
    return errors;
  }

  /** A DNS-1123 subdomain, as most object names are: {@code example.com}. */
  public static List<String> dns1123SubdomainErrors(String value) {
    List<String> errors = new ArrayList<>();
    if (value.length() > DNS1123_SUBDOMAIN_MAX_LENGTH) {
      errors.add(maxLengthError(DNS1123_SUBDOMAIN_MAX_LENGTH));
    }
    if (!DNS1123_SUBDOMAIN.matcher(value).matches()) {
      errors.add(regexError("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, "
          + "'-' or '.', and must start and end with an alphanumeric character", DNS1123_SUBDOMAIN_FMT, "example.com"));
    }
    return errors;
  }

  /**
   * A qualified name, as label and annotation keys are: an optional DNS subdomain prefix and
   * '/', then a name of at most 63 characters ({@code app.kubernetes.io/name}).
   */
  public static List<String> qualifiedNameErrors(String value) {
    List<String> errors = new ArrayList<>();
    String[] parts = value.split("/", -1);
    String name;
    if (parts.length == 1) {
      name = parts[0];
    } else if (parts.length == 2) {
      String prefix = parts[0];
      name = parts[1];
      if (prefix.isEmpty()) {
        errors.add("prefix part must be non-empty");
      } else {
        dns1123SubdomainErrors(prefix).forEach(msg -> errors.add("prefix part " + msg));
      }
    } else {
      errors.add("a qualified name " + qualifiedNameRegexError()
          + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
      return errors;
    }
    if (name.isEmpty()) {
      errors.add("name part must be non-empty");
    } else if (name.length() > QUALIFIED_NAME_MAX_LENGTH) {
      errors.add("name part " + maxLengthError(QUALIFIED_NAME_MAX_LENGTH));
    }
    if (!QUALIFIED_NAME.matcher(name).matches()) {
      errors.add("name part " + qualifiedNameRegexError());
    }
    return errors;
  }

  /** A label value: empty, or at most 63 characters of the qualified-name charset. */
  public static List<String> labelValueErrors(String value) {
    List<String> errors = new ArrayList<>();
    if (value.length() > LABEL_VALUE_MAX_LENGTH) {
      errors.add(maxLengthError(LABEL_VALUE_MAX_LENGTH));
    }
    if (!LABEL_VALUE.matcher(value).matches()) {
      errors.add(regexError("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' "
          + "or '.', and must start and end with an alphanumeric character", LABEL_VALUE_FMT,
          "MyValue", "my_value", "12345"));
    }
    return errors;
  }

  /** A named port ({@code http}, {@code metrics-1}): an IANA service name. */
  public static List<String> portNameErrors(String value) {
    List<String> errors = new ArrayList<>();
    if (value.length() > PORT_NAME_MAX_LENGTH) {
      errors.add(maxLengthError(PORT_NAME_MAX_LENGTH));
    }
    if (!PORT_NAME_CHARSET.matcher(value).matches()) {
      errors.add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
    }
    if (!PORT_NAME_ONE_LETTER.matcher(value).matches()) {
      errors.add("must contain at least one letter (a-z)");
    }
    if (value.contains("--")) {
      errors.add("must not contain consecutive hyphens");
    }
    if (!value.isEmpty() && (value.startsWith("-") || value.endsWith("-"))) {
      errors.add("must not begin or end with a hyphen");
    }
    return errors;
  }

  public static List<String> portNumberErrors(int port) {
    return 1 <= port && port <= 65535 ? List.of() : List.of("must be between 1 and 65535, inclusive");
  }

  /** A percentage as maxSurge takes it: {@code 25%}. */
  public static List<String> percentErrors(String value) {
    return PERCENT.matcher(value).matches() ? List.of()
        : List.of(regexError("a valid percent string must be a numeric string followed by an ending '%'",
            PERCENT_FMT, "1%", "93%"));
  }

  public static List<String> envVarNameErrors(String value) {
    return ENV_VAR_NAME.matcher(value).matches() ? List.of()
        : List.of(regexError("a valid environment variable name must consist of alphabetic characters, digits, "
            + "'_', '-', or '.', and must not start with a digit", ENV_VAR_NAME_FMT,
            "my.env-name", "MY_ENV.NAME", "MyEnvName1"));
  }

  /**
   * A generateName is a prefix that gets a random suffix, so it may end in '-': the check runs on
   * the prefix with a trailing dash replaced by a letter.
   */
  public static String maskTrailingDash(String prefix) {
    return prefix.length() > 1 && prefix.endsWith("-") ? prefix.substring(0, prefix.length() - 1) + "a" : prefix;
  }

  private static String qualifiedNameRegexError() {
    return regexError("must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
        + "alphanumeric character", QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc");
  }

  private static String maxLengthError(int length) {
    return "must be no more than " + length + " characters";
  }

  /** kube-apiserver's wording, double space before "or" included. */
  private static String regexError(String message, String format, String... examples) {
    StringBuilder out = new StringBuilder(message).append(" (e.g. ");
    for (int i = 0; i < examples.length; i++) {
      if (i > 0) {
        out.append(" or ");
      }
      out.append('\'').append(examples[i]).append("', ");
    }
    return out.append("regex used for validation is '").append(format).append("')").toString();
  }
}
