package dev.socra.core.stub;

import dev.socra.core.interview.Assumption;
import dev.socra.core.interview.AssumptionStatus;
import dev.socra.core.interview.Dimension;
import dev.socra.core.interview.DimensionScore;
import dev.socra.core.interview.Quotes;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the founder's answers have shown, read turn by turn the way the demo interviewer reads them,
 * so that the question, the scores, the assumptions and later the verdict all agree:
 *
 * <ul>
 *   <li>Each question is about one dimension, in order; an answer that says nothing (an evasion) is
 *       pressed on once by the next question, which asks about the same dimension again.
 *   <li>An evasion lowers the score it was about by one (never below 0) and leaves its assumption
 *       as it was; a claim lifts a score to 3; something specific to 5; a count or money to 7.
 *   <li>An answer that says it has not happened ("nobody has paid yet") contradicts the assumption
 *       it was about, and its score drops to 2.
 *   <li>A clicked quick reply is a position: it moves nothing.
 * </ul>
 *
 * Every score that rises quotes the answer that raised it, the newest one: the {@code
 * EvidenceRules} a real evaluator is held to never have to hold the demo back.
 */
final class Evidence {
  static final int CONTRADICTED_SCORE = 2;

  /**
   * Signs that an answer says something has not happened. "They had no room" is evidence of the
   * problem, so a bare "no" counts only where the answer opens with it.
   */
  private static final List<String> AGAINST =
      List.of(" not ", "n't", "nobody", "no one", "never", "nothing", "none");

  private final IdeaWords words;
  private final FounderFacts facts;
  private final List<AnswerQuality> quality = new ArrayList<>();
  private final List<Dimension> asked = new ArrayList<>();
  private final List<Boolean> pressed = new ArrayList<>();
  private final Map<Dimension, DimensionScore> scores = new EnumMap<>(Dimension.class);
  private final Map<Dimension, Assumption> moved = new EnumMap<>(Dimension.class);

  Evidence(IdeaWords words) {
    this.words = words;
    this.facts = new FounderFacts(words);
    fromIdea();
    asked.add(Dimension.PROBLEM);
    pressed.add(false);
    int cursor = 0;
    List<String> answers = words.answers();
    for (int i = 0; i < answers.size(); i++) {
      AnswerQuality q = AnswerQuality.of(answers.get(i));
      quality.add(q);
      if (!words.clicked(i)) {
        read(i, answers.get(i), q);
      }
      if (!words.clicked(i) && q == AnswerQuality.EVASIVE && !pressed.get(i)) {
        asked.add(asked.get(i));
        pressed.add(true);
      } else {
        cursor++;
        asked.add(Dimension.values()[cursor % Dimension.values().length]);
        pressed.add(false);
      }
    }
  }

  FounderFacts facts() {
    return facts;
  }

  /** The dimension the question at this turn (from 1) is about. */
  Dimension asked(int turn) {
    return asked.get(Math.min(turn, asked.size()) - 1);
  }

  /** Whether the question at this turn presses on an answer that said nothing. */
  boolean pressed(int turn) {
    return pressed.get(Math.min(turn, pressed.size()) - 1);
  }

  /** How many earlier questions (not presses) were about this dimension before this turn. */
  int round(int turn, Dimension d) {
    int n = 0;
    for (int t = 1; t < turn && t <= asked.size(); t++) {
      n += asked(t) == d && !pressed(t) ? 1 : 0;
    }
    return n;
  }

  /** Answer {@code i}'s quality (from 0). */
  AnswerQuality quality(int i) {
    return quality.get(i);
  }

  /** Typed answers that said something, from 0. */
  List<Integer> useful() {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < quality.size(); i++) {
      if (!words.clicked(i) && quality.get(i) != AnswerQuality.EVASIVE) {
        out.add(i);
      }
    }
    return out;
  }

  /** Typed answers that said nothing, from 0. */
  List<Integer> evasions() {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < quality.size(); i++) {
      if (!words.clicked(i) && quality.get(i) == AnswerQuality.EVASIVE) {
        out.add(i);
      }
    }
    return out;
  }

  /** The answers (from 0) that were about a dimension: asked about it, or speaking to it. */
  List<Integer> about(Dimension d) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < quality.size(); i++) {
      if (!words.clicked(i) && (asked.get(i) == d || speaks(words.answers().get(i), d))) {
        out.add(i);
      }
    }
    return out;
  }

  List<DimensionScore> scores() {
    return List.of(Dimension.values()).stream().map(scores::get).toList();
  }

  int score(Dimension d) {
    return scores.get(d).score();
  }

  /** The assumption a dimension tests, as the answers left it. */
  Assumption assumption(Dimension d, String statement) {
    Assumption a = moved.get(d);
    return a == null
        ? new Assumption(statement, d, "", AssumptionStatus.UNTESTED)
        : new Assumption(statement, d, a.movedBy(), a.status());
  }

  AssumptionStatus status(Dimension d) {
    Assumption a = moved.get(d);
    return a == null ? AssumptionStatus.UNTESTED : a.status();
  }

  /**
   * Enough is known when three typed answers said something, the problem and the customer are at
   * least specific, and something was shown with a number.
   */
  boolean enough() {
    boolean shown = scores.values().stream().anyMatch(s -> s.score() >= 7);
    return useful().size() >= 3
        && score(Dimension.PROBLEM) >= 5
        && score(Dimension.CUSTOMER) >= 5
        && shown;
  }

  /** The idea alone: a claim about the problem and the solution, and what it states. */
  private void fromIdea() {
    String idea = words.idea();
    String quote = IdeaWords.quoted(IdeaWords.ideaQuote(idea));
    for (Dimension d : Dimension.values()) {
      scores.put(d, new DimensionScore(d, "no evidence — nothing said yet on " + subject(d), 0));
    }
    scores.put(
        Dimension.PROBLEM,
        new DimensionScore(
            Dimension.PROBLEM,
            quote + " — the idea's claim; nothing shown yet on " + subject(Dimension.PROBLEM),
            3));
    scores.put(
        Dimension.SOLUTION,
        new DimensionScore(
            Dimension.SOLUTION,
            quote + " — the idea's claim; nothing shown yet on " + subject(Dimension.SOLUTION),
            3));
    facts
        .customers()
        .filter(c -> c.source().equals("idea"))
        .filter(c -> Quotes.verbatimIn(c.text(), List.of(IdeaWords.ideaQuote(idea))))
        .ifPresent(
            c ->
                scores.put(
                    Dimension.CUSTOMER,
                    new DimensionScore(
                        Dimension.CUSTOMER,
                        quote + " — a group named, not yet a customer spoken to",
                        3)));
    facts
        .model()
        .filter(m -> m.source().equals("idea"))
        .ifPresent(
            m ->
                scores.put(
                    Dimension.BUSINESS_MODEL,
                    new DimensionScore(
                        Dimension.BUSINESS_MODEL,
                        IdeaWords.quoted(IdeaWords.sentenceWith(idea, m.text()))
                            + " — a price stated; nobody has paid it yet",
                        4)));
  }

  /** One typed answer: the dimension it was asked about, then any other it speaks to. */
  private void read(int i, String answer, AnswerQuality q) {
    Dimension d = asked.get(i);
    DimensionScore s = scores.get(d);
    if (q == AnswerQuality.EVASIVE) {
      scores.put(
          d,
          new DimensionScore(
              d,
              "no evidence — asked "
                  + subject(d)
                  + (IdeaWords.hasWords(IdeaWords.shortQuote(answer))
                      ? ", the answer was " + IdeaWords.quoted(IdeaWords.shortQuote(answer))
                      : ", the answer held no words"),
              Math.max(0, s.score() - 1)));
      return;
    }
    String quote = IdeaWords.quoted(quotable(answer));
    if (against(answer)) {
      scores.put(
          d,
          new DimensionScore(
              d, quote + " — says it has not happened yet, on " + subject(d), CONTRADICTED_SCORE));
      moved.put(d, new Assumption("", d, quotable(answer), AssumptionStatus.CONTRADICTED));
      return;
    }
    raise(d, quote, q);
    if (q.evidence()) {
      moved.put(d, new Assumption("", d, quotable(answer), AssumptionStatus.SUPPORTED));
    }
    for (Dimension other : Dimension.values()) {
      if (other != d && q.evidence() && speaks(answer, other)) {
        raise(other, quote, q);
        if (moved.get(other) == null) {
          moved.put(other, new Assumption("", other, quotable(answer), AssumptionStatus.SUPPORTED));
        }
      }
    }
  }

  private void raise(Dimension d, String quote, AnswerQuality q) {
    if (q.level() <= scores.get(d).score()) {
      return;
    }
    String why =
        switch (q) {
          case CONCRETE -> "a past action with a number, on ";
          case SPECIFIC -> "specific, but not yet counted, on ";
          default -> "a claim without specifics, on ";
        };
    scores.put(d, new DimensionScore(d, quote + " — " + why + subject(d), q.level()));
  }

  /** Whether the answer's first clause says it has not happened ("Nobody has paid yet, but…"). */
  static boolean against(String answer) {
    String first = answer.split("[,;:]|\\bbut\\b|—", 2)[0];
    String t = " " + first.toLowerCase(Locale.ROOT).replace('’', '\'') + " ";
    return t.matches("^\\s*no\\b.*") || AGAINST.stream().anyMatch(t::contains);
  }

  private static boolean speaks(String answer, Dimension d) {
    return IdeaWords.mentions(answer, InterviewLines.cues(d));
  }

  /**
   * The founder's words to quote, verbatim: the sentence with a number if there is one, else the
   * first sentence; a very long one is cut to the words around its number, marked with ellipses.
   */
  static String quotable(String answer) {
    return IdeaWords.evidenceQuote(answer);
  }

  /** What a dimension's score is about, for its one-line reason. */
  static String subject(Dimension d) {
    return switch (d) {
      case PROBLEM -> "how often the problem happens and what it costs";
      case CUSTOMER -> "who exactly needs it first";
      case MARKET -> "how many would pay for it";
      case SOLUTION -> "why it beats what people do today";
      case BUSINESS_MODEL -> "who pays how much";
      case UNFAIR_ADVANTAGE -> "what makes it hard to copy";
      case FEASIBILITY -> "how hard it is to build";
      case GO_TO_MARKET -> "how the first users will be reached";
    };
  }

  /** The founder's first stated fee or price, for the business model's wording. */
  Optional<FounderFacts.Stated> model() {
    return facts.model();
  }
}
