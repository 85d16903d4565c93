package dev.socra.llm.route;

/**
 * A provider with a model, written {@code provider/model}. The model may itself contain slashes
 * (OpenRouter's {@code meta-llama/llama-3.3-70b-instruct}); the provider name never does.
 */
public record TargetId(String provider, String model) {
  public TargetId {
    if (provider == null || provider.isBlank() || provider.contains("/")) {
      throw new IllegalArgumentException("bad provider name: '" + provider + "'");
    }
    if (model == null || model.isBlank()) {
      throw new IllegalArgumentException("target '" + provider + "/' has no model");
    }
  }

  /** Parses {@code provider/model}; a bare provider name takes {@code defaultModel}. */
  public static TargetId parse(
      String text, java.util.function.Function<String, String> defaultModel) {
    String trimmed = text.strip();
    int slash = trimmed.indexOf('/');
    if (slash < 0) {
      String model = defaultModel.apply(trimmed);
      if (model == null) {
        throw new IllegalArgumentException("unknown provider '" + trimmed + "'");
      }
      return new TargetId(trimmed, model);
    }
    return new TargetId(trimmed.substring(0, slash), trimmed.substring(slash + 1));
  }

  @Override
  public String toString() {
    return provider + "/" + model;
  }
}
