package dev.socra.core.stub;

import dev.socra.core.interview.Assessment;
import dev.socra.core.interview.Assumption;
import dev.socra.core.interview.AssumptionStatus;
import dev.socra.core.interview.Dimension;
import dev.socra.core.interview.DimensionScore;
import dev.socra.core.interview.IdeaKind;
import dev.socra.core.interview.QuestionCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The demo interviewer: the evaluation of the answers so far, then one question per turn with its
 * quick replies. It reads the founder ({@link Evidence}): an answer that says nothing lowers the
 * score it was about and is pressed on once; a specific one raises it. It keeps the rules the real
 * evaluator is held to: every reason opens with the founder's words (or "no evidence"), a score
 * rises only with what the founder typed in the newest answer, above 5 only with a number, and a
 * clicked quick reply is never evidence.
 */
final class InterviewWriter {
  private static final List<Dimension> FIRST_ASSUMPTIONS =
      List.of(Dimension.PROBLEM, Dimension.CUSTOMER, Dimension.BUSINESS_MODEL);
  private static final List<Dimension> MORE_ASSUMPTIONS =
      List.of(
          Dimension.SOLUTION,
          Dimension.GO_TO_MARKET,
          Dimension.FEASIBILITY,
          Dimension.MARKET,
          Dimension.UNFAIR_ADVANTAGE);
  private static final List<String> VAGUE =
      List.of("a lot", "lots of", "many", "everyone", "some people", "soon", "probably", "huge");

  private final IdeaWords words;
  private final Evidence evidence;
  private final Wording wording;

  InterviewWriter(IdeaWords words) {
    this.words = words;
    this.evidence = new Evidence(words);
    this.wording = new Wording(words, evidence.facts(), KindLines.kind(words));
  }

  /**
   * The question about the turn's dimension, quoting the last answer, then the replies. After an
   * answer that said nothing, the question presses on the same dimension.
   */
  String question() {
    int turn = words.turn();
    Dimension d = evidence.asked(turn);
    boolean press = evidence.pressed(turn);
    String template;
    if (press) {
      template = InterviewLines.press(d);
    } else {
      List<String> options = InterviewLines.questions(d, wording.hasModel(), wording.hasRivals());
      int variant =
          (words.pick("question " + d, options.size()) + evidence.round(turn, d)) % options.size();
      template = options.get(variant);
    }
    String last = words.lastAnswer();
    String said =
        last == null || !IdeaWords.hasWords(IdeaWords.shortQuote(last))
            ? ""
            : "You said " + IdeaWords.quoted(IdeaWords.shortQuote(last)) + ". ";
    // a long name and a long quotation would break the word limit: the name gives way, then the
    // quotation
    List<String> candidates =
        List.of(
            last == null ? wording.fillFirst(template) : said + wording.fill(template),
            said + wording.fillShort(template),
            wording.fill(template),
            wording.fillShort(template));
    String question = candidates.getLast();
    for (String q : candidates) {
      if (QuestionCheck.problems(q).isEmpty()) {
        question = q;
        break;
      }
    }
    List<String> replies =
        press ? KindLines.pressChoices(wording.kind()) : choices(d, wording.kind(), turn);
    return question + "\nReplies:\n- " + String.join("\n- ", replies);
  }

  Assessment assessment() {
    List<DimensionScore> scores = evidence.scores();
    List<Assumption> assumptions = assumptions();
    return new Assessment(
        wording.kind(), vague(), scores, assumptions, riskiest(assumptions), evidence.enough());
  }

  /**
   * The riskiest untested belief: the one the founder most recently could not answer about, else
   * the first untested one.
   */
  private String riskiest(List<Assumption> assumptions) {
    List<Integer> evaded = evidence.evasions();
    for (int k = evaded.size() - 1; k >= 0; k--) {
      Dimension d = evidence.asked(evaded.get(k) + 1);
      for (Assumption a : assumptions) {
        if (a.category() == d && a.status() == AssumptionStatus.UNTESTED) {
          return a.statement();
        }
      }
    }
    return assumptions.stream()
        .filter(a -> a.status() == AssumptionStatus.UNTESTED)
        .map(Assumption::statement)
        .findFirst()
        .orElse(assumptions.getFirst().statement());
  }

  private List<Assumption> assumptions() {
    List<Dimension> categories = new ArrayList<>(FIRST_ASSUMPTIONS);
    int more = words.pick("assumptions", 4);
    int offset = words.pick("assumption order", MORE_ASSUMPTIONS.size());
    for (int i = 0; i < more; i++) {
      categories.add(MORE_ASSUMPTIONS.get((offset + i) % MORE_ASSUMPTIONS.size()));
    }
    return categories.stream().map(d -> evidence.assumption(d, statement(wording, d))).toList();
  }

  static String statement(Wording wording, Dimension d) {
    return wording.fill(
        InterviewLines.assumption(d, wording.kind() == IdeaKind.MARKETPLACE, wording.hasModel()));
  }

  /** Vague words of the last typed answer, as the founder wrote them. */
  private List<String> vague() {
    String last = words.lastAnswer();
    if (last == null || words.clicked(words.answers().size() - 1)) {
      return List.of();
    }
    String lower = " " + last.toLowerCase(Locale.ROOT) + " ";
    return VAGUE.stream().filter(v -> lower.contains(" " + v + " ")).limit(2).toList();
  }

  /** Two to four positions on this turn's question, in this kind of idea's terms. */
  private List<String> choices(Dimension d, IdeaKind kind, int turn) {
    List<String> all = KindLines.choices(d, kind);
    int count = 2 + words.pick("choices " + turn, 3);
    List<String> out = new ArrayList<>();
    // the kind's own reply first, then the others in a stable order
    out.add(all.getFirst());
    int start = words.pick("choice order " + turn, all.size() - 1);
    for (int i = 0; out.size() < count; i++) {
      out.add(all.get(1 + (start + i) % (all.size() - 1)));
    }
    return out;
  }
}
