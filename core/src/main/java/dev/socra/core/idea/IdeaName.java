package dev.socra.core.idea;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What to call an idea in a sentence: a short noun phrase taken from the founder's first sentence
 * ("marketplace for independent physiotherapists", "booking tool for independent piano tuners",
 * "Uber for dog walkers"), never a quotation cut off mid-phrase. When no such phrase can be found
 * (another language, an idea that opens with a verb), the founder's first sentence stands in whole
 * if it is short, else "your idea".
 *
 * <p>The phrase is the head the sentence opens with ("booking tool"), then what says whom it is
 * for: a "for …" group, the people a "that lets/helps …" clause names, or a short "that …" clause.
 *
 * @param phrase the noun phrase, or the founder's first sentence, or empty when neither fits
 * @param derived the phrase is a noun phrase ("the marketplace for …" reads), not a sentence
 * @param customers the people the idea says it is for ("independent physiotherapists"); empty when
 *     it names none
 */
public record IdeaName(String phrase, boolean derived, String customers) {
  static final int MAX_WORDS = 8;
  static final int MAX_HEAD_WORDS = 5;
  static final int MAX_SENTENCE_WORDS = 16;
  static final int SLUG_WORDS = 5;

  /** Words a founder opens with before saying what the idea is ("I want to build an …"). */
  private static final Set<String> OPENERS =
      Set.of(
          "a",
          "an",
          "the",
          "i",
          "i'm",
          "im",
          "we",
          "we're",
          "were",
          "my",
          "our",
          "want",
          "wants",
          "would",
          "like",
          "to",
          "build",
          "building",
          "make",
          "making",
          "create",
          "creating",
          "start",
          "starting",
          "launch",
          "launching",
          "develop",
          "developing",
          "idea",
          "is",
          "it's",
          "its",
          "it",
          "called",
          "am",
          "are",
          "going",
          "plan",
          "planning",
          "basically",
          "new",
          "this",
          "ein",
          "eine",
          "einen",
          "der",
          "die",
          "das",
          "un",
          "une",
          "le",
          "la",
          "les",
          "el",
          "los",
          "las",
          "unos",
          "unas",
          "idea:");

  /** Words that end the head noun phrase: a clause or a modifier starts there. */
  private static final Set<String> ENDS_HEAD =
      Set.of(
          "that",
          "which",
          "who",
          "whose",
          "where",
          "when",
          "while",
          "so",
          "because",
          "to",
          "for",
          "with",
          "without",
          "by",
          "in",
          "on",
          "at",
          "from",
          "into",
          "through",
          "via",
          "using",
          "but",
          "than",
          "like",
          "run",
          "made",
          "built",
          "designed",
          "sold",
          "delivered",
          "powered",
          "based",
          "owned",
          "used",
          "rented",
          "paid",
          "priced",
          "offered",
          "aimed",
          "targeted",
          "hosted",
          "is",
          "are",
          "will",
          "can",
          "could",
          "should",
          "would",
          "mit",
          "für",
          "pour",
          "para",
          "que",
          "qui",
          "die",
          "der",
          "das",
          "den");

  /** Verbs whose object is the people the idea serves: "lets physiotherapists rent…". */
  private static final Set<String> SERVES =
      Set.of(
          "lets",
          "let",
          "helps",
          "help",
          "allows",
          "allow",
          "enables",
          "enable",
          "gives",
          "give",
          "matches",
          "match",
          "connects",
          "connect",
          "pairs",
          "pair",
          "matching",
          "connecting",
          "pairing",
          "helping",
          "letting",
          "allowing",
          "enabling",
          "giving",
          "teaches",
          "serves",
          "serving",
          "shows",
          "tells");

  /** Words that end a group of people or things ("for small farms selling at…"). */
  private static final Set<String> ENDS_GROUP =
      Set.of(
          "that", "which", "who", "whose", "where", "when", "while", "so", "because", "to", "for",
          "with", "without", "by", "in", "on", "at", "from", "into", "through", "via", "using",
          "but", "than", "like", "across", "near", "around", "within", "during", "after", "before",
          "instead", "rather", "if", "is", "are", "was", "were", "will", "can", "could", "should",
          "would", "do", "does", "did", "have", "has", "had", "get", "gets", "find", "finds",
          "rent", "rents", "book", "books", "buy", "buys", "sell", "sells", "swap", "swaps", "pay",
          "pays", "manage", "manages", "track", "tracks", "see", "sees", "their", "its", "his",
          "her");

  /** A head made only of these says what kind of thing, not what idea. */
  private static final Set<String> GENERIC =
      Set.of(
          "app",
          "apps",
          "platform",
          "tool",
          "tools",
          "service",
          "services",
          "marketplace",
          "website",
          "site",
          "software",
          "startup",
          "product",
          "company",
          "business",
          "solution",
          "system",
          "saas",
          "api",
          "bot",
          "ai",
          "device",
          "thing",
          "project",
          "web",
          "mobile",
          "online",
          "simple",
          "b2b",
          "b2c",
          "new",
          "digital",
          "smart");

  /** Words a phrase should not end on: it would read as cut off. */
  private static final Set<String> DANGLING =
      Set.of(
          "a", "an", "the", "to", "of", "for", "and", "or", "with", "that", "which", "who", "their",
          "its", "our", "my", "your", "in", "on", "at", "by", "from", "into", "mit", "der", "die",
          "das", "den", "dem", "und", "für", "von", "zu", "ein", "eine", "de", "la", "le", "les",
          "et", "pour", "du", "des", "un", "une", "y", "el", "los", "las", "para", "con", "que");

  /** Plural people and things that do not end in "s". */
  private static final Set<String> PLURALS =
      Set.of("people", "children", "staff", "men", "women", "police", "teams", "folk", "kids");

  public IdeaName {
    phrase = phrase == null ? "" : phrase;
    customers = customers == null ? "" : customers;
  }

  /** The name of an idea as the founder typed it. */
  public static IdeaName of(String idea) {
    String sentence = firstSentence(markupless(idea == null ? "" : idea));
    List<Word> words = words(sentence);
    int start = 0;
    while (start < words.size() - 1 && OPENERS.contains(words.get(start).lower())) {
      start++;
    }
    List<Word> rest = words.subList(start, words.size());
    IdeaName found = derive(rest, sentence);
    if (found != null) {
      return found;
    }
    String customers = servedGroup(rest);
    int count = words.size();
    if (count > 0 && count <= MAX_SENTENCE_WORDS) {
      return new IdeaName(sentence.replaceAll("\\s+", " ").strip(), false, customers);
    }
    return new IdeaName("", false, customers);
  }

  /**
   * The phrase as a reader meets it in a sentence: "the marketplace for …", the founder's short
   * sentence in quotation marks, or "your idea".
   */
  public String inSentence() {
    if (derived) {
      return "the " + phrase;
    }
    return phrase.isEmpty() ? "your idea" : "your idea (“" + phrase + "”)";
  }

  /** A title: the phrase with a capital, or "Your idea". */
  public String title() {
    String t = phrase.isEmpty() ? "your idea" : phrase;
    int first = t.codePointAt(0);
    return new StringBuilder()
        .appendCodePoint(Character.toUpperCase(first))
        .append(t.substring(Character.charCount(first)))
        .toString();
  }

  /**
   * The phrase as a file name's part: ASCII letters and digits, lower case, hyphens between at most
   * {@value #SLUG_WORDS} words; "idea" when nothing of it is ASCII.
   */
  public String slug() {
    String ascii =
        Normalizer.normalize(phrase, Normalizer.Form.NFD)
            .replaceAll("\\p{M}+", "")
            .replace("ß", "ss")
            .toLowerCase(Locale.ROOT);
    List<String> parts = new ArrayList<>();
    for (String w : ascii.split("[^a-z0-9]+")) {
      if (!w.isEmpty() && parts.size() < SLUG_WORDS) {
        parts.add(w);
      }
    }
    while (!parts.isEmpty() && DANGLING.contains(parts.getLast())) {
      parts.removeLast();
    }
    return parts.isEmpty() ? "idea" : String.join("-", parts);
  }

  private static IdeaName derive(List<Word> words, String sentence) {
    int end = 0;
    while (end < words.size()
        && end < MAX_HEAD_WORDS + 1
        && !ENDS_HEAD.contains(words.get(end).lower())
        && !SERVES.contains(words.get(end).lower())) {
      end++;
      if (words.get(end - 1).breaks()) {
        break;
      }
    }
    if (end == 0 || end > MAX_HEAD_WORDS) {
      return null;
    }
    List<Word> head = trimmed(words.subList(0, end));
    if (head.isEmpty()) {
      return null;
    }
    boolean generic = head.stream().allMatch(w -> GENERIC.contains(w.lower()));
    Word linker = end < words.size() && !words.get(end - 1).breaks() ? words.get(end) : null;
    List<Word> after = words.subList(Math.min(words.size(), end + 1), words.size());
    String customers = servedGroup(words);
    List<List<Word>> options = new ArrayList<>();
    if (linker != null && linker.lower().equals("for")) {
      options.add(join(head, "for", group(after)));
    }
    if (linker != null && SERVES.contains(linker.lower())) {
      options.add(join(head, "for", people(after)));
    }
    if (linker != null && Set.of("that", "which", "to", "who").contains(linker.lower())) {
      if (!after.isEmpty() && SERVES.contains(after.getFirst().lower())) {
        options.add(join(head, "for", people(after.subList(1, after.size()))));
      }
    }
    int laterFor = indexOf(words, "for", end);
    if (laterFor >= 0) {
      options.add(join(head, "for", group(words.subList(laterFor + 1, words.size()))));
    }
    if (linker != null && Set.of("that", "which").contains(linker.lower())) {
      options.add(join(head, linker.text(), clause(after)));
    }
    if (!generic) {
      options.add(head);
    }
    for (List<Word> o : options) {
      if (o != null && o.size() <= MAX_WORDS) {
        return new IdeaName(text(o, sentence), true, customers);
      }
    }
    return null;
  }

  /** The people a "lets …"/"helps …"/"for …" names, if the idea names any. */
  private static String servedGroup(List<Word> words) {
    for (int i = 0; i < words.size() - 1; i++) {
      String w = words.get(i).lower();
      if (SERVES.contains(w) || w.equals("for")) {
        List<Word> g = SERVES.contains(w) ? people(words.subList(i + 1, words.size())) : null;
        if (g == null && w.equals("for")) {
          g = group(words.subList(i + 1, words.size()));
          g = g != null && plural(g.getLast().lower()) ? g : null;
        }
        if (g != null) {
          return plain(g);
        }
      }
    }
    return "";
  }

  /** A noun group up to the next clause: the last plural in it ends it, when it has one. */
  private static List<Word> group(List<Word> words) {
    List<Word> g = new ArrayList<>();
    for (Word w : words) {
      if (ENDS_GROUP.contains(w.lower()) || g.size() >= 6) {
        break;
      }
      g.add(w);
      if (w.breaks()) {
        break;
      }
    }
    int lastPlural = -1;
    for (int i = 0; i < g.size(); i++) {
      if (plural(g.get(i).lower())) {
        lastPlural = i;
      }
    }
    if (lastPlural >= 0) {
      g = new ArrayList<>(g.subList(0, lastPlural + 1));
    } else if (g.size() > 4) {
      return null;
    }
    List<Word> t = trimmed(g);
    return t.isEmpty() ? null : t;
  }

  /** The people a serving verb names: the shortest run of up to three words ending in a plural. */
  private static List<Word> people(List<Word> words) {
    for (int i = 0; i < Math.min(3, words.size()); i++) {
      if (ENDS_GROUP.contains(words.get(i).lower())) {
        return null;
      }
      if (plural(words.get(i).lower())) {
        return new ArrayList<>(words.subList(0, i + 1));
      }
      if (words.get(i).breaks()) {
        return null;
      }
    }
    return null;
  }

  /** A short "that …" clause: up to four words, to the last plural when there is one. */
  private static List<Word> clause(List<Word> words) {
    List<Word> c = new ArrayList<>();
    for (Word w : words) {
      if ((!c.isEmpty() && ENDS_GROUP.contains(w.lower()) && !SERVES.contains(w.lower()))
          || c.size() >= 4) {
        break;
      }
      c.add(w);
      if (w.breaks()) {
        break;
      }
    }
    int lastPlural = -1;
    for (int i = 1; i < c.size(); i++) {
      if (plural(c.get(i).lower())) {
        lastPlural = i;
      }
    }
    if (lastPlural >= 0) {
      c = new ArrayList<>(c.subList(0, lastPlural + 1));
    }
    List<Word> t = trimmed(c);
    return t.size() < 2 ? null : t;
  }

  private static List<Word> join(List<Word> head, String linker, List<Word> tail) {
    if (tail == null || tail.isEmpty()) {
      return null;
    }
    List<Word> out = new ArrayList<>(head);
    out.add(new Word(linker, false));
    out.addAll(tail);
    return out;
  }

  private static int indexOf(List<Word> words, String word, int from) {
    for (int i = from; i < words.size(); i++) {
      if (words.get(i).lower().equals(word)) {
        return i;
      }
    }
    return -1;
  }

  private static List<Word> trimmed(List<Word> words) {
    List<Word> t = new ArrayList<>(words);
    while (!t.isEmpty() && DANGLING.contains(t.getLast().lower())) {
      t.removeLast();
    }
    while (!t.isEmpty() && DANGLING.contains(t.getFirst().lower())) {
      t.removeFirst();
    }
    return t;
  }

  static boolean plural(String lower) {
    if (PLURALS.contains(lower)) {
      return true;
    }
    return lower.length() > 3
        && lower.endsWith("s")
        && !lower.endsWith("ss")
        && !lower.endsWith("us")
        && !lower.endsWith("is")
        && !lower.endsWith("'s");
  }

  /**
   * The words joined. The first keeps its capital only where it is a name: written so again inside
   * the idea, or a one-word head before "for" ("Uber for dog walkers"), or all capitals ("AI").
   */
  private static String text(List<Word> words, String sentence) {
    List<String> out = new ArrayList<>();
    for (Word w : words) {
      out.add(w.text());
    }
    String first = out.getFirst();
    boolean name =
        first.length() > 1 && first.equals(first.toUpperCase(Locale.ROOT))
            || !first.substring(1).equals(first.substring(1).toLowerCase(Locale.ROOT))
            || (words.size() > 1 && words.get(1).lower().equals("for"))
            || sentence.indexOf(" " + first, 1) > 0;
    if (!name) {
      out.set(0, first.toLowerCase(Locale.ROOT));
    }
    return String.join(" ", out);
  }

  private static String plain(List<Word> words) {
    List<String> out = new ArrayList<>();
    for (Word w : words) {
      out.add(w.text());
    }
    return String.join(" ", out);
  }

  /** One word as typed, without the punctuation around it; whether a clause breaks after it. */
  private record Word(String text, boolean breaks) {
    String lower() {
      return text.toLowerCase(Locale.ROOT);
    }
  }

  private static List<Word> words(String sentence) {
    List<Word> out = new ArrayList<>();
    for (String raw : sentence.split("\\s+")) {
      String t = raw.replaceAll("^[^\\p{L}\\p{N}]+|[^\\p{L}\\p{N}]+$", "");
      boolean breaks = raw.matches(".*[,;:()\\[\\]{}—–]$") || raw.matches("^[—–-]+$");
      if (t.isEmpty()) {
        if (breaks && !out.isEmpty()) {
          out.set(out.size() - 1, new Word(out.getLast().text(), true));
        }
        continue;
      }
      out.add(new Word(t, breaks));
    }
    return out;
  }

  /** The text without tags and the look-alikes the founder's typed tags become in a prompt. */
  private static String markupless(String text) {
    return text.replaceAll("<[/\u2215]?[A-Za-z][^<>]{0,30}>|‹[a-z]+›", " ");
  }

  /** The first sentence of a text: up to its first full stop, question or exclamation mark. */
  public static String firstSentence(String text) {
    String t = text.strip();
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      boolean end =
          c == '。'
              || c == '！'
              || c == '？'
              || c == '\n'
              || ((c == '.' || c == '!' || c == '?')
                  && (i + 1 == t.length() || Character.isWhitespace(t.charAt(i + 1))));
      if (end && i > 0) {
        return t.substring(0, i).strip();
      }
    }
    return t;
  }
}
