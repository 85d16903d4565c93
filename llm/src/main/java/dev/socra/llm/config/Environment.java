package dev.socra.llm.config;

import dev.socra.llm.budget.Dimension;
import dev.socra.llm.budget.Limits;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The environment's part of the configuration, laid over what the file and the built-in defaults
 * say: each provider's key, {@code <NAME>_BASE_URL}, {@code <NAME>_MODEL}, {@code <NAME>_RPM} and
 * {@code <NAME>_TPM}; {@code SOCRA_ROUTE}; and where the file is. Every message names the variable.
 */
final class Environment {
  private final Map<String, String> env;

  Environment(Map<String, String> env) {
    this.env = env;
  }

  /** The file {@code SOCRA_CONFIG} names, if it names one. */
  Optional<Path> configFile() {
    return text(ConfigLoader.CONFIG_VARIABLE).map(Path::of);
  }

  /** {@code SOCRA_ROUTE}, split at commas: it replaces the default route. */
  Optional<List<String>> route() {
    return text(ConfigLoader.ROUTE_VARIABLE).map(v -> List.of(v.split(",")));
  }

  /** The provider with its key read and the variables that override it applied. */
  ProviderConfig overlay(ProviderConfig p) {
    String prefix = p.name().toUpperCase(Locale.ROOT).replace('-', '_');
    ProviderConfig.Builder b = p.toBuilder();
    text(prefix + "_BASE_URL").ifPresent(v -> b.baseUrl(Settings.url(v, prefix + "_BASE_URL")));
    text(prefix + "_MODEL").ifPresent(b::model);
    if (p.keyVariable() != null) {
      b.key(p.keyVariable(), env.get(p.keyVariable()));
    }
    p.host()
        .secretHeaderVariables()
        .forEach((header, variable) -> b.secretHeader(header, variable, env.get(variable)));
    Limits limits = p.limits();
    limits =
        limits.with(
            Dimension.REQUESTS_PER_MINUTE,
            count(prefix + "_RPM").orElse(limits.requestsPerMinute()));
    limits =
        limits.with(
            Dimension.TOKENS_PER_MINUTE, count(prefix + "_TPM").orElse(limits.tokensPerMinute()));
    return b.limits(limits).build();
  }

  /** A limit: a whole number, 0 meaning none. */
  private Optional<Long> count(String variable) {
    return text(variable)
        .map(
            v -> {
              try {
                long n = Long.parseLong(v);
                if (n >= 0) {
                  return n;
                }
              } catch (NumberFormatException e) {
                // reported below
              }
              throw new ConfigException(
                  variable + " must be a whole number, 0 for no limit; was " + Secrets.quote(v));
            });
  }

  private Optional<String> text(String variable) {
    String v = env.get(variable);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
  }
}
