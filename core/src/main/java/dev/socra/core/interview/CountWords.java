package dev.socra.core.interview;

import java.util.Locale;
import java.util.Set;

/**
 * English words that state a count ("twelve tuners", "a dozen clinics", "thousands of users"): a
 * number written out is as much a number as its digits. "one" is not among them: "no one" and "one
 * day" state no count.
 */
public final class CountWords {
  private static final Set<String> WORDS =
      Set.of(
          "two",
          "three",
          "four",
          "five",
          "six",
          "seven",
          "eight",
          "nine",
          "ten",
          "eleven",
          "twelve",
          "thirteen",
          "fourteen",
          "fifteen",
          "sixteen",
          "seventeen",
          "eighteen",
          "nineteen",
          "twenty",
          "thirty",
          "forty",
          "fifty",
          "sixty",
          "seventy",
          "eighty",
          "ninety",
          "hundred",
          "hundreds",
          "thousand",
          "thousands",
          "million",
          "millions",
          "billion",
          "dozen",
          "dozens",
          "half");

  private CountWords() {}

  /** Whether {@code word}, in any case, states a count. */
  public static boolean contains(String word) {
    return word != null && WORDS.contains(word.toLowerCase(Locale.ROOT));
  }
}
