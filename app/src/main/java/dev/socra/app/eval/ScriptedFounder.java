package dev.socra.app.eval;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.socra.core.idea.InputLimits;
import dev.socra.core.idea.InvalidInputException;
import dev.socra.core.interview.IdeaKind;
import dev.socra.core.interview.QuestionCheck;
import dev.socra.core.pipeline.Decision;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A founder played by a script ({@code eval/founders/*.yaml}): an idea, facts it gives only when
 * asked about what already happened, evasions it gives to hypotheticals, and the verdict the idea
 * deserves. It measures an interviewer: one that asks about past behaviour uncovers the facts; one
 * that asks "would you…?" gets opinions.
 *
 * @param kind what kind of idea it is (b2b, marketplace, consumer, hardware, deep_tech, services)
 * @param verdicts the right verdicts (usually one)
 * @param facts what the founder knows, each revealed once, when a question about the past matches
 * @param evasions answers to hypotheticals and to questions that ask for no past fact, in turn
 * @param otherwise the answer when nothing matches
 */
public record ScriptedFounder(
    String name,
    IdeaKind kind,
    String idea,
    List<Decision> verdicts,
    List<Fact> facts,
    List<String> evasions,
    String otherwise) {

  /** The most a founder file may hold: these are short scripts, not documents. */
  static final long MAX_BYTES = 64 * 1024;

  static final int MAX_FACTS = 12;

  /**
   * A question about what already happened: the Mom Test's kind, which earns facts. Past tense,
   * "last", "when did", "have you", "so far"…
   */
  static final Pattern PAST =
      Pattern.compile(
          "(?i)\\b(last|did|didn't|have you|has (anyone|any|a|your|one)|had|ago|already|so far"
              + "|ever|most recent|recently|yesterday|this (week|month|year)|\\w{3,}ed)\\b");

  /**
   * One thing the founder knows.
   *
   * @param when regular expressions (case-insensitive); a question about the past that matches any
   *     of them reveals the fact
   */
  public record Fact(String id, List<Pattern> when, String reveal) {}

  /** The next answer to {@code question}, revealing at most one fact not yet in {@code told}. */
  public Answer answer(String question, Set<String> told, int turn) {
    String q = question == null ? "" : question;
    boolean hypothetical =
        QuestionCheck.problems(q).stream().anyMatch(p -> p.startsWith("a hypothetical"));
    if (!hypothetical && PAST.matcher(q).find()) {
      for (Fact f : facts) {
        if (!told.contains(f.id()) && f.when().stream().anyMatch(p -> p.matcher(q).find())) {
          return new Answer(f.reveal(), f.id());
        }
      }
    }
    if (hypothetical || !evasions.isEmpty() && !PAST.matcher(q).find()) {
      return new Answer(evasions.get(Math.floorMod(turn - 1, evasions.size())), null);
    }
    return new Answer(otherwise, null);
  }

  /** What the founder said, and the fact it revealed (null when none). */
  public record Answer(String text, String fact) {}

  /** The file as written. */
  record File(
      String name,
      String kind,
      String idea,
      @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> verdict,
      List<FactFile> facts,
      List<String> evasions,
      String otherwise) {}

  record FactFile(
      String id,
      @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> when,
      String reveal) {}

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

  /** Reads and checks a founder file; the exception's message names the file and what is wrong. */
  public static ScriptedFounder load(Path path) throws BadFounderException {
    String where = path.getFileName().toString();
    File f;
    try {
      if (Files.size(path) > MAX_BYTES) {
        throw new BadFounderException(where + ": larger than " + MAX_BYTES / 1024 + " KiB");
      }
      f = YAML.readValue(Files.readString(path), File.class);
    } catch (IOException e) {
      String why =
          e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
      throw new BadFounderException(where + ": not a founder script (" + why + ")");
    }
    if (f == null) {
      throw new BadFounderException(where + ": empty");
    }
    String name =
        f.name() == null || f.name().isBlank() ? where.replaceFirst("\\.ya?ml$", "") : f.name();
    String idea;
    try {
      idea = InputLimits.idea(f.idea());
    } catch (InvalidInputException e) {
      throw new BadFounderException(where + ": idea: " + e.getMessage());
    }
    IdeaKind kind = kind(where, f.kind());
    List<Decision> verdicts = new ArrayList<>();
    if (f.verdict() == null || f.verdict().isEmpty()) {
      throw new BadFounderException(where + ": verdict is missing (pursue, test, pivot or drop)");
    }
    for (String v : f.verdict()) {
      try {
        verdicts.add(Decision.valueOf(v.strip().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException | NullPointerException e) {
        throw new BadFounderException(
            where + ": verdict '" + v + "' is not one of pursue, test, pivot, drop");
      }
    }
    if (f.facts() == null || f.facts().isEmpty() || f.facts().size() > MAX_FACTS) {
      throw new BadFounderException(where + ": needs 1 to " + MAX_FACTS + " facts");
    }
    List<Fact> facts = new ArrayList<>();
    for (int i = 0; i < f.facts().size(); i++) {
      facts.add(fact(where, i, f.facts().get(i)));
    }
    if (f.evasions() == null || f.evasions().isEmpty()) {
      throw new BadFounderException(where + ": needs at least one evasion");
    }
    for (String e : f.evasions()) {
      answerText(where, "evasions", e);
    }
    String otherwise =
        f.otherwise() == null
            ? "I'm not sure; we're still early."
            : answerText(where, "otherwise", f.otherwise());
    return new ScriptedFounder(
        name,
        kind,
        idea,
        List.copyOf(verdicts),
        List.copyOf(facts),
        List.copyOf(f.evasions()),
        otherwise);
  }

  private static IdeaKind kind(String where, String kind) throws BadFounderException {
    if (kind == null) {
      throw new BadFounderException(where + ": kind is missing");
    }
    for (IdeaKind k : IdeaKind.values()) {
      if (k.name().equalsIgnoreCase(kind.strip().replace(' ', '_').replace('-', '_'))) {
        return k;
      }
    }
    throw new BadFounderException(
        where
            + ": kind '"
            + kind
            + "' is not one of b2b, marketplace, consumer, hardware,"
            + " deep_tech, services");
  }

  private static Fact fact(String where, int i, FactFile f) throws BadFounderException {
    String at = where + ": facts[" + i + "]";
    if (f == null || f.id() == null || f.id().isBlank()) {
      throw new BadFounderException(at + ": id is missing");
    }
    if (f.when() == null || f.when().isEmpty()) {
      throw new BadFounderException(at + ": when needs at least one pattern");
    }
    List<Pattern> when = new ArrayList<>();
    for (String p : f.when()) {
      try {
        when.add(Pattern.compile("(?i)" + p));
      } catch (PatternSyntaxException | NullPointerException e) {
        throw new BadFounderException(at + ": when: bad pattern '" + p + "'");
      }
    }
    return new Fact(f.id(), List.copyOf(when), answerText(at, "reveal", f.reveal()));
  }

  private static String answerText(String where, String field, String text)
      throws BadFounderException {
    try {
      return InputLimits.answer(text);
    } catch (InvalidInputException e) {
      throw new BadFounderException(where + ": " + field + ": " + e.getMessage());
    }
  }

  /** A founder file that cannot be used. */
  public static final class BadFounderException extends Exception {
    public BadFounderException(String message) {
      super(message);
    }
  }
}
