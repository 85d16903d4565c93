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
import java.util.regex.Pattern;

/**
 * The demo interviewer: the evaluation of the answers so far, then one question per turn with its
 * quick replies. It keeps the rules the real evaluator is held to: every reason opens with the
 * founder's words (or "no evidence"), a score rises only with what the founder typed, above 5 only
 * with a number, and a clicked quick reply is never evidence.
 */
final class InterviewWriter {
  private static final int MOVED_BY_CHARS = 200;
  private static final int QUOTE_WORDS = 16;
  private static final Pattern NUMBER = Pattern.compile("\\p{Nd}");
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

  InterviewWriter(IdeaWords words) {
    this.words = words;
  }

  /** The question about the turn's dimension, quoting the last answer, then the replies. */
  String question() {
    int turn = words.turn();
    Dimension d = IdeaWords.dimensionOf(turn);
    List<String> options = InterviewLines.questions(d);
    // The second time round the dimensions, the other wording.
    int variant = (words.pick("question " + d, options.size()) + (turn - 1) / 8) % options.size();
    String asked = fill(options.get(variant));
    String last = words.lastAnswer();
    String question = asked;
    if (last != null) {
      String said = "You said \"" + IdeaWords.excerpt(last).replaceAll("[?？]", "") + "\". ";
      // a long label and a long quotation would break the word limit: the label gives way
      for (String q :
          List.of(said + asked, said + options.get(variant).replace("\"{idea}\"", "it"))) {
        if (QuestionCheck.problems(q).isEmpty()) {
          question = q;
          break;
        }
      }
    }
    return question + "\nReplies:\n- " + String.join("\n- ", choices());
  }

  Assessment assessment() {
    List<DimensionScore> scores = new ArrayList<>();
    for (Dimension d : Dimension.values()) {
      scores.add(score(d));
    }
    List<Assumption> assumptions = assumptions();
    String riskiest =
        assumptions.stream()
            .filter(a -> a.status() == AssumptionStatus.UNTESTED)
            .map(Assumption::statement)
            .findFirst()
            .orElse(assumptions.getFirst().statement());
    return new Assessment(kind(), vague(), scores, assumptions, riskiest, enough(scores));
  }

  /**
   * The strongest typed answer that speaks to the dimension sets its score: 3 a claim, 5 a specific
   * one (ten words or more), 7 one with a number. Before any answer, the idea is a claim about the
   * problem and the solution.
   */
  private DimensionScore score(Dimension d) {
    String subject = fill(InterviewLines.subject(d));
    String best = null;
    int level = 0;
    List<String> answers = words.answers();
    for (int i = 0; i < answers.size(); i++) {
      if (words.clicked(i) || !speaks(i, answers.get(i), d)) {
        continue;
      }
      int l = level(answers.get(i));
      if (l >= level) {
        level = l;
        best = answers.get(i);
      }
    }
    if (best == null && (d == Dimension.PROBLEM || d == Dimension.SOLUTION)) {
      return new DimensionScore(
          d, "\"" + quotable(words.idea()) + "\" — the founder's claim, nothing shown yet", 3);
    }
    if (best == null) {
      return new DimensionScore(d, "no evidence — nothing said yet about " + subject, 0);
    }
    String why =
        switch (level) {
          case 7 -> "a past action with a number, on ";
          case 5 -> "specific, but still a claim, on ";
          default -> "a claim without specifics, on ";
        };
    return new DimensionScore(d, "\"" + quotable(best) + "\" — " + why + subject, level);
  }

  private static int level(String answer) {
    if (NUMBER.matcher(answer).find()) {
      return 7;
    }
    return IdeaWords.words(answer).size() >= 10 ? 5 : 3;
  }

  private static boolean speaks(int index, String answer, Dimension d) {
    return IdeaWords.dimensionOf(index + 1) == d
        || IdeaWords.mentions(answer, InterviewLines.cues(d));
  }

  /**
   * Words of the answer to quote, verbatim: its sentence with a number if it has one, else its
   * first sentence; a long one cut to the words around the number, marked with an ellipsis. Double
   * quotes become single ones, as the quotation is itself in double quotes.
   */
  static String quotable(String answer) {
    String sentence = IdeaWords.firstSentence(answer);
    for (String s : answer.split("(?<=[.!?])\\s+")) {
      if (NUMBER.matcher(s).find()) {
        sentence = s;
        break;
      }
    }
    String[] w = sentence.replace('"', '\'').strip().split("\\s+");
    if (w.length <= QUOTE_WORDS) {
      return String.join(" ", w);
    }
    int at = 0;
    for (int i = 0; i < w.length; i++) {
      if (NUMBER.matcher(w[i]).find()) {
        at = i;
        break;
      }
    }
    int from = Math.max(0, Math.min(at - QUOTE_WORDS / 2, w.length - QUOTE_WORDS));
    int to = Math.min(w.length, from + QUOTE_WORDS);
    return (from > 0 ? "… " : "")
        + String.join(" ", List.of(w).subList(from, to))
        + (to < w.length ? " …" : "");
  }

  /** Enough is known when the problem and the customer are specific and something is shown. */
  private boolean enough(List<DimensionScore> scores) {
    int typed = 0;
    for (int i = 0; i < words.answers().size(); i++) {
      typed += words.clicked(i) ? 0 : 1;
    }
    int problem = scores.get(Dimension.PROBLEM.ordinal()).score();
    int customer = scores.get(Dimension.CUSTOMER.ordinal()).score();
    boolean shown = scores.stream().anyMatch(s -> s.score() >= 7);
    return typed >= 3 && problem >= 5 && customer >= 5 && shown;
  }

  private List<Assumption> assumptions() {
    List<Dimension> categories = new ArrayList<>(FIRST_ASSUMPTIONS);
    int more = words.pick("assumptions", 4);
    int offset = words.pick("assumption order", MORE_ASSUMPTIONS.size());
    for (int i = 0; i < more; i++) {
      categories.add(MORE_ASSUMPTIONS.get((offset + i) % MORE_ASSUMPTIONS.size()));
    }
    return categories.stream().map(this::assumption).toList();
  }

  /**
   * Moved by each typed answer that speaks to it (the answer to its dimension's question, or one
   * using its words): supported, or contradicted when the answer says "not yet" or "nobody".
   */
  private Assumption assumption(Dimension category) {
    AssumptionStatus status = AssumptionStatus.UNTESTED;
    String movedBy = "";
    List<String> answers = words.answers();
    for (int i = 0; i < answers.size(); i++) {
      String answer = answers.get(i);
      if (words.clicked(i) || !speaks(i, answer, category)) {
        continue;
      }
      AssumptionStatus now =
          IdeaWords.mentions(answer, InterviewLines.AGAINST)
              ? AssumptionStatus.CONTRADICTED
              : AssumptionStatus.SUPPORTED;
      if (now != status) {
        status = now;
        movedBy = IdeaWords.shorten(answer, MOVED_BY_CHARS);
      }
    }
    return new Assumption(fill(InterviewLines.assumption(category)), category, movedBy, status);
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

  /** What kind of idea it is, from its words; a stable guess when they say nothing. */
  private IdeaKind kind() {
    String idea = " " + words.idea().toLowerCase(Locale.ROOT) + " ";
    if (IdeaWords.mentions(idea, List.of("marketplace", "uber for", "connects", "platform for"))) {
      return IdeaKind.MARKETPLACE;
    }
    if (IdeaWords.mentions(idea, List.of("robot", "device", "hardware", "sensor", "drone"))) {
      return IdeaKind.HARDWARE;
    }
    if (IdeaWords.mentions(idea, List.of("quantum", "biotech", "battery", "molecul", "fusion"))) {
      return IdeaKind.DEEP_TECH;
    }
    if (IdeaWords.mentions(idea, List.of("b2b", "saas", "businesses", "pharmac", "clinic"))) {
      return IdeaKind.B2B;
    }
    if (IdeaWords.mentions(idea, List.of("agency", "consult", "service"))) {
      return IdeaKind.SERVICES;
    }
    if (IdeaWords.mentions(idea, List.of(" app", "parents", "people"))) {
      return IdeaKind.CONSUMER;
    }
    IdeaKind[] all = IdeaKind.values();
    return all[words.pick("kind", all.length)];
  }

  /** Two to four positions on this turn's question. */
  private List<String> choices() {
    int turn = words.turn();
    List<String> all = InterviewLines.choices(IdeaWords.dimensionOf(turn));
    int count = 2 + words.pick("choices " + turn, 3);
    int start = words.pick("choice order " + turn, all.size());
    List<String> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(all.get((start + i) % all.size()));
    }
    return out;
  }

  private String fill(String template) {
    return template.replace("{idea}", words.label());
  }
}
