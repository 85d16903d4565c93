package dev.socra.core.stub;

import dev.socra.core.idea.IdeaName;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the founder has stated about the business, picked up so the demo's findings build on it
 * instead of inventing it: who the customers are, the price or fee, the competitors. Read from the
 * idea and from typed answers that say something (never from a clicked reply or an evasion).
 */
final class FounderFacts {
  /** One stated fact and where it was said: "idea" or an answer ("A3"). */
  record Stated(String text, String source) {}

  private static final Pattern PERCENT =
      Pattern.compile("(?i)\\b(an? )?(\\d+(?:[.,]\\d+)?\\s?%)((?:\\s+[\\p{L}-]+){0,4})");
  private static final Pattern FEE_CONTEXT =
      Pattern.compile(
          "(?i)\\b(fee|fees|commission|cut|take|takes|taking|charge|charges|charging|margin"
              + "|markup|revenue share|per booking|of each)\\b");
  private static final Pattern PRICE =
      Pattern.compile(
          "(?i)([$€£]\\s?\\d[\\d,.]*(?:\\s?[km]\\b)?|\\b\\d[\\d,.]*\\s?(?:€|£|\\$|euros?\\b"
              + "|dollars?\\b|pounds?\\b|usd\\b|eur\\b|gbp\\b))"
              + "((?:\\s+(?:a|an|per|each)\\s+[\\p{L}-]+){1,2}|\\s?/\\s?[\\p{L}-]+)?");
  private static final Pattern PRICE_CONTEXT =
      Pattern.compile(
          "(?i)\\b(charge|charges|charging|price|priced|pricing|subscription|pay|pays|paid|paying"
              + "|fee|plan|sell|sells|per|a month|a year|monthly|yearly)\\b");
  private static final Pattern COMPETITOR_CUE =
      Pattern.compile(
          "(?i)\\b(compet(?:e|es|ing) (?:with|against)|competitors? (?:are|is|include|like|such"
              + " as)|competition (?:is|from|includes)|unlike|instead of|versus|vs\\.?|"
              + "alternatives? (?:are|is|like|include|such as)|(?:they|people|clinics|customers"
              + "|users|most|many|we) (?:currently |now |today |all |mostly )?use|already use)\\s+");
  private static final Pattern CUSTOMER_CUE =
      Pattern.compile(
          "(?i)\\b(?:(?:our |the )?(?:customers|users|buyers|clients) (?:are|will be)|we sell to"
              + "|we serve|selling to)\\s+([\\p{L}][\\p{L}\\s-]{2,60})");

  private static final Set<String> DANGLING =
      Set.of(
          "a", "an", "the", "to", "of", "for", "and", "or", "with", "that", "on", "at", "by",
          "from", "in", "each", "every", "per", "which", "who", "so", "but");

  private static final Set<String> NOT_NAMES =
      Set.of(
          "i", "we", "they", "it", "the", "a", "an", "and", "or", "but", "some", "most", "many",
          "our", "their", "my", "not", "no", "yes", "also", "just", "only");

  private final IdeaWords words;
  private final List<AnswerQuality> quality;

  FounderFacts(IdeaWords words) {
    this.words = words;
    this.quality = words.answers().stream().map(AnswerQuality::of).toList();
  }

  /** The idea first, then each typed answer that says something, with its source. */
  private List<Stated> said() {
    List<Stated> out = new ArrayList<>();
    out.add(new Stated(words.idea(), "idea"));
    for (int i = 0; i < words.answers().size(); i++) {
      if (!words.clicked(i) && quality.get(i) != AnswerQuality.EVASIVE) {
        out.add(new Stated(words.answers().get(i), "A" + (i + 1)));
      }
    }
    return out;
  }

  /** A fee the founder stated ("a 15% booking fee"), if any. */
  Optional<Stated> fee() {
    for (Stated s : said()) {
      for (String sentence : sentences(s.text())) {
        if (!FEE_CONTEXT.matcher(sentence).find()) {
          continue;
        }
        Matcher m = PERCENT.matcher(sentence);
        if (m.find()) {
          String phrase = trim((m.group(1) == null ? "" : m.group(1)) + m.group(2) + m.group(3));
          return Optional.of(new Stated(phrase, s.source()));
        }
      }
    }
    return Optional.empty();
  }

  /** A price the founder stated ("€49 a month", "$15 per seat"), if any. */
  Optional<Stated> price() {
    for (Stated s : said()) {
      for (String sentence : sentences(s.text())) {
        if (!PRICE_CONTEXT.matcher(sentence).find()) {
          continue;
        }
        Matcher m = PRICE.matcher(sentence);
        if (m.find()) {
          String phrase = m.group(1).strip() + (m.group(2) == null ? "" : m.group(2));
          return Optional.of(new Stated(trim(phrase), s.source()));
        }
      }
    }
    return Optional.empty();
  }

  /** The fee or else the price: the business model in the founder's words. */
  Optional<Stated> model() {
    return fee().or(this::price);
  }

  /** Whom the founder says it is for: "independent physiotherapists". */
  Optional<Stated> customers() {
    String fromIdea = IdeaName.of(words.idea()).customers();
    if (!fromIdea.isBlank()) {
      return Optional.of(new Stated(fromIdea, "idea"));
    }
    for (Stated s : said()) {
      Matcher m = CUSTOMER_CUE.matcher(s.text());
      if (m.find()) {
        String group = trim(m.group(1).split("[.,;:!?]")[0]);
        List<String> w = List.of(group.split("\\s+"));
        if (!group.isBlank() && w.size() <= 5) {
          return Optional.of(new Stated(group, s.source()));
        }
      }
    }
    return Optional.empty();
  }

  /** The competitors or alternatives the founder named, with where they were first named. */
  List<Stated> competitors() {
    LinkedHashSet<String> seen = new LinkedHashSet<>();
    List<Stated> out = new ArrayList<>();
    for (Stated s : said()) {
      for (String sentence : sentences(s.text())) {
        Matcher m = COMPETITOR_CUE.matcher(sentence);
        while (m.find()) {
          for (String name : names(sentence.substring(m.end()))) {
            if (seen.add(name.toLowerCase(Locale.ROOT)) && out.size() < 4) {
              out.add(new Stated(name, s.source()));
            }
          }
        }
      }
    }
    return out;
  }

  /** The names at the start of a text: runs of capitalised words, split at commas and "and". */
  static List<String> names(String text) {
    List<String> out = new ArrayList<>();
    List<String> run = new ArrayList<>();
    for (String raw : text.split("\\s+")) {
      String w = raw.replaceAll("^[^\\p{L}\\p{N}]+|[^\\p{L}\\p{N}.]+$", "").replaceAll("\\.$", "");
      String lower = w.toLowerCase(Locale.ROOT);
      boolean separator = lower.equals("and") || lower.equals("or") || raw.equals("&");
      boolean name =
          !w.isEmpty()
              && (Character.isUpperCase(w.codePointAt(0)) || w.matches(".*\\p{L}\\.\\p{L}.*"))
              && !NOT_NAMES.contains(lower);
      if (name) {
        run.add(w);
      }
      if (!name || raw.matches(".*[,;/]$")) {
        if (!run.isEmpty()) {
          out.add(String.join(" ", run));
          run.clear();
        }
        if (!name && !separator && !raw.matches("^[,;/&]+$")) {
          // "Cliniko and Jane App", "Doctolib, Excel or a notebook": names end at a plain word
          if (!lower.equals("a") && !lower.equals("the")) {
            break;
          }
        }
      }
      if (raw.matches(".*[.!?]$")) {
        break;
      }
    }
    if (!run.isEmpty()) {
      out.add(String.join(" ", run));
    }
    return out;
  }

  private static List<String> sentences(String text) {
    return List.of(text.split("(?<=[.!?])\\s+|\\R"));
  }

  private static String trim(String phrase) {
    List<String> w = new ArrayList<>(List.of(phrase.strip().split("\\s+")));
    while (w.size() > 1 && DANGLING.contains(w.getLast().toLowerCase(Locale.ROOT))) {
      w.removeLast();
    }
    return String.join(" ", w).replaceAll("[,.;:]+$", "");
  }
}
