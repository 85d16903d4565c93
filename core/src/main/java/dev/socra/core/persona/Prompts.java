package dev.socra.core.persona;

import dev.socra.core.interview.Dimension;
import dev.socra.core.interview.Interview;
import dev.socra.core.interview.Turn;
import dev.socra.core.interview.TurnEvaluation;
import dev.socra.core.pipeline.Specialist;
import dev.socra.core.structured.Schemas;
import dev.socra.core.structured.Separator;
import dev.socra.llm.ChatRequest;
import dev.socra.llm.Message;
import dev.socra.llm.ResponseFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Builds every request Socra sends: a stage marker, a persona, the founder's words as data. */
public final class Prompts {
  private static final String DIMENSIONS =
      "The dimensions: "
          + Arrays.stream(Dimension.values())
              .map(d -> d.name().toLowerCase(java.util.Locale.ROOT))
              .collect(Collectors.joining(", "))
          + ".";

  private final String route;

  public Prompts(String route) {
    this.route = route;
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

  private static String system(Stage stage, String... parts) {
    return stage.marker() + "\n" + String.join("\n\n", parts) + "\n\n" + Personas.DATA_RULE;
  }

  private ChatRequest request(String system, List<Message> messages, int maxTokens) {
    return new ChatRequest(system, messages, maxTokens, ResponseFormat.TEXT, route, null, null);
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
        system(Stage.INTERVIEW_QUESTION, Personas.INTERVIEWER, turnLine(interview)),
        conversation(interview),
        200);
  }

  /** The evaluation that goes with a question just asked. */
  public ChatRequest evaluation(Interview interview, String question) {
    List<Message> m = conversation(interview);
    m.add(Message.assistant(question));
    m.add(
        Message.user(
            "Evaluate the idea as it stands after everything above, and give two to four quick"
                + " replies to the question you just asked."));
    return request(system(Stage.INTERVIEW_EVALUATION, Personas.EVALUATOR, DIMENSIONS), m, 1_200);
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
    return request(system(Stage.INTERVIEW_EVALUATION, Personas.EVALUATOR, DIMENSIONS), m, 1_200);
  }

  /** Question, separator and evaluation in one call, for targets that follow the separator. */
  public ChatRequest turn(Interview interview) {
    String format =
        "Write the question first. Then, on a line of its own, write "
            + Separator.MARK
            + " and after it one JSON object with your evaluation, matching this JSON Schema:\n"
            + Schemas.of(TurnEvaluation.class);
    return request(
        system(
            Stage.INTERVIEW_TURN,
            Personas.INTERVIEWER,
            turnLine(interview),
            "After the question: " + Personas.EVALUATOR,
            DIMENSIONS,
            format),
        conversation(interview),
        1_400);
  }

  public ChatRequest specialist(Specialist s, String brief) {
    return request(system(Stage.of(s), Personas.specialist(s)), List.of(Message.user(brief)), 900);
  }

  public ChatRequest synthesis(String brief, String reports) {
    return request(
        system(Stage.SYNTHESIS, Personas.SYNTHESIS),
        List.of(Message.user(brief + "\n\nThe specialists' reports:\n" + material(reports))),
        2_500);
  }

  public ChatRequest devilsAdvocate(String brief, String masterplan) {
    return request(
        system(Stage.DEVILS_ADVOCATE, Personas.DEVILS_ADVOCATE),
        List.of(Message.user(brief + "\n\nThe masterplan:\n" + material(masterplan))),
        800);
  }

  public ChatRequest tribunal(String brief, String findings, String critique) {
    return request(
        system(Stage.TRIBUNAL, Personas.TRIBUNAL),
        List.of(
            Message.user(
                brief
                    + "\n\nWhat the specialists found:\n"
                    + material(findings)
                    + "\n\nThe case against:\n"
                    + material(critique))),
        800);
  }

  public ChatRequest deck(String brief, String masterplan, String verdict) {
    return request(
        system(Stage.DECK, Personas.DECK),
        List.of(
            Message.user(
                brief
                    + "\n\nThe masterplan:\n"
                    + material(masterplan)
                    + "\n\nThe verdict:\n"
                    + material(verdict))),
        1_200);
  }
}
