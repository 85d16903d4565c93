package dev.socra.server.testing;

import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether text gives a key away, judged independently of the server's scrubber: after undoing JSON
 * and %-escapes, case and everything between letters and digits, 16 of the key's letters and digits
 * in a row are a leak; so are 16 characters in a row of the key's base64.
 */
public final class Leaks {
  static final int RUN = 16;
  private static final Pattern UNICODE = Pattern.compile("\\\\+u([0-9a-fA-F]{4})");
  private static final Pattern PERCENT = Pattern.compile("%([0-9A-Fa-f]{2})");

  private Leaks() {}

  public static void assertNone(String where, String text, String key) {
    if (text == null) {
      return;
    }
    String letters = letters(decode(text));
    String k = letters(key);
    for (int i = 0; i + RUN <= k.length(); i++) {
      if (letters.contains(k.substring(i, i + RUN))) {
        fail(where + " gives away the key (letters " + i + " to " + (i + RUN) + ")");
      }
    }
    String b64 = Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    for (int i = 0; i + RUN <= b64.length() - 2; i++) {
      if (text.contains(b64.substring(i, i + RUN))) {
        fail(where + " gives away the key's base64");
      }
    }
  }

  static String decode(String text) {
    String t = text;
    for (int round = 0; round < 3; round++) {
      t = replace(UNICODE, t, 16);
      t = replace(PERCENT, t, 16);
    }
    return t;
  }

  private static String replace(Pattern p, String t, int radix) {
    Matcher m = p.matcher(t);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(
          b, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), radix))));
    }
    m.appendTail(b);
    return b.toString();
  }

  static String letters(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toLowerCase(Locale.ROOT).toCharArray()) {
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        b.append(c);
      }
    }
    return b.toString();
  }
}
