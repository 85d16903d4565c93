package dev.socra.core.pipeline;

import dev.socra.llm.route.TargetId;
import java.util.Locale;

/**
 * Which family of models a target belongs to, from its model name: {@code claude-haiku-4-5} is
 * "claude", {@code meta-llama/llama-3.3-70b} and {@code llama-3.1-8b-instant} are both "llama",
 * {@code gpt-4o-mini} is "gpt". A judge of the same family as the writer tends to prefer what its
 * family wrote; the tribunal is sent elsewhere when the route allows.
 */
final class ModelFamily {
  private ModelFamily() {}

  static String of(TargetId target) {
    String model = target.model();
    String last = model.substring(model.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    int end = 0;
    while (end < last.length() && Character.isLetter(last.charAt(end))) {
      end++;
    }
    return end == 0 ? target.provider() : last.substring(0, end);
  }

  /** The family of a target written as in a usage row ({@code provider/model}). */
  static String of(String servedBy) {
    int slash = servedBy.indexOf('/');
    return slash < 0
        ? servedBy
        : of(new TargetId(servedBy.substring(0, slash), servedBy.substring(slash + 1)));
  }
}
