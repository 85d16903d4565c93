package dev.socra.core.interview;

import java.util.List;

/**
 * What Socra's checks found in one turn, kept with it so a session shows how the model behaved (and
 * {@code socra eval} can count it).
 *
 * @param draftProblems what the first draft of the question broke ({@link QuestionCheck}); empty
 *     when it passed
 * @param finalProblems what the question asked still breaks after its one rewrite; empty when it
 *     passed
 * @param heldScores score moves the evidence rules reverted or capped
 * @param repliesRejected quick replies dropped for stating facts the founder never gave
 */
public record TurnChecks(
    List<String> draftProblems,
    List<String> finalProblems,
    List<HeldScore> heldScores,
    int repliesRejected) {

  public static final TurnChecks NONE = new TurnChecks(List.of(), List.of(), List.of(), 0);

  public TurnChecks {
    draftProblems = draftProblems == null ? List.of() : List.copyOf(draftProblems);
    finalProblems = finalProblems == null ? List.of() : List.copyOf(finalProblems);
    heldScores = heldScores == null ? List.of() : List.copyOf(heldScores);
  }
}
