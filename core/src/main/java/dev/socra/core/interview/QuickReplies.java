package dev.socra.core.interview;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The quick replies a founder may click. A reply states a position ("Not yet", "Yes — I'll say how
 * many", "I don't know"), never a fact the founder has not given: one click would otherwise put the
 * model's invention ("12 clinics paid a deposit") into the founder's mouth, and the next evaluation
 * would score it as proof. A reply holding a number or a name that the founder never wrote is
 * dropped; when fewer than two remain, safe ones fill in.
 */
public final class QuickReplies {
  public static final int MIN = 2;
  public static final int MAX = 4;
  static final int MAX_WORDS = 12;

  /** For a question answered yes or no ("Has anyone paid…?"). */
  static final List<String> YES_NO = List.of("Yes — I'll say how many", "Not yet", "I don't know");

  /** For an open question ("Who…?", "How…?"). */
  static final List<String> OPEN = List.of("I haven't checked yet", "I don't know", "Nobody yet");

  private static final Set<String> YES_NO_OPENERS =
      Set.of(
          "have", "has", "had", "did", "do", "does", "is", "are", "was", "were", "can", "could",
          "will", "should", "haben", "hat", "hast", "ist", "sind", "war", "avez", "as", "est", "ha",
          "han", "es", "son");

  /** Capitalised words a reply may use without the founder having written them. */
  private static final Set<String> COMMON =
      Set.of(
          "i", "i'm", "i'll", "i've", "i'd", "ok", "okay", "yes", "no", "not", "none", "nobody",
          "we", "we're", "we've", "we'll", "they", "it", "a", "an", "the", "some", "only", "just",
          "maybe", "too", "still", "my", "our");

  private static final Pattern DIGITS = Pattern.compile("\\p{Nd}[\\p{Nd},.]*");
  private static final Pattern WORD = Pattern.compile("[\\p{L}][\\p{L}'’\\-]*");

  private QuickReplies() {}

  /** The replies to offer, and how many of those the model wrote were dropped. */
  public record Checked(List<String> replies, int rejected) {}

  /**
   * @param offered what the interviewer wrote
   * @param question the question they reply to (which kind of safe reply fits)
   * @param founderText the idea and the answers: what the founder has said
   */
  public static Checked check(List<String> offered, String question, List<String> founderText) {
    String said = String.join("\n", founderText);
    Set<String> saidWords = new HashSet<>();
    Matcher w = WORD.matcher(said.toLowerCase(Locale.ROOT));
    while (w.find()) {
      saidWords.add(w.group());
    }
    List<String> kept = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    int rejected = 0;
    for (String raw : offered) {
      String r = raw == null ? "" : raw.strip();
      if (r.isEmpty()) {
        continue;
      }
      if (kept.size() >= MAX || !problems(r, said, saidWords).isEmpty()) {
        rejected++;
        continue;
      }
      if (seen.add(r.toLowerCase(Locale.ROOT))) {
        kept.add(r);
      }
    }
    if (kept.size() < MIN) {
      for (String safe : safe(question)) {
        if (kept.size() >= 3) {
          break;
        }
        if (seen.add(safe.toLowerCase(Locale.ROOT))) {
          kept.add(safe);
        }
      }
    }
    return new Checked(List.copyOf(kept), rejected);
  }

  /** Why a reply may not be offered; empty when it may. */
  public static List<String> problems(String reply, String said, Set<String> saidWords) {
    List<String> out = new ArrayList<>();
    String[] words = reply.split("\\s+");
    if (words.length > MAX_WORDS) {
      out.add(words.length + " words: a reply is a short position");
    }
    Matcher d = DIGITS.matcher(reply);
    while (d.find()) {
      String n = d.group().replaceAll("[,.]+$", "");
      if (!said.contains(n)) {
        out.add("a number the founder never gave: " + n);
      }
    }
    for (String word : reply.toLowerCase(Locale.ROOT).split("[^\\p{L}]+")) {
      if (CountWords.contains(word) && !saidWords.contains(word)) {
        out.add("a number the founder never gave: " + word);
      }
    }
    Matcher m = WORD.matcher(reply);
    boolean sentenceStart = true;
    int end = 0;
    while (m.find()) {
      String between = reply.substring(end, m.start());
      sentenceStart |= between.matches(".*[.!?:;—–\\-\"“(].*") || end == 0;
      String word = m.group();
      String lower = word.toLowerCase(Locale.ROOT);
      boolean capitalised = Character.isUpperCase(word.codePointAt(0));
      if (capitalised && !sentenceStart && !COMMON.contains(lower) && !saidWords.contains(lower)) {
        out.add("a name the founder never gave: " + word);
      }
      sentenceStart = false;
      end = m.end();
    }
    return out;
  }

  /** Safe replies for a question: positions, no facts. */
  public static List<String> safe(String question) {
    String first =
        question == null || question.isBlank()
            ? ""
            : question.strip().split("[\\s,]+", 2)[0].toLowerCase(Locale.ROOT);
    return YES_NO_OPENERS.contains(first) ? YES_NO : OPEN;
  }
}
