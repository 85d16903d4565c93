package dev.socra.app;

import java.io.Console;
import java.lang.reflect.Method;

/**
 * Whether the process writes to a person at a terminal rather than into a pipe or a file. Java 22
 * returns a {@link Console} even when the streams are redirected and tells the two apart with
 * {@code Console.isTerminal()}; Java 21 returns none when they are. Both are read here, the newer
 * method by reflection, since the code is compiled for 21.
 */
final class Terminal {
  private Terminal() {}

  static boolean interactive() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(console);
    } catch (ReflectiveOperationException e) {
      // Java 21: a console exists only for a terminal
      return true;
    }
  }
}
