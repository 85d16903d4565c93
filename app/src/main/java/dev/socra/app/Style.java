package dev.socra.app;

import java.util.Map;

/**
 * How {@code socra ask} writes: colour and a progress line at a terminal, plain text when piped or
 * written to a file (what a script or a test reads). {@code --color=auto} (the default) colours a
 * terminal unless {@code NO_COLOR} is set (https://no-color.org) or {@code TERM} is {@code dumb};
 * {@code always} and {@code never} decide outright.
 *
 * @param colour ANSI colours and bold
 * @param live a status line rewritten in place while the pipeline runs
 */
record Style(boolean colour, boolean live) {
  /** What {@code --color} may say. */
  enum Mode {
    auto,
    always,
    never
  }

  static final Style PLAIN = new Style(false, false);

  private static final String RESET = "\u001B[0m";

  static Style of(Mode mode, Map<String, String> env, boolean terminal) {
    return switch (mode) {
      case never -> PLAIN;
      case always -> new Style(true, true);
      case auto -> {
        boolean noColor = env.get("NO_COLOR") != null && !env.get("NO_COLOR").isEmpty();
        boolean dumb = "dumb".equals(env.get("TERM"));
        yield new Style(terminal && !noColor && !dumb, terminal && !dumb);
      }
    };
  }

  String bold(String s) {
    return paint("1", s);
  }

  String dim(String s) {
    return paint("2", s);
  }

  String green(String s) {
    return paint("32", s);
  }

  String red(String s) {
    return paint("31", s);
  }

  String yellow(String s) {
    return paint("33", s);
  }

  String cyan(String s) {
    return paint("36", s);
  }

  private String paint(String code, String s) {
    return colour ? "\u001B[" + code + "m" + s + RESET : s;
  }

  /** Wipes the status line so that a permanent line can be written where it was. */
  String clearLine() {
    return live ? "\r\u001B[2K" : "";
  }
}
