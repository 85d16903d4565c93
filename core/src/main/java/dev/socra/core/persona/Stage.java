package dev.socra.core.persona;

import dev.socra.core.pipeline.Specialist;
import java.util.Locale;
import java.util.Optional;

/**
 * Every kind of call Socra makes, in the order a session makes them, named in the first line of its
 * system prompt ({@code Socra stage: specialist-market}). The ledger counts tokens by it, and the
 * demo stub reads it to know what to write.
 */
public enum Stage {
  INTERVIEW_EVALUATION("interview-evaluation", "Interview evaluation"),
  INTERVIEW_QUESTION("interview-question", "Interview question"),
  /**
   * The earlier one-call turn (question, separator, evaluation). No longer asked for: the
   * evaluation now comes first, in its own call. Kept so that sessions saved with it still read.
   */
  INTERVIEW_TURN("interview-turn", "Interview turn"),
  SPECIALIST_MARKET("specialist-market", "Market and customer"),
  SPECIALIST_ARCHITECTURE("specialist-architecture", "Product and architecture"),
  SPECIALIST_ECONOMICS("specialist-economics", "Unit economics"),
  SPECIALIST_GO_TO_MARKET("specialist-go-to-market", "Go-to-market"),
  SPECIALIST_RISK("specialist-risk", "Risk and legal"),
  DEVILS_ADVOCATE("devils-advocate", "Devil's advocate"),
  TRIBUNAL("tribunal", "Tribunal"),
  SYNTHESIS("synthesis", "Synthesis"),
  DECK("deck", "Pitch deck");

  public static final String PREFIX = "Socra stage: ";

  private final String id;
  private final String label;

  Stage(String id, String label) {
    this.id = id;
    this.label = label;
  }

  public String id() {
    return id;
  }

  public String label() {
    return label;
  }

  /** The first line of this stage's system prompt. */
  public String marker() {
    return PREFIX + id;
  }

  public static Stage of(Specialist s) {
    return valueOf("SPECIALIST_" + s.name());
  }

  public Optional<Specialist> specialist() {
    return name().startsWith("SPECIALIST_")
        ? Optional.of(Specialist.valueOf(name().substring("SPECIALIST_".length())))
        : Optional.empty();
  }

  /** The stage a system prompt names, if any. */
  public static Optional<Stage> inSystemPrompt(String system) {
    if (system == null || !system.startsWith(PREFIX)) {
      return Optional.empty();
    }
    int end = system.indexOf('\n');
    String id = (end < 0 ? system : system.substring(0, end)).substring(PREFIX.length()).strip();
    for (Stage s : values()) {
      if (s.id.equals(id.toLowerCase(Locale.ROOT))) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
