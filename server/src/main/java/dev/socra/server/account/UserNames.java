package dev.socra.server.account;

import java.lang.Character.UnicodeScript;
import java.text.Normalizer;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a user name may be, and when two names are the same name. Names are compared as their {@link
 * #key}: Unicode NFKC (so {@code ｃａｒｏｌ} is {@code carol}) and case-folded (so {@code Carol} is
 * {@code carol}). A new name must use letters of one script: {@code сarol} with a Cyrillic {@code
 * с} looks like {@code carol} but is not its key, so names that mix scripts are refused rather than
 * compared.
 */
final class UserNames {
  /** Letters, digits and {@code . _ @ + -}: a name or an e-mail address. */
  static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}._@+-]{2,100}");

  /** Scripts written together in one language: Japanese, Korean. */
  private static final Set<Set<UnicodeScript>> TOGETHER =
      Set.of(
          EnumSet.of(UnicodeScript.HAN, UnicodeScript.HIRAGANA, UnicodeScript.KATAKANA),
          EnumSet.of(UnicodeScript.HAN, UnicodeScript.HANGUL));

  private UserNames() {}

  /** The name as stored: trimmed, NFKC. */
  static String normalised(String name) {
    return Normalizer.normalize(name == null ? "" : name.strip(), Normalizer.Form.NFKC);
  }

  /** The name as compared: NFKC, then case-folded (upper then lower case, so ß matches SS). */
  static String key(String name) {
    String n = normalised(name);
    return Normalizer.normalize(
        n.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT), Normalizer.Form.NFKC);
  }

  /** A new name, normalised, or an {@link AccountException} saying what is wrong. */
  static String check(String name) {
    String n = normalised(name);
    if (!NAME.matcher(n).matches()) {
      throw new AccountException(
          "a user name is 2 to 100 letters, digits or . _ @ + - (an e-mail address works)");
    }
    Set<UnicodeScript> scripts = EnumSet.noneOf(UnicodeScript.class);
    n.codePoints()
        .mapToObj(UnicodeScript::of)
        .filter(s -> s != UnicodeScript.COMMON && s != UnicodeScript.INHERITED)
        .forEach(scripts::add);
    if (scripts.size() > 1 && TOGETHER.stream().noneMatch(t -> t.containsAll(scripts))) {
      throw new AccountException(
          "a user name uses letters of one alphabet only (this one mixes "
              + String.join(
                  " and ",
                  scripts.stream()
                      .map(s -> s.name().charAt(0) + s.name().substring(1).toLowerCase(Locale.ROOT))
                      .toList())
              + "), so that no name can pass for another");
    }
    return n;
  }
}
