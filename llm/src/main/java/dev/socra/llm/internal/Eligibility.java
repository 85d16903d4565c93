package dev.socra.llm.internal;

import dev.socra.llm.ChatRequest;
import dev.socra.llm.config.Capabilities;
import dev.socra.llm.config.Feature;
import dev.socra.llm.config.ProviderConfig;
import dev.socra.llm.route.LearnedCapabilities;
import dev.socra.llm.route.TargetId;
import dev.socra.llm.tokens.TokenEstimator;
import java.util.Optional;
import java.util.Set;

/**
 * "Can it take it?": what rules a target out for this call before its health or budget is asked.
 * The caller may avoid it; a request with tools or images needs a target that takes them; a started
 * stream needs a target that takes a prefill; a target that refused a request of this shape before
 * is not asked again; the prompt must fit its context window, estimated, and never a window already
 * found too small in this call.
 */
final class Eligibility {

  /**
   * Why a target cannot take the call.
   *
   * @param forGood true when nothing later in the call can change it
   * @param neverServes true when the target cannot serve this request at all (avoided, too small a
   *     window), so its cool-down says nothing about when to try the call again
   */
  record Unfit(String reason, boolean forGood, boolean neverServes) {}

  /** How a skip for a capability the request needs begins. */
  static final String DOES_NOT_TAKE = "does not take ";

  private final ChatRequest request;
  private final TokenEstimator tokens;
  private int estimatedInput = -1;
  private Boolean images;

  /** The largest context window that was found too small for this prompt. */
  private int tooSmallContext;

  Eligibility(ChatRequest request, TokenEstimator tokens) {
    this.request = request;
    this.tokens = tokens;
  }

  Optional<Unfit> check(
      TargetId target,
      ProviderConfig provider,
      Capabilities caps,
      LearnedCapabilities learned,
      boolean continuing) {
    if (request.avoid().contains(target)) {
      return Optional.of(new Unfit("avoided by the caller", true, true));
    }
    if (request.usesTools() && !caps.tools()) {
      return Optional.of(new Unfit(DOES_NOT_TAKE + "tools", true, true));
    }
    if (hasImages() && !caps.vision()) {
      return Optional.of(new Unfit(DOES_NOT_TAKE + "images (no vision)", true, true));
    }
    if (continuing && !caps.prefill()) {
      return Optional.of(
          new Unfit("cannot continue a started stream (no assistant prefill)", false, false));
    }
    Set<Feature> shape = Sender.shape(request, caps, continuing);
    String refused = learned.refusedShape(shape);
    if (refused != null) {
      return Optional.of(
          new Unfit(
              "refused a "
                  + LearnedCapabilities.shapeText(shape)
                  + " request before ("
                  + refused
                  + ")",
              true,
              true));
    }
    int window = provider.contextWindow();
    if (window <= tooSmallContext) {
      return Optional.of(
          new Unfit("context window " + window + " is too small for this prompt", false, true));
    }
    if (inputEstimate() > window) {
      return Optional.of(
          new Unfit(
              "prompt of about "
                  + inputEstimate()
                  + " tokens exceeds its context window of "
                  + window,
              false,
              true));
    }
    return Optional.empty();
  }

  /** A target said the prompt is too long for its window: no smaller window is tried again. */
  void foundTooSmall(int contextWindow) {
    tooSmallContext = Math.max(tooSmallContext, contextWindow);
  }

  boolean anyWindowTooSmall() {
    return tooSmallContext > 0;
  }

  private boolean hasImages() {
    if (images == null) {
      images = !request.images().isEmpty();
    }
    return images;
  }

  /** The prompt's input tokens, estimated once. */
  int inputEstimate() {
    if (estimatedInput < 0) {
      estimatedInput = tokens.countInput(request, null);
    }
    return estimatedInput;
  }
}
