package dev.socra.core.persona;

import dev.socra.core.interview.Dimension;
import dev.socra.core.interview.DimensionScore;
import dev.socra.core.interview.Interview;
import dev.socra.core.interview.InterviewNotes;
import dev.socra.core.interview.QuestionCheck;
import dev.socra.core.interview.Turn;
import dev.socra.core.interview.TurnEvaluation;
import dev.socra.core.pipeline.Decision;
import dev.socra.core.pipeline.Specialist;
import dev.socra.core.session.Session;
import dev.socra.llm.ChatRequest;
import dev.socra.llm.Message;
import dev.socra.llm.ResponseFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Builds every request Socra sends: a stage marker, a persona, the founder's words as data. Each
 * request is tagged with its {@link ChatRequest#TAG_STAGE stage}, and, from {@link
 * #forSession(Session)}, with the session and its owner, so that the router's events say for whom
 * every attempt was made.
 */
public final class Prompts {
  private final String route;
  private final Map<String, String> tags;

  public Prompts(String route) {
    this(route, Map.of());
  }

  private Prompts(String route, Map<String, String> tags) {
    this.route = route;
    this.tags = tags;
  }

  /** The same prompts, with every request tagged with the session's id and its owner. */
  public Prompts forSession(Session session) {
    Map<String, String> t = new HashMap<>(tags);
    t.put(ChatRequest.TAG_SESSION, session.id());
    if (session.owner() != null) {
      t.put(ChatRequest.TAG_USER, session.owner());
    }
    return new Prompts(route, Map.copyOf(t));
  }

  private static String material(String text) {
    return FounderText.wrap(FounderText.MATERIAL, text);
  }

  /**
   * The conversation so far: the idea, then each answered question and its answer; a clicked quick
   * reply is marked as one.
   */
  static List<Message> conversation(Interview interview) {
    List<Message> m = new ArrayList<>();
    m.add(Message.user(FounderText.wrap(FounderText.IDEA, interview.idea())));
    for (Turn t : interview.turns()) {
      if (t.answer() == null) {
        break;
      }
      m.add(Message.assistant(t.question()));
      String answer = FounderText.wrap(FounderText.ANSWER, t.answer());
      m.add(Message.user(t.quickReply() ? FounderText.CLICKED + "\n" + answer : answer));
    }
    return m;
  }

  /** The conversation with {@code note} added to its last message (ours, outside the tags). */
  private static List<Message> withNote(Interview interview, String note) {
    List<Message> m = conversation(interview);
    Message last = m.removeLast();
    m.add(Message.user(last.content() + "\n\n" + note));
    return m;
  }

  /**
   * A request for a stage: the system prompt is the stage's marker, then {@code parts}, then the
   * data rule; the tags are this instance's and the stage's; the stage's temperature ({@link
   * Sampling#temperature}), which the router sends to every target that takes one.
   */
  private ChatRequest request(Stage stage, List<Message> messages, int maxTokens, String... parts) {
    String system =
        stage.marker() + "\n" + String.join("\n\n", parts) + "\n\n" + Personas.DATA_RULE;
    return new ChatRequest(
            system, messages, maxTokens, ResponseFormat.TEXT, route, null, null, tags)
        .withTag(ChatRequest.TAG_STAGE, stage.id())
        .withTemperature(Sampling.temperature(stage));
  }

  /**
   * The next question and its quick replies, streamed, written from the notes of the evaluation
   * just made.
   */
  public ChatRequest question(Interview interview, InterviewNotes notes) {
    return request(
        Stage.INTERVIEW_QUESTION,
        withNote(interview, notes(interview, notes)),
        QUESTION_TOKENS,
        Personas.INTERVIEWER,
        Personas.examples(notes.ideaKind()),
        Personas.REPLIES_FORMAT);
  }

  /** The question again, after a draft that broke the rules: the draft and what it broke. */
  public ChatRequest questionAgain(
      Interview interview, InterviewNotes notes, String draft, List<String> problems) {
    ChatRequest first = question(interview, notes);
    List<Message> m = new ArrayList<>(first.messages());
    m.add(Message.assistant(draft == null || draft.isBlank() ? "(nothing)" : draft.strip()));
    m.add(
        Message.user(
            "That breaks the rules: "
                + String.join("; ", problems)
                + ". Write it again: one question about what already happened, one question mark,"
                + " at most "
                + QuestionCheck.MAX_WORDS
                + " words, no praise; then \"Replies:\" and the replies."));
    return first.withMessages(m);
  }

  /** What the interviewer is told before it asks; the founder never sees it. */
  static String notes(Interview interview, InterviewNotes n) {
    StringBuilder b =
        new StringBuilder("Notes for question ")
            .append(interview.turns().size() + 1)
            .append(" of at most ")
            .append(interview.maxTurns())
            .append(" (from the evaluation; the founder does not see them):\n- kind of idea: ")
            .append(n.ideaKind().name().toLowerCase(Locale.ROOT).replace('_', ' '))
            .append("\n- weakest: ")
            .append(n.weakest().stream().map(Dimension::id).collect(Collectors.joining(", ")))
            .append("\n- riskiest untested assumption: ")
            .append(FounderText.defuse(n.riskiestAssumption()));
    if (!n.vaguePhrases().isEmpty()) {
      b.append("\n- vague in the last answer: ")
          .append(
              n.vaguePhrases().stream()
                  .map(v -> "\"" + FounderText.defuse(v) + "\"")
                  .collect(Collectors.joining(", ")));
    }
    if (n.lastAnswerQuickReply()) {
      b.append(
          "\n- the last answer was a clicked quick reply, not evidence: ask for the specifics"
              + " behind it");
    }
    if (interview.answered() == 0) {
      b.append("\n- first question: ask about the last time the problem actually happened");
    }
    return b.toString();
  }

  /** The evaluation of the answers so far, made before the next question is written. */
  public ChatRequest evaluation(Interview interview) {
    return evaluation(interview, "Evaluate the idea as it stands after everything above.");
  }

  /** The evaluation after the last answer, which no question follows. */
  public ChatRequest closingEvaluation(Interview interview) {
    return evaluation(
        interview, "The interview is over. Evaluate the idea as it stands after all the answers.");
  }

  private ChatRequest evaluation(Interview interview, String instruction) {
    String ask = previousScores(interview.latest()) + "\n" + instruction;
    return request(
        Stage.INTERVIEW_EVALUATION,
        withNote(interview, ask),
        EVALUATION_TOKENS,
        Personas.EVALUATOR,
        Personas.dimensions(),
        Personas.EVIDENCE_RULES);
  }

  /** The scores that stand, with their reasons: a score moves only with a new quote. */
  static String previousScores(TurnEvaluation previous) {
    if (previous == null) {
      return "No scores yet: this is the first evaluation, from the idea alone.";
    }
    StringBuilder b = new StringBuilder("Previous scores (before the latest answer):");
    for (DimensionScore s : previous.scores()) {
      // a reason quotes the founder: a tag they typed stays defused outside the tags too
      b.append("\n- ")
          .append(s.dimension().id())
          .append(' ')
          .append(s.score())
          .append(": ")
          .append(FounderText.defuse(s.reason()));
    }
    return b.toString();
  }

  public ChatRequest specialist(Specialist s, String brief) {
    return request(Stage.of(s), List.of(Message.user(brief)), 900, Personas.specialist(s));
  }

  /** The devil's advocate, on the evidence: the brief and the specialists' findings. */
  public ChatRequest devilsAdvocate(String brief, String findings) {
    return request(
        Stage.DEVILS_ADVOCATE,
        List.of(Message.user(brief + "\n\nWhat the specialists found:\n" + material(findings))),
        800,
        Personas.DEVILS_ADVOCATE);
  }

  public ChatRequest tribunal(String brief, String findings, String critique) {
    return request(
        Stage.TRIBUNAL,
        List.of(
            Message.user(
                brief
                    + "\n\nWhat the specialists found:\n"
                    + material(findings)
                    + "\n\nThe case against:\n"
                    + material(critique))),
        900,
        Personas.tribunal());
  }

  /** The masterplan, written after the verdict and shaped by it. */
  public ChatRequest synthesis(
      String brief, String findings, String critique, String verdict, Decision decision) {
    return request(
        Stage.SYNTHESIS,
        List.of(
            Message.user(
                brief
                    + "\n\nWhat the specialists found:\n"
                    + material(findings)
                    + "\n\nThe case against:\n"
                    + material(critique)
                    + "\n\nThe verdict:\n"
                    + material(verdict))),
        2_500,
        Personas.SYNTHESIS,
        Personas.planFor(decision));
  }

  public ChatRequest deck(
      String brief, String masterplan, String verdict, String marketAndEconomics) {
    return request(
        Stage.DECK,
        List.of(
            Message.user(
                brief
                    + "\n\nThe market and economics findings:\n"
                    + material(marketAndEconomics)
                    + "\n\nThe verdict:\n"
                    + material(verdict)
                    + "\n\nThe masterplan:\n"
                    + material(masterplan))),
        1_200,
        Personas.DECK);
  }

  private static final int QUESTION_TOKENS = 200;
  private static final int EVALUATION_TOKENS = 1_400;
}
