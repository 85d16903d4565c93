package dev.socra.core.stub;

import dev.socra.core.interview.CountWords;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How much a typed answer tells, read the way the demo interviewer reads it: nothing (an evasion),
 * a claim, something specific (a name, a date, a detailed account) or something concrete (a count,
 * money, a percentage). A real model reads meaning; the demo reads these signs, so that "idk" never
 * counts as evidence and "9 clinic owners in Leeds" always does.
 */
enum AnswerQuality {
  /** "idk", "no", "asdf", a bare number, a few characters: no answer to the question. */
  EVASIVE,
  /** Words that say something, with no specifics: "people I know have this problem". */
  CLAIM,
  /** A name, a date or a detailed account, without a count. */
  SPECIFIC,
  /** A count, an amount of money or a percentage. */
  CONCRETE;

  private static final Pattern DIGIT = Pattern.compile("\\p{Nd}");
  private static final Pattern LETTER = Pattern.compile("\\p{L}");
  private static final Pattern MONEY_ALONE =
      Pattern.compile("[$€£¥]\\s?\\d[\\d.,]*\\s?[kKmM]?|\\d[\\d.,]*\\s?(?:%|€|£|\\$)");
  private static final int FEW_LETTERS = 4;
  private static final int DETAILED_WORDS = 15;

  /** Whole answers that answer nothing, whatever the question was. */
  private static final Set<String> NON_ANSWERS =
      Set.of(
          "idk",
          "dunno",
          "i dunno",
          "i don't know",
          "i dont know",
          "don't know",
          "dont know",
          "no idea",
          "not sure",
          "no",
          "nope",
          "nah",
          "yes",
          "yeah",
          "yep",
          "yup",
          "ok",
          "okay",
          "maybe",
          "perhaps",
          "probably",
          "whatever",
          "pass",
          "skip",
          "n/a",
          "na",
          "none",
          "nothing",
          "nobody",
          "no one",
          "test",
          "testing",
          "lol",
          "hmm",
          "hm",
          "sure",
          "later",
          "tbd",
          "good",
          "fine",
          "many",
          "lots",
          "a lot",
          "some",
          "everyone",
          "everybody",
          "people",
          "no comment",
          "can't say",
          "cannot say",
          "not yet",
          "kind of",
          "sort of",
          "i guess",
          "i think so",
          "i don't think so",
          "who knows",
          "same",
          "same as above",
          "see above",
          "asdf",
          "qwerty",
          "blah",
          "blah blah",
          "stuff",
          "things",
          "etc");

  /** Phrases that say "I cannot answer this", when nothing specific comes with them. */
  private static final List<String> DODGES =
      List.of(
          "don't know",
          "dont know",
          "do not know",
          "no idea",
          "not sure",
          "can't say",
          "cannot say",
          "can't tell",
          "hard to say",
          "still early",
          "no comment",
          "rather not say",
          "haven't thought",
          "have not thought",
          "no clue");

  /** Keyboard runs: "asdf", "qwer", "jkl;". */
  private static final List<String> KEYBOARD =
      List.of("qwertyuiop", "asdfghjkl", "zxcvbnm", "poiuytrewq", "lkjhgfdsa", "mnbvcxz");

  /** Words that date something that happened. */
  private static final Set<String> WHEN =
      Set.of(
          "yesterday",
          "today",
          "monday",
          "tuesday",
          "wednesday",
          "thursday",
          "friday",
          "saturday",
          "sunday",
          "january",
          "february",
          "march",
          "april",
          "may",
          "june",
          "july",
          "august",
          "september",
          "october",
          "november",
          "december",
          "last",
          "ago");

  /** Capitalised words that are not names. */
  private static final Set<String> NOT_NAMES =
      Set.of(
          "i", "i'm", "i've", "i'll", "i'd", "we", "they", "it", "the", "a", "an", "ok", "okay",
          "yes", "no", "not", "my", "our", "mostly", "most", "some", "and", "but", "so");

  static AnswerQuality of(String answer) {
    String a = answer == null ? "" : answer.strip();
    String lower = a.toLowerCase(Locale.ROOT);
    String bare = lower.replaceAll("^[^\\p{L}\\p{N}]+|[^\\p{L}\\p{N}]+$", "");
    long letters = LETTER.matcher(a).results().count();
    List<String> words = IdeaWords.words(a);
    if (MONEY_ALONE.matcher(a).matches()) {
      // "$50", "15%": an amount is an answer even without words around it
      return CONCRETE;
    }
    if (letters < FEW_LETTERS || NON_ANSWERS.contains(bare) || gibberish(words)) {
      return EVASIVE;
    }
    boolean counted = DIGIT.matcher(a).find() || words.stream().anyMatch(CountWords::contains);
    boolean named = named(a) || words.stream().anyMatch(w -> WHEN.contains(lower(w)));
    if (!counted && !named && DODGES.stream().anyMatch(lower::contains)) {
      return EVASIVE;
    }
    if (counted && words.size() >= 2) {
      return CONCRETE;
    }
    if (named || counted || words.size() >= DETAILED_WORDS) {
      return SPECIFIC;
    }
    return CLAIM;
  }

  /** Evidence: something a score may rise on. */
  boolean evidence() {
    return this == SPECIFIC || this == CONCRETE;
  }

  /** The score an answer of this quality shows, on the anchors' scale (claims alone stop at 5). */
  int level() {
    return switch (this) {
      case EVASIVE -> 0;
      case CLAIM -> 3;
      case SPECIFIC -> 5;
      case CONCRETE -> 7;
    };
  }

  /** A capitalised word inside a sentence, or a word with capitals inside ("eBay", "WhatsApp"). */
  private static boolean named(String text) {
    String[] raw = text.strip().split("\\s+");
    boolean sentenceStart = true;
    for (String r : raw) {
      String w = r.replaceAll("^[^\\p{L}\\p{N}]+|[^\\p{L}\\p{N}]+$", "");
      if (!w.isEmpty()) {
        boolean innerCapital = w.length() > 1 && !w.substring(1).equals(lower(w.substring(1)));
        boolean capital = Character.isUpperCase(w.codePointAt(0));
        if ((capital && !sentenceStart && !NOT_NAMES.contains(lower(w)))
            || (innerCapital && w.length() > 2)) {
          return true;
        }
      }
      sentenceStart = r.matches(".*[.!?:;]$");
    }
    return false;
  }

  /** One or two words, each a keyboard run or with no vowel at all. */
  private static boolean gibberish(List<String> words) {
    if (words.isEmpty() || words.size() > 2) {
      return words.isEmpty();
    }
    for (String w : words) {
      String l = lower(w);
      boolean run = l.length() >= 3 && KEYBOARD.stream().anyMatch(k -> k.contains(l));
      boolean noVowel =
          l.length() >= 3
              && l.chars().allMatch(Character::isLetter)
              && !l.matches(".*[aeiouyäöüéèáàíóú].*");
      if (!run && !noVowel) {
        return false;
      }
    }
    return true;
  }

  private static String lower(String w) {
    return w.toLowerCase(Locale.ROOT);
  }
}
