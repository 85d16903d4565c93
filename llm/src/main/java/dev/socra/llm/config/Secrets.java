package dev.socra.llm.config;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every configured key, so that text coming back from a provider (an error message that echoes the
 * key, say) is scrubbed before it can reach a log, an exception or a page.
 *
 * <p>A provider that echoes a key rarely echoes it as it was sent. Text is therefore compared after
 * decoding what could hide a key: JSON and Java escapes (a backslash, {@code u} and {@code 005f}
 * for the underscore of {@code gsk_}), %-escapes (once or twice), HTML character references and
 * full-width letters; and it is compared without case and without the punctuation and spaces
 * between letters and digits ({@code GSK_TEST…}, {@code gsk test…}, a key broken over two lines).
 * What is found is a run of at least {@value #MIN_RUN} letters and digits of a key in that order,
 * so half a key is scrubbed as well as a whole one. The key's hex and base64 forms (in any of the
 * three alignments base64 can put it in, standard or URL-safe) are found the same way. What is
 * found is replaced, in the original text, by the key's fingerprint.
 *
 * <p>A key with fewer than {@value #MIN_KEY} letters and digits is no real provider key (a test's
 * {@code fake}): it is scrubbed only where it appears exactly as configured, so that ordinary words
 * are never taken for it.
 *
 * <p>Text that arrives in pieces (a stream) is scrubbed by a {@link SecretStream}, which holds back
 * the end of a piece while it could be the start of a key ({@link #holdFrom}).
 */
public final class Secrets {
  /** Letters and digits of a key, in order, that make a match. */
  static final int MIN_RUN = 16;

  /** Letters and digits a key needs to be matched loosely; real keys have 30 to 100. */
  static final int MIN_KEY = 20;

  /** Text held back by a stream at most, however it is spaced out. */
  static final int MAX_HOLD = 1024;

  private static final int Q = 8; // q-gram length of the index (Q <= MIN_RUN)
  private static final int TAIL = 4; // the shortest tail a stream holds back

  private final List<ApiKey> keys;
  private final List<ApiKey> exactOnly;
  private final Forms skeleton; // lower-case letters and digits of each key, and of its hex
  private final Forms encoded; // base64 fragments, case kept

  public Secrets(RouterConfig config) {
    this(keysOf(config));
  }

  private Secrets(List<ApiKey> all) {
    List<ApiKey> sorted = new ArrayList<>(all);
    sorted.sort(Comparator.comparingInt((ApiKey k) -> k.reveal().length()).reversed());
    this.keys = List.copyOf(sorted);
    List<ApiKey> exact = new ArrayList<>();
    Forms.Builder sk = new Forms.Builder();
    Forms.Builder b64 = new Forms.Builder();
    for (ApiKey key : keys) {
      String letters = letters(key.reveal());
      if (letters.length() < MIN_KEY) {
        exact.add(key);
        continue;
      }
      sk.add(letters, key);
      sk.add(HexFormat.of().formatHex(key.reveal().getBytes(StandardCharsets.UTF_8)), key);
      for (String fragment : base64Fragments(key.reveal())) {
        b64.add(fragment, key);
      }
    }
    this.exactOnly = List.copyOf(exact);
    this.skeleton = sk.build();
    this.encoded = b64.build();
  }

  /** The scrubber for these keys (tests and programs that hold keys outside a config). */
  public static Secrets of(Collection<ApiKey> keys) {
    return new Secrets(List.copyOf(keys));
  }

  private static List<ApiKey> keysOf(RouterConfig config) {
    List<ApiKey> found = new ArrayList<>();
    for (ProviderConfig p : config.providers().values()) {
      if (p.key() != null) {
        found.add(p.key());
      }
      found.addAll(p.host().secretHeaders().values());
    }
    return found;
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

  public boolean isEmpty() {
    return keys.isEmpty();
  }

  /** A scrubber for text that arrives in pieces. */
  public SecretStream stream() {
    return new SecretStream(this);
  }

  /** The text with every key, in every form described above, replaced by its fingerprint. */
  public String redact(String text) {
    if (text == null || keys.isEmpty() || text.isEmpty()) {
      return text;
    }
    String out = text;
    for (ApiKey key : exactOnly) {
      if (out.contains(key.reveal())) {
        out = out.replace(key.reveal(), key.fingerprint());
      }
    }
    if (skeleton.isEmpty()) {
      return out;
    }
    List<Span> found = find(out);
    return found.isEmpty() ? out : replace(out, found);
  }

  /**
   * Where the end of {@code text} must be held back because it could be the start of a key whose
   * rest has not arrived: {@code text.length()} when nothing need be held.
   */
  public int holdFrom(String text) {
    int end = text.length();
    if (skeleton.isEmpty() || end == 0) {
      return end;
    }
    View decoded = View.decode(text);
    int hold = end;
    hold = Math.min(hold, skeleton.tailFrom(decoded.letters()));
    hold = Math.min(hold, encoded.tailFrom(decoded));
    hold = Math.min(hold, View.unfinishedEscape(text));
    // never between the parts of something already found: it is replaced as one
    boolean moved = true;
    List<Span> found = find(text);
    while (moved) {
      moved = false;
      for (Span s : found) {
        if (s.from() < hold && hold < s.to()) {
          hold = s.from();
          moved = true;
        }
      }
    }
    return Math.max(hold, end - MAX_HOLD);
  }

  /** Every stretch of {@code text} that holds a key, in any form, or part of one. */
  private List<Span> find(String text) {
    View decoded = View.decode(text);
    View letters = decoded.letters();
    List<Span> found = new ArrayList<>();
    skeleton.runs(letters, MIN_RUN, found);
    int before = found.size();
    encoded.runs(decoded, MIN_RUN, found);
    for (int i = before; i < found.size(); i++) {
      found.set(i, withPadding(text, found.get(i)));
    }
    besideFingerprints(text, letters, found);
    return found;
  }

  /** A base64 run with the last characters of its group and its padding, which hold key bits. */
  private static Span withPadding(String text, Span s) {
    int to = s.to();
    int extra = 0;
    while (to < text.length() && extra < 3 && base64(text.charAt(to))) {
      to++;
      extra++;
    }
    while (to < text.length() && text.charAt(to) == '=') {
      to++;
    }
    return new Span(s.from(), to, s.key());
  }

  private static boolean base64(char c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '+'
        || c == '/'
        || c == '-'
        || c == '_';
  }

  /**
   * A key's letters right before or after its fingerprint belong to it: text that was scrubbed in
   * pieces (a stream whose first piece held the start of a key, the router having replaced the
   * rest) is put back together here, so the start does not go out on its own.
   */
  private void besideFingerprints(String text, View letters, List<Span> found) {
    for (ApiKey key : keys) {
      if (exactOnly.contains(key)) {
        continue;
      }
      String print = key.fingerprint();
      String all = letters(key.reveal());
      for (int p = text.indexOf(print); p >= 0; p = text.indexOf(print, p + 1)) {
        int q = p + print.length();
        int before = -1;
        for (int i = 0; i < letters.length && letters.to[i] <= p; i++) {
          before = i;
        }
        if (before >= 0 && letters.to[before] >= p - 1) {
          int j = before;
          while (j > 0
              && letters.to[j - 1] >= letters.from[j] - 1
              && all.contains(new String(letters.chars, j - 1, before - j + 2))) {
            j--;
          }
          if (before - j + 1 >= TAIL
              && all.contains(new String(letters.chars, j, before - j + 1))) {
            found.add(new Span(letters.from[j], q, key));
          }
        }
        int after = -1;
        for (int i = 0; i < letters.length; i++) {
          if (letters.from[i] >= q) {
            after = i;
            break;
          }
        }
        if (after >= 0 && letters.from[after] <= q + 1) {
          int e = after;
          while (e + 1 < letters.length
              && letters.from[e + 1] <= letters.to[e] + 1
              && all.contains(new String(letters.chars, after, e - after + 2))) {
            e++;
          }
          if (e - after + 1 >= TAIL
              && all.contains(new String(letters.chars, after, e - after + 1))) {
            found.add(new Span(p, letters.to[e], key));
          }
        }
      }
    }
  }

  private static String replace(String text, List<Span> spans) {
    spans.sort(Comparator.comparingInt(Span::from));
    StringBuilder b = new StringBuilder(text.length());
    int at = 0;
    int i = 0;
    while (i < spans.size()) {
      Span first = spans.get(i);
      int to = first.to();
      int j = i + 1;
      while (j < spans.size() && spans.get(j).from() < to) {
        to = Math.max(to, spans.get(j).to());
        j++;
      }
      b.append(text, at, first.from()).append(first.key().fingerprint());
      at = to;
      i = j;
    }
    return b.append(text, at, text.length()).toString();
  }

  /** Lower-case ASCII letters and digits of {@code s}, in order. */
  static String letters(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = fold(s.charAt(i));
      if (c != 0) {
        b.append(c);
      }
    }
    return b.toString();
  }

  /** The lower-case ASCII letter or digit {@code c} stands for, or 0. */
  private static char fold(char c) {
    if (c >= '\uFF01' && c <= '\uFF5E') {
      c = (char) (c - 0xFEE0); // full-width forms of ASCII
    }
    if (c >= 'A' && c <= 'Z') {
      return (char) (c + 32);
    }
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ? c : 0;
  }

  /**
   * The parts of the key's base64 that do not depend on the bytes around it, for the three offsets
   * it can start at in a longer base64 text; standard and URL-safe alphabets.
   */
  private static List<String> base64Fragments(String key) {
    byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
    List<String> out = new ArrayList<>();
    for (int pad = 0; pad < 3; pad++) {
      byte[] shifted = new byte[pad + bytes.length];
      System.arraycopy(bytes, 0, shifted, pad, bytes.length);
      String all = Base64.getEncoder().withoutPadding().encodeToString(shifted);
      int skip = pad == 0 ? 0 : pad + 1; // characters that also hold bits of the unknown prefix
      int whole = (shifted.length * 8) / 6; // characters made of known bits only
      if (whole - skip >= MIN_RUN) {
        String f = all.substring(skip, whole);
        out.add(f);
        out.add(f.replace('+', '-').replace('/', '_'));
      }
    }
    return out;
  }

  /** A stretch {@code [from, to)} of the original text that holds (part of) {@code key}. */
  record Span(int from, int to, ApiKey key) {}

  /**
   * Text as compared: each character with the stretch of the original it came from, so that what is
   * found in the decoded text is replaced in the original.
   */
  static final class View {
    final char[] chars;
    final int[] from;
    final int[] to;
    final int length;

    private View(char[] chars, int[] from, int[] to, int length) {
      this.chars = chars;
      this.from = from;
      this.to = to;
      this.length = length;
    }

    /** The text with its escapes decoded; characters that decode to nothing are dropped. */
    static View decode(String s) {
      int n = s.length();
      char[] c = new char[n];
      int[] f = new int[n];
      int[] t = new int[n];
      int k = 0;
      int i = 0;
      while (i < n) {
        int start = i;
        int[] decoded = escape(s, i);
        char ch;
        if (decoded != null) {
          ch = (char) decoded[0];
          i = decoded[1];
        } else {
          ch = s.charAt(i);
          i++;
        }
        c[k] = ch;
        f[k] = start;
        t[k] = i;
        k++;
      }
      return new View(c, f, t, k);
    }

    /** Only the letters and digits, folded to lower-case ASCII. */
    View letters() {
      char[] c = new char[length];
      int[] f = new int[length];
      int[] t = new int[length];
      int k = 0;
      for (int i = 0; i < length; i++) {
        char ch = fold(chars[i]);
        if (ch != 0) {
          c[k] = ch;
          f[k] = from[i];
          t[k] = to[i];
          k++;
        }
      }
      return new View(c, f, t, k);
    }

    /**
     * The character an escape at {@code i} stands for and where it ends, or null: a backslash and
     * {@code uXXXX} (after any number of backslashes), a backslash and {@code xXX}, {@code %XX} and
     * {@code %25XX}, {@code &#NN;} and {@code &#xHH;}; other backslash escapes ({@code \n}, {@code
     * \/}) and named references ({@code &lowbar;}) stand for a separator.
     */
    private static int[] escape(String s, int i) {
      char c = s.charAt(i);
      int n = s.length();
      if (c == '\\') {
        int j = i;
        while (j < n && s.charAt(j) == '\\') {
          j++;
        }
        if (j < n && s.charAt(j) == 'u' && hex(s, j + 1, 4) >= 0) {
          return new int[] {hex(s, j + 1, 4), j + 5};
        }
        if (j < n && s.charAt(j) == 'x' && hex(s, j + 1, 2) >= 0) {
          return new int[] {hex(s, j + 1, 2), j + 3};
        }
        if (j < n && "nrtbf/\"'".indexOf(s.charAt(j)) >= 0) {
          return new int[] {' ', j + 1};
        }
        return new int[] {' ', j};
      }
      if (c == '%') {
        if (hex(s, i + 1, 2) == 0x25 && hex(s, i + 3, 2) >= 0) {
          return new int[] {hex(s, i + 3, 2), i + 5};
        }
        if (hex(s, i + 1, 2) >= 0) {
          return new int[] {hex(s, i + 1, 2), i + 3};
        }
        return null;
      }
      if (c == '&' && i + 2 < n) {
        int semi = -1;
        for (int j = i + 1; j < Math.min(n, i + 13) && semi < 0; j++) {
          semi = s.charAt(j) == ';' ? j : -1;
        }
        if (semi < 0) {
          return null;
        }
        String body = s.substring(i + 1, semi);
        try {
          if (body.startsWith("#x") || body.startsWith("#X")) {
            return new int[] {Integer.parseInt(body.substring(2), 16), semi + 1};
          }
          if (body.startsWith("#")) {
            return new int[] {Integer.parseInt(body.substring(1)), semi + 1};
          }
        } catch (NumberFormatException e) {
          return null;
        }
        return body.chars().allMatch(Character::isLetterOrDigit) && !body.isEmpty()
            ? new int[] {' ', semi + 1}
            : null;
      }
      return null;
    }

    /** The value of {@code digits} hex digits at {@code at}, or -1. */
    private static int hex(String s, int at, int digits) {
      if (at + digits > s.length()) {
        return -1;
      }
      int v = 0;
      for (int k = at; k < at + digits; k++) {
        int d = Character.digit(s.charAt(k), 16);
        if (d < 0) {
          return -1;
        }
        v = v * 16 + d;
      }
      return v;
    }

    /**
     * Where an escape that has begun but not ended starts at the end of {@code s} (a backslash, a
     * backslash and {@code u00}, {@code %6}, {@code &#x6}), or {@code s.length()}.
     */
    static int unfinishedEscape(String s) {
      int n = s.length();
      for (int i = Math.max(0, n - 12); i < n; i++) {
        char c = s.charAt(i);
        if ((c == '\\' || c == '%' || c == '&') && unfinished(s.substring(i))) {
          return i;
        }
      }
      return n;
    }

    private static boolean unfinished(String tail) {
      return tail.matches("\\\\+(u[0-9A-Fa-f]{0,3}|x[0-9A-Fa-f]?)?")
          || tail.matches("%(2(5[0-9A-Fa-f]?)?|[0-9A-Fa-f])?")
          || tail.matches("&(#[xX]?[0-9A-Fa-f]{0,6}|[A-Za-z0-9]{0,10})");
    }
  }

  /**
   * Strings to find runs of (a key's forms), indexed by their {@value #Q}-grams so that text is
   * searched in one pass whatever the number of keys.
   */
  static final class Forms {
    private final List<String> forms;
    private final List<ApiKey> owners;
    private final Map<Long, List<int[]>> grams; // q-gram -> (form, position)
    private final Set<String> tails; // every TAIL-gram of every form
    private final int longest;

    private Forms(List<String> forms, List<ApiKey> owners) {
      this.forms = forms;
      this.owners = owners;
      this.grams = new HashMap<>();
      this.tails = new HashSet<>();
      int max = 0;
      for (int f = 0; f < forms.size(); f++) {
        String form = forms.get(f);
        max = Math.max(max, form.length());
        for (int p = 0; p + Q <= form.length(); p++) {
          grams.computeIfAbsent(gram(form, p), g -> new ArrayList<>()).add(new int[] {f, p});
        }
        for (int p = 0; p + TAIL <= form.length(); p++) {
          tails.add(form.substring(p, p + TAIL));
        }
      }
      this.longest = max;
    }

    boolean isEmpty() {
      return forms.isEmpty();
    }

    private static long gram(String s, int at) {
      long g = 0;
      for (int i = at; i < at + Q; i++) {
        g = (g << 7) | (s.charAt(i) & 0x7F);
      }
      return g;
    }

    /** Adds every run of at least {@code min} characters of a form found in {@code v}. */
    void runs(View v, int min, List<Span> found) {
      if (forms.isEmpty() || v.length < min) {
        return;
      }
      long g = 0;
      int valid = 0; // characters of the current window that are ASCII
      int i = 0;
      while (i < v.length) {
        char c = v.chars[i];
        if (c > 0x7F) {
          valid = 0;
          g = 0;
          i++;
          continue;
        }
        g = ((g << 7) | c) & ((1L << (7 * Q)) - 1);
        valid++;
        i++;
        if (valid < Q) {
          continue;
        }
        List<int[]> hits = grams.get(g);
        if (hits == null) {
          continue;
        }
        int start = i - Q;
        int furthest = -1;
        for (int[] hit : hits) {
          String form = forms.get(hit[0]);
          int a = start;
          int p = hit[1];
          while (a > 0 && p > 0 && v.chars[a - 1] == form.charAt(p - 1)) {
            a--;
            p--;
          }
          int b = start + Q;
          int q = hit[1] + Q;
          while (b < v.length && q < form.length() && v.chars[b] == form.charAt(q)) {
            b++;
            q++;
          }
          if (b - a >= Math.min(min, form.length())) {
            found.add(new Span(v.from[a], v.to[b - 1], owners.get(hit[0])));
            furthest = Math.max(furthest, b);
          }
        }
        if (furthest > i) {
          // the run is recorded: go on after it
          i = furthest;
          valid = 0;
          g = 0;
        }
      }
    }

    /**
     * Where the longest end of {@code v} that is part of a form begins, in the original text;
     * {@link Integer#MAX_VALUE} when its last {@value #TAIL} characters are part of no form (three
     * characters of a key reveal nothing, so fewer are never held).
     */
    int tailFrom(View v) {
      int n = v.length;
      if (forms.isEmpty() || n < TAIL) {
        return Integer.MAX_VALUE;
      }
      if (!tails.contains(new String(v.chars, n - TAIL, TAIL))) {
        return Integer.MAX_VALUE;
      }
      for (int j = Math.max(0, n - longest); j <= n - TAIL; j++) {
        String suffix = new String(v.chars, j, n - j);
        for (String form : forms) {
          if (form.contains(suffix)) {
            return v.from[j];
          }
        }
      }
      return Integer.MAX_VALUE;
    }

    static final class Builder {
      private final List<String> forms = new ArrayList<>();
      private final List<ApiKey> owners = new ArrayList<>();

      void add(String form, ApiKey owner) {
        if (form.length() >= Q && !forms.contains(form)) {
          forms.add(form);
          owners.add(owner);
        }
      }

      Forms build() {
        return new Forms(List.copyOf(forms), List.copyOf(owners));
      }
    }
  }

  @Override
  public String toString() {
    return "Secrets" + Arrays.toString(keys.stream().map(ApiKey::fingerprint).toArray());
  }
}
