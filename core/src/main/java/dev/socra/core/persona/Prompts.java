package dev.socra.core.persona;

import dev.socra.core.interview.Dimension;
import dev.socra.core.interview.Interview;
import dev.socra.core.interview.Turn;
import dev.socra.core.interview.TurnEvaluation;
import dev.socra.core.pipeline.Specialist;
import dev.socra.core.session.Session;
import dev.socra.core.structured.Schemas;
import dev.socra.core.structured.Separator;
import dev.socra.llm.ChatRequest;
import dev.socra.llm.Message;
import dev.socra.llm.ResponseFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Builds every request Socra sends: a stage marker, a persona, the founder's words as data. Each
 * request is tagged with its {@link ChatRequest#TAG_STAGE stage}, and, from {@link
 * #forSession(Session)}, with the session and its owner, so that the router's events say for whom
 * every attempt was made.
 */
public final class Prompts {
  private static final String DIMENSIONS =
      "The dimensions: "
          + Arrays.stream(Dimension.values())
              .map(d -> d.name().toLowerCase(java.util.Locale.ROOT))
              .collect(Collectors.joining(", "))
          + ".";

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

  /** The conversation so far: the idea, then each question and its answer. */
  static List<Message> conversation(Interview interview) {
    List<Message> m = new ArrayList<>();
    m.add(Message.user(FounderText.wrap(FounderText.IDEA, interview.idea())));
    for (Turn t : interview.turns()) {
      if (t.answer() == null) {
        break;
      }
      m.add(Message.assistant(t.question()));
      m.add(Message.user(FounderText.wrap(FounderText.ANSWER, t.answer())));
    }
    return m;
  }

  /**
   * A request for a stage: the system prompt is the stage's marker, then {@code parts}, then the
   * data rule; the tags are this instance's and the stage's.
   */
  private ChatRequest request(Stage stage, List<Message> messages, int maxTokens, String... parts) {
    String system =
        stage.marker() + "\n" + String.join("\n\n", parts) + "\n\n" + Personas.DATA_RULE;
    return new ChatRequest(
            system, messages, maxTokens, ResponseFormat.TEXT, route, null, null, tags)
        .withTag(ChatRequest.TAG_STAGE, stage.id());
  }

  private static String turnLine(Interview interview) {
    return "This is question "
        + (interview.turns().size() + 1)
        + " of at most "
        + interview.maxTurns()
        + ".";
  }

  /** The next question alone, streamed; its evaluation comes from a second call. */
  public ChatRequest question(Interview interview) {
    return request(
        Stage.INTERVIEW_QUESTION,
        conversation(interview),
        200,
        Personas.INTERVIEWER,
        turnLine(interview));
  }

  /** The evaluation that goes with a question just asked. */
  public ChatRequest evaluation(Interview interview, String question) {
    List<Message> m = conversation(interview);
    m.add(Message.assistant(question));
    m.add(
        Message.user(
            "Evaluate the idea as it stands after everything above, and give two to four quick"
                + " replies to the question you just asked."));
    return request(Stage.INTERVIEW_EVALUATION, m, 1_200, Personas.EVALUATOR, DIMENSIONS);
  }

  /** The evaluation after the last answer, which no question follows. */
  public ChatRequest closingEvaluation(Interview interview) {
    List<Message> m = conversation(interview);
    Message last = m.removeLast();
    m.add(
        Message.user(
            last.content()
                + "\n\nThe interview is over. Evaluate the idea as it stands after all the answers;"
                + " as quick replies, give two to four short points the founder could still add."));
    return request(Stage.INTERVIEW_EVALUATION, m, 1_200, Personas.EVALUATOR, DIMENSIONS);
  }

  /** Question, separator and evaluation in one call, for targets that follow the separator. */
  public ChatRequest turn(Interview interview) {
    String format =
        "Write the question first. Then, on a line of its own, write "
            + Separator.MARK
            + " and after it one JSON object with your evaluation, matching this JSON Schema:\n"
            + Schemas.of(TurnEvaluation.class);
    return request(
        Stage.INTERVIEW_TURN,
        conversation(interview),
        1_400,
        Personas.INTERVIEWER,
        turnLine(interview),
        "After the question: " + Personas.EVALUATOR,
        DIMENSIONS,
        format);
  }

  public ChatRequest specialist(Specialist s, String brief) {
    return request(Stage.of(s), List.of(Message.user(brief)), 900, Personas.specialist(s));
  }

  public ChatRequest synthesis(String brief, String reports) {
    return request(
        Stage.SYNTHESIS,
        List.of(Message.user(brief + "\n\nThe specialists' reports:\n" + material(reports))),
        2_500,
        Personas.SYNTHESIS);
  }

  public ChatRequest devilsAdvocate(String brief, String masterplan) {
    return request(
        Stage.DEVILS_ADVOCATE,
        List.of(Message.user(brief + "\n\nThe masterplan:\n" + material(masterplan))),
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
        800,
        Personas.TRIBUNAL);
  }

  public ChatRequest deck(String brief, String masterplan, String verdict) {
    return request(
        Stage.DECK,
        List.of(
            Message.user(
                brief
                    + "\n\nThe masterplan:\n"
                    + material(masterplan)
                    + "\n\nThe verdict:\n"
                    + material(verdict))),
        1_200,
        Personas.DECK);
  }
}
