package dev.socra.core.persona;

/**
 * The temperature each stage wants: low where the answer is a judgement held to rules (the
 * evaluation, the tribunal), higher where variety helps (the question, the deck).
 *
 * <p>{@link Prompts} sets {@link #temperature(Stage)} on every request it builds; this is the one
 * place to tune it. The router sends it to every target whose model takes a temperature and leaves
 * it out elsewhere (OpenAI's reasoning models take only their default), so the evaluation and the
 * tribunal run at 0 wherever they can.
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
