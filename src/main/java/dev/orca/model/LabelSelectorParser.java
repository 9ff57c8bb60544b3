package dev.orca.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The parser of the {@code labelSelector} query syntax, after kube-apiserver's: a lexer cuts the
 * text into tokens, then a recursive-descent parser reads comma-separated requirements.
 */
final class LabelSelectorParser {
  private enum Token {
    IDENTIFIER, IN, NOT_IN, EQUALS, DOUBLE_EQUALS, NOT_EQUALS, NOT, GREATER_THAN, LESS_THAN,
    OPEN_PAR, CLOSED_PAR, COMMA, END
  }

  private record Lexeme(Token token, String literal) {}

  private static final Map<String, Token> SYMBOLS = Map.of(
      "=", Token.EQUALS, "==", Token.DOUBLE_EQUALS, "!=", Token.NOT_EQUALS, "!", Token.NOT,
      ">", Token.GREATER_THAN, "<", Token.LESS_THAN, "(", Token.OPEN_PAR, ")", Token.CLOSED_PAR, ",", Token.COMMA);

  private static final String BINARY_OPERATORS = "in, notin, =, ==, !=, gt, lt";

  private final List<Lexeme> lexemes;
  private int position;

  private LabelSelectorParser(String text) {
    this.lexemes = lex(text);
  }

  /** The requirements of a selector, in the order written; throws IllegalArgumentException on bad syntax. */
  static List<LabelRequirement> parse(String text) {
    return new LabelSelectorParser(text).requirements();
  }

  private List<LabelRequirement> requirements() {
    List<LabelRequirement> requirements = new ArrayList<>();
    while (true) {
      Lexeme next = peek(true);
      switch (next.token()) {
        case IDENTIFIER, NOT -> {
          try {
            requirements.add(requirement());
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unable to parse requirement: " + e.getMessage(), e);
          }
          Lexeme after = consume(true);
          if (after.token() == Token.END) {
            return requirements;
          }
          if (after.token() != Token.COMMA) {
            throw syntax("found '" + after.literal() + "', expected: ',' or 'end of string'");
          }
          Lexeme following = peek(true);
          if (following.token() != Token.IDENTIFIER && following.token() != Token.NOT) {
            throw syntax("found '" + following.literal() + "', expected: identifier after ','");
          }
        }
        case END -> {
          return requirements;
        }
        default -> throw syntax("found '" + next.literal() + "', expected: !, identifier, or 'end of string'");
      }
    }
  }

  private LabelRequirement requirement() {
    boolean negated = false;
    Lexeme keyLexeme = consume(true);
    if (keyLexeme.token() == Token.NOT) {
      negated = true;
      keyLexeme = consume(true);
    }
    if (keyLexeme.token() != Token.IDENTIFIER) {
      throw syntax("found '" + keyLexeme.literal() + "', expected: identifier");
    }
    String key = keyLexeme.literal();
    Token after = peek(true).token();
    if (negated) {
      return LabelRequirement.of(key, LabelRequirement.Operator.DOES_NOT_EXIST, List.of());
    }
    if (after == Token.END || after == Token.COMMA) {
      return LabelRequirement.of(key, LabelRequirement.Operator.EXISTS, List.of());
    }
    LabelRequirement.Operator operator = operator();
    List<String> values = switch (operator) {
      case IN, NOT_IN -> valueSet();
      default -> List.of(exactValue());
    };
    return LabelRequirement.of(key, operator, values);
  }

  private LabelRequirement.Operator operator() {
    Lexeme lexeme = consume(false);
    return switch (lexeme.token()) {
      case IN -> LabelRequirement.Operator.IN;
      case NOT_IN -> LabelRequirement.Operator.NOT_IN;
      case EQUALS -> LabelRequirement.Operator.EQUALS;
      case DOUBLE_EQUALS -> LabelRequirement.Operator.DOUBLE_EQUALS;
      case NOT_EQUALS -> LabelRequirement.Operator.NOT_EQUALS;
      case GREATER_THAN -> LabelRequirement.Operator.GREATER_THAN;
      case LESS_THAN -> LabelRequirement.Operator.LESS_THAN;
      default -> throw syntax("found '" + lexeme.literal() + "', expected: " + BINARY_OPERATORS);
    };
  }

  /** {@code (a,b)}; empty entries, as in {@code (a,)} or {@code ()}, stand for the empty value. */
  private List<String> valueSet() {
    Lexeme open = consume(true);
    if (open.token() != Token.OPEN_PAR) {
      throw syntax("found '" + open.literal() + "' expected: '('");
    }
    List<String> values = new ArrayList<>();
    boolean expectValue = true;
    while (true) {
      Lexeme lexeme = consume(true);
      switch (lexeme.token()) {
        case IDENTIFIER -> {
          if (!expectValue) {
            throw syntax("found '" + lexeme.literal() + "', expected: ',' or ')'");
          }
          values.add(lexeme.literal());
          expectValue = false;
        }
        case COMMA -> {
          if (expectValue) {
            values.add("");
          }
          expectValue = true;
        }
        case CLOSED_PAR -> {
          if (expectValue) {
            values.add("");
          }
          return values;
        }
        default -> throw syntax("found '" + lexeme.literal() + "', expected: "
            + (expectValue ? "',', ')' or identifier" : "',' or ')'"));
      }
    }
  }

  private String exactValue() {
    Token next = peek(true).token();
    if (next == Token.END || next == Token.COMMA) {
      return "";
    }
    Lexeme lexeme = consume(true);
    if (lexeme.token() != Token.IDENTIFIER) {
      throw syntax("found '" + lexeme.literal() + "', expected: identifier");
    }
    return lexeme.literal();
  }

  /** In a value position the keywords {@code in} and {@code notin} are plain identifiers. */
  private Lexeme peek(boolean valuePosition) {
    Lexeme lexeme = lexemes.get(position);
    if (valuePosition && (lexeme.token() == Token.IN || lexeme.token() == Token.NOT_IN)) {
      return new Lexeme(Token.IDENTIFIER, lexeme.literal());
    }
    return lexeme;
  }

  private Lexeme consume(boolean valuePosition) {
    Lexeme lexeme = peek(valuePosition);
    if (lexeme.token() != Token.END) {
      position++;
    }
    return lexeme;
  }

  private static IllegalArgumentException syntax(String message) {
    return new IllegalArgumentException(message);
  }

  private static List<Lexeme> lex(String text) {
    List<Lexeme> lexemes = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (isSymbol(c)) {
        String two = i + 1 < text.length() ? text.substring(i, i + 2) : "";
        String symbol = SYMBOLS.containsKey(two) ? two : String.valueOf(c);
        lexemes.add(new Lexeme(SYMBOLS.get(symbol), symbol));
        i += symbol.length();
      } else {
        int start = i;
        while (i < text.length() && !Character.isWhitespace(text.charAt(i)) && !isSymbol(text.charAt(i))) {
          i++;
        }
        String word = text.substring(start, i);
        Token token = switch (word) {
          case "in" -> Token.IN;
          case "notin" -> Token.NOT_IN;
          default -> Token.IDENTIFIER;
        };
        lexemes.add(new Lexeme(token, word));
      }
    }
    lexemes.add(new Lexeme(Token.END, ""));
    return lexemes;
  }

  private static boolean isSymbol(char c) {
    return c == '=' || c == '!' || c == '(' || c == ')' || c == ',' || c == '>' || c == '<';
  }
}
