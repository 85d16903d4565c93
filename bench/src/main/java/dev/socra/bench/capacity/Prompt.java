package dev.socra.bench.capacity;

/**
 * A call's system prompt and user message, sized so that the fakes count exactly {@link
 * Stage#inputTokens()} for it: the fakes count words, plus one per message. Every word of the
 * filler is one cl100k token, so Socra's own estimate is close to the fakes' count from the first
 * call (its calibration then closes the rest of the gap, as against a real provider).
 */
record Prompt(String system, String user) {

  private static final String[] WORDS = {
    "market", "customer", "price", "growth", "risk", "team", "product", "plan", "cost", "user",
    "data", "sales", "value", "level", "point", "time", "work", "case", "need", "change"
  };

  static Prompt of(Stage stage, int session) {
    String system = "You are the " + stage.name() + " of a Socratic review of a business idea.";
    StringBuilder user =
        new StringBuilder("Session ").append(session).append(' ').append(stage.name()).append(':');
    int words = words(system) + words(user.toString());
    int filler = stage.inputTokens() - 2 - words; // one per message: system and user
    for (int i = 0; i < filler; i++) {
      user.append(' ').append(WORDS[(i * 7 + session + stage.name().length()) % WORDS.length]);
    }
    return new Prompt(system, user.toString());
  }

  private static int words(String text) {
    return text.strip().split("\\s+").length;
  }
}
