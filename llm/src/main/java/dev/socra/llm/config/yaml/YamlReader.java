package dev.socra.llm.config.yaml;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.socra.llm.budget.HeaderDialect;
import dev.socra.llm.config.ConfigException;
import dev.socra.llm.config.ConfigLoader;
import dev.socra.llm.config.Protocol;
import dev.socra.llm.config.RouteOrder;
import dev.socra.llm.config.SchemaDialect;
import dev.socra.llm.config.Secrets;
import dev.socra.llm.config.TokenLimitField;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Binds the config file to {@link YamlConfig} strictly: keys are {@code snake_case}, an unknown key
 * is an error (a typo must not fall back to a default silently), and no scalar is coerced into
 * another type. Jackson's exceptions become one {@link ConfigException} naming the full path.
 */
final class YamlReader {
  /** A Socra config is a few kilobytes; anything this large is the wrong file. */
  static final long MAX_BYTES = 1 << 20;

  private static final ObjectMapper MAPPER =
      YAMLMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .addModule(scalars())
          .build();

  private YamlReader() {}

  private static SimpleModule scalars() {
    SimpleModule m = new SimpleModule("socra-config");
    m.addDeserializer(Duration.class, new DurationDeserializer());
    m.addDeserializer(
        Protocol.class,
        new WordDeserializer<>(
            Protocol.class,
            "openai or anthropic",
            s ->
                switch (s) {
                  case "openai", "openai-compatible" -> Optional.of(Protocol.OPENAI);
                  case "anthropic" -> Optional.of(Protocol.ANTHROPIC);
                  default -> Optional.empty();
                }));
    m.addDeserializer(
        HeaderDialect.class,
        new WordDeserializer<>(
            HeaderDialect.class,
            "openai, groq or anthropic",
            s ->
                switch (s) {
                  case "openai" -> Optional.of(HeaderDialect.OPENAI);
                  case "groq" -> Optional.of(HeaderDialect.GROQ);
                  case "anthropic" -> Optional.of(HeaderDialect.ANTHROPIC);
                  default -> Optional.empty();
                }));
    m.addDeserializer(
        SchemaDialect.class,
        new WordDeserializer<>(
            SchemaDialect.class,
            "openai or gemini",
            s ->
                switch (s) {
                  case "openai" -> Optional.of(SchemaDialect.OPENAI);
                  case "gemini" -> Optional.of(SchemaDialect.GEMINI);
                  default -> Optional.empty();
                }));
    m.addDeserializer(
        TokenLimitField.class,
        new WordDeserializer<>(
            TokenLimitField.class,
            "max_tokens or max_completion_tokens",
            s ->
                List.of(TokenLimitField.values()).stream()
                    .filter(f -> f.wireName().equals(s))
                    .findFirst()));
    m.addDeserializer(
        RouteOrder.class,
        new WordDeserializer<>(
            RouteOrder.class,
            "priority or cheapest-first",
            s ->
                List.of(RouteOrder.values()).stream().filter(o -> o.text().equals(s)).findFirst()));
    m.addDeserializer(
        LocalDate.class,
        new WordDeserializer<>(LocalDate.class, "a date like 2026-11-01", YamlReader::date));
    return m;
  }

  private static Optional<LocalDate> date(String s) {
    try {
      return Optional.of(LocalDate.parse(s));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  static YamlConfig read(Path file) {
    String name = file.toString();
    if (!Files.isRegularFile(file)) {
      throw new ConfigException(
          ConfigLoader.CONFIG_VARIABLE + " names " + name + ", which is not a readable file");
    }
    byte[] bytes;
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new ConfigException(
            name
                + " is larger than 1 MB: "
                + ConfigLoader.CONFIG_VARIABLE
                + " names the wrong file");
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new ConfigException(name + " cannot be read: " + e.getClass().getSimpleName());
    }
    JsonNode tree;
    try {
      tree = MAPPER.readTree(bytes);
    } catch (IOException e) {
      throw new ConfigException(name + " is not valid YAML" + syntaxProblem(e));
    }
    if (tree == null || tree.isMissingNode() || tree.isNull()) {
      return YamlConfig.EMPTY;
    }
    if (!tree.isObject()) {
      throw new ConfigException(name + ": the top level must be a mapping of sections");
    }
    try {
      return MAPPER.treeToValue(tree, YamlConfig.class);
    } catch (JsonMappingException e) {
      throw new ConfigException(explain(e, tree, name));
    } catch (IOException e) {
      throw new ConfigException(name + " cannot be read: " + firstLine(e.getMessage()));
    }
  }

  /** {@code (line 3): mapping values are not allowed here}, without the file's text around it. */
  private static String syntaxProblem(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof MarkedYAMLException m && m.getProblemMark() != null) {
        return " (line " + (m.getProblemMark().getLine() + 1) + "): " + m.getProblem();
      }
    }
    if (e instanceof JacksonException j) {
      String problem = firstLine(j.getOriginalMessage());
      String line = j.getLocation() == null ? "" : " (line " + j.getLocation().getLineNr() + ")";
      if (problem.startsWith("Duplicate field ")) {
        return line + ": " + problem.substring("Duplicate field ".length()) + " is written twice";
      }
      return line + ": " + problem;
    }
    return ": " + firstLine(e.getMessage());
  }

  static String explain(JsonMappingException e, JsonNode tree, String file) {
    String path = path(e.getPath());
    String where = path.isEmpty() ? file : path + " in " + file;
    return switch (e) {
      case UnrecognizedPropertyException u -> where + ": unknown key (known: " + known(u) + ")";
      case ValueInstantiationException v ->
          where + ": " + (v.getCause() == null ? "invalid" : v.getCause().getMessage());
      case InvalidNullException n -> where + ": has no value";
      case SettingMismatch s -> where + ": must be " + s.expected() + ", was " + shown(e, tree);
      case MismatchedInputException m ->
          where + ": must be " + expected(m.getTargetType()) + ", was " + shown(e, tree);
      default ->
          e.getCause() instanceof InputCoercionException c
              ? where
                  + ": must be a whole number up to "
                  + max(c.getTargetType())
                  + ", was "
                  + shown(e, tree)
              : where + ": " + firstLine(e.getOriginalMessage());
    };
  }

  /** {@code providers.groq.limits.rpm}, {@code routes.default[2]}. */
  private static String path(List<JsonMappingException.Reference> refs) {
    StringBuilder s = new StringBuilder();
    for (JsonMappingException.Reference r : refs) {
      if (r.getFieldName() != null) {
        s.append(s.isEmpty() ? "" : ".").append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        s.append('[').append(r.getIndex()).append(']');
      }
    }
    return s.toString();
  }

  private static String known(UnrecognizedPropertyException e) {
    Collection<Object> ids = e.getKnownPropertyIds();
    return ids == null
        ? ""
        : ids.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
  }

  private static String expected(Class<?> type) {
    if (type == null) {
      return "something else";
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "a whole number";
    }
    if (Number.class.isAssignableFrom(type) || type == double.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "text";
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "a list";
    }
    return "a mapping";
  }

  private static String max(Class<?> type) {
    return type == int.class || type == Integer.class
        ? String.valueOf(Integer.MAX_VALUE)
        : String.valueOf(Long.MAX_VALUE);
  }

  /** What the file holds at the error's path: a short scalar as written, else its kind. */
  private static String shown(JsonMappingException e, JsonNode tree) {
    JsonNode node = tree;
    for (JsonMappingException.Reference r : e.getPath()) {
      if (node == null) {
        break;
      }
      node = r.getFieldName() != null ? node.get(r.getFieldName()) : node.get(r.getIndex());
    }
    if (node == null || node.isNull() || node.isMissingNode()) {
      return "nothing";
    }
    if (node.isObject()) {
      return "a mapping";
    }
    if (node.isArray()) {
      return "a list";
    }
    return Secrets.quote(node.asText());
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
