package dev.orca.chaos;

import java.util.Arrays;
import java.util.List;

/**
 * What one fault aims at, concretely: a pod (optionally one container of it), a node, a cluster
 * member, a set of peer members (the far side of a partition), or the journal database. The text
 * form ({@code pod/NS/NAME[/CONTAINER]}, {@code node/NAME}, {@code member/NAME},
 * {@code members/A,B}, {@code db}) names it in logs, reports and on the command line.
 */
public sealed interface FaultTarget {
  FaultKind.TargetType type();

  String text();

  record Pod(String namespace, String name, String container) implements FaultTarget {
    public Pod {
      requireName("pod namespace", namespace);
      requireName("pod name", name);
    }

    public FaultKind.TargetType type() {
      return FaultKind.TargetType.POD;
    }

    public String text() {
      return "pod/" + namespace + "/" + name + (container == null ? "" : "/" + container);
    }
  }

  record Node(String name) implements FaultTarget {
    public Node {
      requireName("node name", name);
    }

    public FaultKind.TargetType type() {
      return FaultKind.TargetType.NODE;
    }

    public String text() {
      return "node/" + name;
    }
  }

  record Member(String name) implements FaultTarget {
    public Member {
      requireName("member name", name);
    }

    public FaultKind.TargetType type() {
      return FaultKind.TargetType.MEMBER;
    }

    public String text() {
      return "member/" + name;
    }
  }

  /** Peers: member names or Pekko addresses ({@code pekko://orca@127.0.0.1:25521}). */
  record Members(List<String> names) implements FaultTarget {
    public Members {
      if (names == null || names.isEmpty()) {
        throw new IllegalArgumentException("name at least one peer member");
      }
      names.forEach(n -> requireName("peer member", n));
      names = List.copyOf(names);
    }

    public FaultKind.TargetType type() {
      return FaultKind.TargetType.MEMBERS;
    }

    public String text() {
      return "members/" + String.join(",", names);
    }
  }

  record Database() implements FaultTarget {
    public FaultKind.TargetType type() {
      return FaultKind.TargetType.DATABASE;
    }

    public String text() {
      return "db";
    }
  }

  /** Reads the text form; throws IllegalArgumentException saying what is wrong. */
  static FaultTarget parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("a target is required (pod/NS/NAME, node/NAME, member/NAME, members/A,B or db)");
    }
    if (text.equals("db")) {
      return new Database();
    }
    int slash = text.indexOf('/');
    String prefix = slash < 0 ? text : text.substring(0, slash);
    String rest = slash < 0 ? "" : text.substring(slash + 1);
    switch (prefix) {
      case "pod" -> {
        String[] parts = rest.split("/", -1);
        if (parts.length < 2 || parts.length > 3) {
          throw new IllegalArgumentException("a pod target is pod/NAMESPACE/NAME[/CONTAINER], not " + text);
        }
        return new Pod(parts[0], parts[1], parts.length == 3 ? parts[2] : null);
      }
      case "node" -> {
        return new Node(rest);
      }
      case "member" -> {
        return new Member(rest);
      }
      case "members" -> {
        return new Members(Arrays.stream(rest.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList());
      }
      default -> throw new IllegalArgumentException("unknown target '" + text
          + "' (pod/NS/NAME, node/NAME, member/NAME, members/A,B or db)");
    }
  }

  private static void requireName(String what, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("the " + what + " is empty");
    }
  }
}
