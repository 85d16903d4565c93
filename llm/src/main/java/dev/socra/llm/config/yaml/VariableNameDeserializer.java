package dev.socra.llm.config.yaml;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code key_env}: the name of the variable that holds a key. A key written here instead is
 * refused, and shown only by its ends, as any long value in a message is.
 */
final class VariableNameDeserializer extends WordDeserializer<String> {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  VariableNameDeserializer() {
    super(
        String.class,
        "the name of an environment variable (letters, digits and _) such as OPENROUTER_API_KEY",
        (word, lower) -> NAME.matcher(word).matches() ? Optional.of(word) : Optional.empty());
  }
}
