package dev.socra.core.interview;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * What the interviewer is told before it asks, from the evaluation just made: short, so that a
 * small model can act on it. The founder never sees these.
 *
 * @param weakest the lowest-scored dimensions, lowest first
 * @param riskiestAssumption the untested belief to go after
 * @param vaguePhrases the founder's own vague words in the last answer, to quote and press on
 * @param lastAnswerQuickReply the last answer was a clicked quick reply: a position, not evidence
 */
public record InterviewNotes(
    IdeaKind ideaKind,
    List<Dimension> weakest,
    String riskiestAssumption,
    List<String> vaguePhrases,
    boolean lastAnswerQuickReply) {

  public InterviewNotes {
    weakest = weakest == null ? List.of() : List.copyOf(weakest);
    vaguePhrases = vaguePhrases == null ? List.of() : List.copyOf(vaguePhrases);
  }

  static final int WEAKEST = 3;
  static final int VAGUE = 3;

  /** Words that promise specifics without giving them, looked for when the evaluator names none. */
  private static final List<String> VAGUE_WORDS =
      List.of(
          "a lot",
          "lots of",
          "many",
          "most people",
          "everyone",
          "everybody",
          "some people",
          "huge",
          "massive",
          "soon",
          "probably",
          "i think",
          "i believe",
          "would love",
          "really want",
          "several",
          "various",
          "tons of",
          "plenty");

  /** The notes for the next question, from the assessment just made and the scores that stand. */
  static InterviewNotes of(Interview interview, Assessment a, List<DimensionScore> scores) {
    List<Dimension> weakest =
        scores.stream()
            .sorted(Comparator.comparingInt(DimensionScore::score))
            .limit(WEAKEST)
            .map(DimensionScore::dimension)
            .toList();
    Turn last = lastAnswered(interview);
    String said = last == null ? interview.idea() : last.answer();
    List<String> vague = new ArrayList<>();
    for (String p : a.vaguePhrases()) {
      String phrase = Quotes.leading(p).orElse(p).strip();
      if (vague.size() < VAGUE && !phrase.isBlank() && Quotes.verbatimIn(phrase, List.of(said))) {
        vague.add(phrase);
      }
    }
    if (vague.isEmpty()) {
      String lower = " " + said.toLowerCase(Locale.ROOT) + " ";
      for (String w : VAGUE_WORDS) {
        if (vague.size() < VAGUE && lower.contains(" " + w + " ")) {
          vague.add(w);
        }
      }
    }
    return new InterviewNotes(
        a.ideaKind(), weakest, a.riskiestAssumption(), vague, last != null && last.quickReply());
  }

  private static Turn lastAnswered(Interview interview) {
    for (int i = interview.turns().size() - 1; i >= 0; i--) {
      if (interview.turns().get(i).answer() != null) {
        return interview.turns().get(i);
      }
    }
    return null;
  }
}
