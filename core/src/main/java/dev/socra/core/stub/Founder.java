package dev.socra.core.stub;

import dev.socra.core.interview.Dimension;
import java.util.List;
import java.util.Optional;

/**
 * The founder as the demo's later stages read them from the brief: their words, what those words
 * showed ({@link Evidence}), and the wording filled from them. Built once per request.
 */
record Founder(IdeaWords words, Evidence evidence, Wording wording) {
  static Founder of(IdeaWords words) {
    Evidence e = new Evidence(words);
    return new Founder(words, e, new Wording(words, e.facts(), KindLines.kind(words)));
  }

  /**
   * A dimension's score: as the brief states it (what the founder saw when the interview ended),
   * else as the demo reads the answers.
   */
  int score(Dimension d) {
    Integer stated = words.briefScores().get(d);
    return stated != null ? stated : evidence.score(d);
  }

  /** "A3", the label findings cite an answer by (from 0). */
  static String label(int i) {
    return "A" + (i + 1);
  }

  /** The typed answers that said something, as "A1, A3" (at most three), or "idea". */
  String sources() {
    List<String> out = evidence.useful().stream().limit(3).map(Founder::label).toList();
    return out.isEmpty() ? "idea" : String.join(", ", out);
  }

  /**
   * The strongest typed answer about one of these dimensions (concrete before specific), if any.
   */
  Optional<Integer> best(List<Dimension> dims) {
    Integer best = null;
    for (Dimension d : dims) {
      for (int i : evidence.about(d)) {
        AnswerQuality q = evidence.quality(i);
        if (q.evidence()
            && !Evidence.against(words.answers().get(i))
            && (best == null || q.compareTo(evidence.quality(best)) > 0)) {
          best = i;
        }
      }
    }
    return Optional.ofNullable(best);
  }

  /** The strongest typed answer of the whole interview, if any said something specific. */
  Optional<Integer> best() {
    return best(List.of(Dimension.values()));
  }

  /** Up to three of the answers that said nothing, quoted: “idk”, “no”. */
  String evasionSamples() {
    return String.join(
        ", ",
        evidence.evasions().stream()
            .map(i -> IdeaWords.shortQuote(words.answers().get(i)))
            .filter(IdeaWords::hasWords)
            .map(IdeaWords::quoted)
            .distinct()
            .limit(3)
            .toList());
  }

  /** Typed answers in all (clicked replies are positions, not answers). */
  int typed() {
    int n = 0;
    for (int i = 0; i < words.answers().size(); i++) {
      n += words.clicked(i) ? 0 : 1;
    }
    return n;
  }

  /** An answer quoted as evidence, with its label: “9 clinic owners…” (A3). */
  String cite(int i) {
    return IdeaWords.quoted(Evidence.quotable(words.answers().get(i))) + " (" + label(i) + ")";
  }
}
