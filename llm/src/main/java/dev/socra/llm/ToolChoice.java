package dev.socra.llm;

import java.util.Objects;

/**
 * Whether and which tool the model must call: OpenAI's {@code tool_choice} ({@code auto}, {@code
 * none}, {@code required}, a named function), Anthropic's ({@code auto}, {@code none}, {@code any},
 * {@code tool}).
 */
public sealed interface ToolChoice {
  /** The model decides (both APIs' default when tools are given). */
  record Auto() implements ToolChoice {}

  /** The model must not call a tool. */
  record None() implements ToolChoice {}

  /** The model must call at least one tool (Anthropic's {@code any}). */
  record Required() implements ToolChoice {}

  /** The model must call this tool. */
  record Named(String name) implements ToolChoice {
    public Named {
      Objects.requireNonNull(name, "name");
    }
  }

  ToolChoice AUTO = new Auto();
  ToolChoice NONE = new None();
  ToolChoice REQUIRED = new Required();

  static ToolChoice named(String name) {
    return new Named(name);
  }
}
