package dev.socra.llm.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Every configured key, so that text coming back from a provider (an error message that echoes the
 * key, say) is scrubbed before it can reach a log, an exception or a page.
 */
public final class Secrets {
  private final List<ApiKey> keys;

  public Secrets(RouterConfig config) {
    List<ApiKey> found = new ArrayList<>();
    for (ProviderConfig p : config.providers().values()) {
      if (p.key() != null) {
        found.add(p.key());
      }
      found.addAll(p.host().secretHeaders().values());
    }
    found.sort(Comparator.comparingInt((ApiKey k) -> k.reveal().length()).reversed());
    this.keys = List.copyOf(found);
  }

  /**
   * A value from the environment or the config file, quoted for an error message. Short text is
   * shown whole; longer text, which could be a key pasted into the wrong place, only by its ends
   * and length, as a key's fingerprint is.
   */
  public static String quote(String text) {
    if (text.length() <= 16) {
      return "'" + text + "'";
    }
    return "'"
        + text.substring(0, 4)
        + "…"
        + text.substring(text.length() - 4)
        + "' ("
        + text.length()
        + " characters)";
  }

  public String redact(String text) {
    if (text == null || keys.isEmpty()) {
      return text;
    }
    String out = text;
    for (ApiKey key : keys) {
      if (out.contains(key.reveal())) {
        out = out.replace(key.reveal(), key.fingerprint());
      }
    }
    return out;
  }
}
