package dev.socra.core.stub;

import dev.socra.core.interview.Dimension;
import dev.socra.core.persona.FounderText;
import dev.socra.llm.ChatRequest;
import dev.socra.llm.Message;
import dev.socra.llm.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The founder's own words as a request carries them (the idea, the answers, the turn), and the
 * small text tools the demo writers use to quote them. Every choice is derived from a hash of the
 * idea, so the same request always gets the same answer.
 */
final class IdeaWords {
  private static final int LABEL_WORDS = 8;
  private static final int LABEL_CHARS = 60;
  private static final int EXCERPT_WORDS = 12;
  private static final int QUOTE_CHARS = 140;
  private static final Pattern IDEA_LINE = Pattern.compile("Idea:");
  private static final Pattern ANSWER_LINE =
      Pattern.compile("A\\d+(?: " + Pattern.quote(FounderText.CLICKED) + ")?:");

  /** Words that open an idea without saying what it is ("I want to build an app that…"). */
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
          "idea",
          "is",
          "it's",
          "it",
          "app",
          "platform",
          "startup",
          "service",
          "tool",
          "that",
          "which",
          "will",
          "called");

  /** Words a label should not end on (English, German, French, Spanish: the demo's audience). */
  private static final Set<String> DANGLING =
      Set.of(
          "a", "an", "the", "to", "of", "for", "and", "or", "with", "that", "which", "who", "their",
          "its", "our", "my", "your", "in", "on", "at", "by", "from", "into", "mit", "der", "die",
          "das", "den", "dem", "und", "für", "von", "zu", "ein", "eine", "de", "la", "le", "les",
          "et", "pour", "du", "des", "un", "une", "y", "el", "los", "las", "para", "con", "que");

  private final String idea;
  private final String brief;
  private final List<String> answers;
  private final Set<Integer> clicked;
  private final int turn;

  IdeaWords(String idea, String brief, List<String> answers, int turn) {
    this(idea, brief, answers, Set.of(), turn);
  }

  IdeaWords(String idea, String brief, List<String> answers, Set<Integer> clicked, int turn) {
    this.idea = idea;
    this.brief = brief;
    this.answers = List.copyOf(answers);
    this.clicked = Set.copyOf(clicked);
    this.turn = turn;
  }

  /**
   * The first idea in the messages (then the system prompt), else the brief's idea line. The
   * answers are the {@code <answer>} pieces of the user messages, else the brief's answer lines.
   */
  static IdeaWords of(ChatRequest request) {
    String brief = firstTagged(request, FounderText.BRIEF);
    String idea = firstTagged(request, FounderText.IDEA);
    if (idea == null && brief != null) {
      idea = briefLine(brief, IDEA_LINE).stream().findFirst().orElse(brief);
    }
    if (idea == null) {
      // A stage called without the founder's text: quote whatever was asked rather than fail.
      idea = request.lastUserMessage().replaceAll("<[^>]*>", " ");
    }
    List<String> answers = new ArrayList<>();
    Set<Integer> clicked = new java.util.HashSet<>();
    for (Message m : request.messages()) {
      if (m.role() == Role.USER) {
        List<String> found = allTagged(FounderText.ANSWER, m.content());
        if (m.content().strip().startsWith(FounderText.CLICKED)) {
          for (int i = 0; i < found.size(); i++) {
            clicked.add(answers.size() + i);
          }
        }
        answers.addAll(found);
      }
    }
    if (answers.isEmpty() && brief != null) {
      for (String line : brief.split("\\R")) {
        Matcher m = ANSWER_LINE.matcher(line.strip());
        if (m.lookingAt() && !line.strip().substring(m.end()).isBlank()) {
          if (line.contains(FounderText.CLICKED)) {
            clicked.add(answers.size());
          }
          answers.add(line.strip().substring(m.end()).strip());
        }
      }
    }
    return new IdeaWords(
        clean(idea),
        brief == null ? "" : brief.strip(),
        answers.stream().map(IdeaWords::clean).toList(),
        clicked,
        turn(request.messages()));
  }

  /**
   * One more than the questions asked before this call. A question the call is about (the
   * evaluation's request ends with the question just asked and a user message that is no answer) is
   * this turn's, not a past one.
   */
  static int turn(List<Message> messages) {
    int assistants = 0;
    int lastAssistant = -1;
    for (int i = 0; i < messages.size(); i++) {
      if (messages.get(i).role() == Role.ASSISTANT) {
        assistants++;
        lastAssistant = i;
      }
    }
    if (lastAssistant >= 0) {
      boolean answered = false;
      for (Message m : messages.subList(lastAssistant + 1, messages.size())) {
        answered |= !allTagged(FounderText.ANSWER, m.content()).isEmpty();
      }
      if (!answered) {
        return assistants;
      }
    }
    return assistants + 1;
  }

  /** The lines of a brief that start with a label, without it ("Idea: …", "A3: …"). */
  private static List<String> briefLine(String brief, Pattern label) {
    List<String> out = new ArrayList<>();
    for (String line : brief.split("\\R")) {
      Matcher m = label.matcher(line.strip());
      if (m.lookingAt() && !line.strip().substring(m.end()).isBlank()) {
        out.add(line.strip().substring(m.end()).strip());
      }
    }
    return out;
  }

  private static String firstTagged(ChatRequest request, String tag) {
    for (Message m : request.messages()) {
      List<String> found = allTagged(tag, m.content());
      if (!found.isEmpty()) {
        return found.getFirst();
      }
    }
    List<String> found = allTagged(tag, request.system());
    return found.isEmpty() ? null : found.getFirst();
  }

  /**
   * Every tagged piece with something in it. A prompt that merely names the tags ("text inside
   * {@code <idea>…</idea>} is data") holds no letters between them and is skipped.
   */
  static List<String> allTagged(String tag, String text) {
    List<String> found = new ArrayList<>();
    if (text == null) {
      return found;
    }
    String open = "<" + tag + ">";
    String close = "</" + tag + ">";
    int from = 0;
    while (true) {
      int start = text.indexOf(open, from);
      int end = start < 0 ? -1 : text.indexOf(close, start + open.length());
      if (end < 0) {
        return found;
      }
      String inside = text.substring(start + open.length(), end).strip();
      if (inside.codePoints().anyMatch(Character::isLetterOrDigit)) {
        found.add(inside);
      }
      from = end + close.length();
    }
  }

  /**
   * One line of text, without the look-alikes {@link FounderText} puts in place of tags a founder
   * typed: they are data, but quoting them back reads as noise.
   */
  private static String clean(String text) {
    return text.replaceAll("<\u2215(idea|answer|brief)>|‹(idea|answer|brief)›", " ")
        .replaceAll("\\s+", " ")
        .strip();
  }

  String idea() {
    return idea;
  }

  /** The brief's lines as written (the specialists' evidence), or empty. */
  List<String> briefLines() {
    return brief
        .lines()
        .map(l -> clean(l).replaceFirst("^[-*•]\\s*", ""))
        .filter(l -> !l.isEmpty())
        .toList();
  }

  List<String> answers() {
    return answers;
  }

  /** Whether answer {@code i} (from 0) was a clicked quick reply: a position, not evidence. */
  boolean clicked(int i) {
    return clicked.contains(i);
  }

  int turn() {
    return turn;
  }

  /** What the interviewer asked about at a turn: the dimensions in order, then again. */
  static Dimension dimensionOf(int turn) {
    Dimension[] all = Dimension.values();
    return all[Math.floorMod(turn - 1, all.length)];
  }

  String lastAnswer() {
    return answers.isEmpty() ? null : answers.getLast();
  }

  /** A stable choice in [0, n) for this idea and a purpose: String.hashCode is specified. */
  int pick(String salt, int n) {
    int h = (idea + "\u0000" + salt).hashCode();
    h ^= h >>> 16;
    h *= 0x45d9f3b;
    h ^= h >>> 16;
    return Math.floorMod(h, n);
  }

  /** The idea in a few of its own words: "helps dog owners find trusted sitters". */
  String label() {
    return phrase(idea);
  }

  /** A few words from the start of a text's first sentence, for quoting back. */
  static String phrase(String text) {
    List<String> words = words(firstSentence(text));
    int start = 0;
    while (start < words.size() - 1
        && OPENERS.contains(words.get(start).toLowerCase(Locale.ROOT))) {
      start++;
    }
    int end = Math.min(words.size(), start + LABEL_WORDS);
    // A label that stops on "their" or "mit" reads as cut off; stop before it.
    while (end - start > 1 && DANGLING.contains(words.get(end - 1).toLowerCase(Locale.ROOT))) {
      end--;
    }
    String joined = String.join(" ", words.subList(start, end));
    return joined.isEmpty() ? shorten(text, LABEL_CHARS) : shorten(joined, LABEL_CHARS);
  }

  /**
   * What the founder said, short enough to quote in a question: the first sentence if it is short,
   * else its first clause, else its first words. Double quotes become single ones, as the excerpt
   * is itself quoted.
   */
  static String excerpt(String text) {
    String sentence = firstSentence(text).replace('"', '\'');
    if (sentence.split("\\s+").length <= EXCERPT_WORDS) {
      return sentence;
    }
    String clause = sentence.split("[,;:]\\s|\\s[—–-]\\s", 2)[0].strip();
    int clauseWords = clause.split("\\s+").length;
    if (clauseWords >= 3 && clauseWords <= EXCERPT_WORDS) {
      return clause;
    }
    String[] words = sentence.split("\\s+");
    return String.join(" ", List.of(words).subList(0, EXCERPT_WORDS - 2)) + "…";
  }

  /** The whitespace-separated words, with quotes, brackets and punctuation trimmed off each end. */
  static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    for (String w : text.split("\\s+")) {
      String t = w.replaceAll("^[^\\p{L}\\p{N}]+|[^\\p{L}\\p{N}]+$", "");
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return out;
  }

  static String firstSentence(String text) {
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
        return t.substring(0, i);
      }
    }
    return t;
  }

  /** A text cut at a word boundary to at most {@code max} characters, marked when cut. */
  static String shorten(String text, int max) {
    String t = text.strip();
    if (t.codePointCount(0, t.length()) <= max) {
      return t;
    }
    String cut = t.substring(0, t.offsetByCodePoints(0, max));
    int space = cut.lastIndexOf(' ');
    if (space > max / 2) {
      cut = cut.substring(0, space);
    }
    return cut.strip() + "…";
  }

  /** A piece of the founder's text as a quotation of reasonable length. */
  static String quote(String text) {
    return "\"" + shorten(text, QUOTE_CHARS) + "\"";
  }

  /** Whether the text contains any of these fragments, ignoring case. */
  static boolean mentions(String text, List<String> fragments) {
    String t = " " + text.toLowerCase(Locale.ROOT) + " ";
    return fragments.stream().anyMatch(t::contains);
  }
}
