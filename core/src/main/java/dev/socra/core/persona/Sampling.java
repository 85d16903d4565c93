package dev.socra.core.persona;

/**
 * The temperature each stage wants: low where the answer is a judgement held to rules (the
 * evaluation, the tribunal), higher where variety helps (the question, the deck).
 *
 * <p>Not sent yet: the router's {@code ChatRequest} carries no sampling parameters, so every
 * provider uses its default (about 1.0). Once it does, {@link Prompts} sets {@link
 * #temperature(Stage)} on every request it builds; this is the one place to tune it.
 */
public final class Sampling {
  private Sampling() {}

  public static double temperature(Stage stage) {
    return switch (stage) {
      case INTERVIEW_EVALUATION, TRIBUNAL -> 0.0;
      case SPECIALIST_MARKET,
          SPECIALIST_ARCHITECTURE,
          SPECIALIST_ECONOMICS,
          SPECIALIST_GO_TO_MARKET,
          SPECIALIST_RISK,
          SYNTHESIS ->
          0.3;
      case DEVILS_ADVOCATE -> 0.5;
      case INTERVIEW_QUESTION, INTERVIEW_TURN, DECK -> 0.7;
    };
  }
}
