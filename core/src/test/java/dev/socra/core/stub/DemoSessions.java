package dev.socra.core.stub;

import dev.socra.core.session.Session;
import java.util.List;

/** Whole demo sessions for other packages' tests: the idea, answered in turn, through the deck. */
public final class DemoSessions {
  private DemoSessions() {}

  public static Session run(String idea, List<String> answers) {
    return DemoListensTest.session(idea, answers);
  }
}
