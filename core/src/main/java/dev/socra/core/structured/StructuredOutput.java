package dev.socra.core.structured;

import dev.socra.llm.ChatRequest;
import dev.socra.llm.ChatResponse;
import dev.socra.llm.LlmCallException;
import dev.socra.llm.Message;
import dev.socra.llm.ResponseFormat;
import dev.socra.llm.Router;
import dev.socra.llm.route.TargetId;
import java.util.ArrayList;
import java.util.List;

/**
 * Gets a valid value of a record type from the router. The request carries the type's JSON Schema:
 * targets that take a schema natively get it as such, the others as JSON mode plus the schema in
 * the instructions. An invalid answer gets one repair attempt showing the model its errors; then
 * the next target is asked, until one answers validly or none is left.
 */
public final class StructuredOutput {
  private static final int ERRORS_SHOWN = 12;

  private final Router router;

  public StructuredOutput(Router router) {
    this.router = router;
  }

  public <T> Structured<T> complete(ChatRequest base, Validity<T> validity) {
    ChatRequest request = withSchema(base, validity.type());
    List<ChatResponse> calls = new ArrayList<>();
    List<String> lastErrors = List.of();
    while (true) {
      ChatResponse first;
      try {
        first = router.complete(request);
      } catch (LlmCallException e) {
        throw failure(validity, calls, lastErrors, e);
      }
      calls.add(first);
      Validity.Result<T> read = validity.read(first.text());
      if (read.valid()) {
        return new Structured<>(read.value(), calls);
      }
      ChatResponse repaired;
      try {
        repaired = router.complete(repair(request, first.text(), read.errors()));
      } catch (LlmCallException e) {
        // the repair itself failed: go on to the next target
        lastErrors = read.errors();
        request = avoid(request, first.servedBy());
        continue;
      }
      calls.add(repaired);
      Validity.Result<T> again = validity.read(repaired.text());
      if (again.valid()) {
        return new Structured<>(again.value(), calls);
      }
      lastErrors = again.errors();
      request = avoid(request, first.servedBy(), repaired.servedBy());
    }
  }

  /**
   * One repair of an answer that another caller got and found invalid (the interview's one-call
   * turn): the model sees its answer and the errors. Empty when the repair is invalid too or fails.
   */
  public <T> java.util.Optional<Structured<T>> repairOnce(
      ChatRequest original, String answer, List<String> errors, Validity<T> validity) {
    try {
      ChatResponse repaired =
          router.complete(repair(withSchema(original, validity.type()), answer, errors));
      Validity.Result<T> read = validity.read(repaired.text());
      return read.valid()
          ? java.util.Optional.of(new Structured<>(read.value(), List.of(repaired)))
          : java.util.Optional.empty();
    } catch (LlmCallException e) {
      return java.util.Optional.empty();
    }
  }

  /** The schema in the request's format, and in words for targets that cannot take it natively. */
  static ChatRequest withSchema(ChatRequest base, Class<?> type) {
    String rule =
        "Reply with one JSON object and nothing else: no prose, no code fences. It must match"
            + " this JSON Schema exactly:\n"
            + Schemas.of(type);
    String system = base.system() == null ? rule : base.system() + "\n\n" + rule;
    return base.withSystem(system)
        .withFormat(new ResponseFormat.JsonSchema(Schemas.nameOf(type), Schemas.of(type)));
  }

  private static ChatRequest repair(ChatRequest request, String answer, List<String> errors) {
    List<Message> messages = new ArrayList<>(request.messages());
    // an empty assistant turn is refused by some providers: say what was there instead
    messages.add(Message.assistant(answer == null || answer.isBlank() ? "(no answer)" : answer));
    StringBuilder prompt =
        new StringBuilder("That answer is not valid against the schema. The errors:\n");
    errors.stream().limit(ERRORS_SHOWN).forEach(e -> prompt.append("- ").append(e).append('\n'));
    prompt.append("Reply with the corrected JSON object only.");
    messages.add(Message.user(prompt.toString()));
    return request.withMessages(messages);
  }

  private static ChatRequest avoid(ChatRequest request, TargetId... targets) {
    ChatRequest r = request;
    for (TargetId t : targets) {
      r = r.avoiding(t);
    }
    return r;
  }

  private static StructuredOutputException failure(
      Validity<?> validity, List<ChatResponse> calls, List<String> errors, LlmCallException cause) {
    String what = validity.type().getSimpleName();
    String message =
        calls.isEmpty()
            ? "no target could be asked for a " + what + ": " + cause.getMessage()
            : "no target produced a valid "
                + what
                + " (last errors: "
                + String.join("; ", errors.stream().limit(ERRORS_SHOWN).toList())
                + ")";
    return new StructuredOutputException(message, calls, cause);
  }
}
