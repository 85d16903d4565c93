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
 * targets that take a schema natively get it as such, the others JSON mode; all get a filled-in
 * example and the schema's limits in words. Slips (an enum's case, a number as text) are fixed in
 * code ({@link JsonSlips}); an answer still invalid gets one repair attempt showing the model its
 * JSON and the errors, without the conversation; then the next target is asked, until one answers
 * validly or none is left (a {@link StructuredOutputException} with the last errors). When no
 * target answered at all, the router's {@link LlmCallException} is thrown as it is.
 */
public final class StructuredOutput {
  private static final int ERRORS_SHOWN = 12;

  /** A broken answer longer than this is cut in a repair request: its start shows the slips. */
  private static final int REPAIR_CHARS = 8_000;

  private static final String FORMAT =
      "Reply with one JSON object and nothing else: no prose, no code fences.";

  /** How a repair request opens; the demo stub recognises a repair by it. */
  public static final String REPAIR_OPENING = "This JSON is not valid against the schema:";

  private final Router router;

  public StructuredOutput(Router router) {
    this.router = router;
  }

  public <T> Structured<T> complete(ChatRequest base, Validity<T> validity) {
    ChatRequest request = withSchema(base, validity);
    List<ChatResponse> calls = new ArrayList<>();
    List<String> lastErrors = List.of();
    while (true) {
      ChatResponse first;
      try {
        first = router.complete(request);
      } catch (LlmCallException e) {
        if (calls.isEmpty()) {
          // no answer at all: the router's own failure (rate limits, outages) is the cause
          throw e;
        }
        throw failure(validity, calls, lastErrors, e);
      }
      calls.add(first);
      Validity.Result<T> read = validity.read(first.text());
      if (read.valid()) {
        return new Structured<>(read.value(), calls);
      }
      ChatResponse repaired;
      try {
        repaired = router.complete(repair(request, first.text(), read.errors(), validity));
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
   * The shape in the request's format (natively, where the target takes a schema), and in words for
   * every target: a filled-in example and the schema's limits as lines. A raw schema with {@code
   * $defs} and {@code $ref} is what small models without native support misread most.
   */
  static ChatRequest withSchema(ChatRequest base, Validity<?> validity) {
    String rule = FORMAT + "\n" + shape(validity);
    String system = base.system() == null ? rule : base.system() + "\n\n" + rule;
    Class<?> type = validity.type();
    return base.withSystem(system)
        .withFormat(new ResponseFormat.JsonSchema(Schemas.nameOf(type), Schemas.of(type)));
  }

  /** The example and the limits, as the prompt shows them. */
  public static String shape(Validity<?> validity) {
    StringBuilder b =
        new StringBuilder("Use exactly the fields of this example, in this order, with your own")
            .append(" content:\n")
            .append(validity.exampleJson());
    List<String> rules = SchemaWords.rules(Schemas.of(validity.type()));
    if (!rules.isEmpty()) {
      b.append("\nLimits:");
      rules.forEach(r -> b.append("\n- ").append(r));
    }
    return b.toString();
  }

  /**
   * A repair that sends only what is needed to fix the JSON: the system prompt's first line (which
   * names the call for the ledger), the example and limits, the broken JSON and its errors. The
   * conversation that produced it is not sent again: it is most of a request's tokens, and the
   * errors are about form, not substance.
   */
  static ChatRequest repair(
      ChatRequest request, String answer, List<String> errors, Validity<?> validity) {
    String system = request.system() == null ? "" : request.system();
    int lineEnd = system.indexOf('\n');
    String marker = lineEnd < 0 ? system : system.substring(0, lineEnd);
    String bad =
        JsonText.extract(answer).map(Object::toString).orElse(answer == null ? "" : answer.strip());
    if (bad.length() > REPAIR_CHARS) {
      bad = bad.substring(0, REPAIR_CHARS) + "…";
    }
    StringBuilder prompt = new StringBuilder(REPAIR_OPENING).append("\n");
    prompt.append(bad.isEmpty() ? "(no answer)" : bad).append("\n\nThe errors:\n");
    errors.stream().limit(ERRORS_SHOWN).forEach(e -> prompt.append("- ").append(e).append('\n'));
    prompt.append("Reply with the corrected JSON object only; keep whatever was already right.");
    String repairSystem =
        (marker.isEmpty() ? "" : marker + "\n")
            + "You correct JSON objects so that they fit their rules.\n\n"
            + FORMAT
            + "\n"
            + shape(validity);
    return request.withSystem(repairSystem).withMessages(List.of(Message.user(prompt.toString())));
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
        "no target produced a valid "
            + what
            + " (last errors: "
            + String.join("; ", errors.stream().limit(ERRORS_SHOWN).toList())
            + ")";
    return new StructuredOutputException(message, calls, cause);
  }
}
