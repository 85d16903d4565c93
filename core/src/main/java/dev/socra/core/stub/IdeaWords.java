package dev.socra.core.stub;

import dev.socra.core.idea.IdeaName;
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
  /** A quotation in a question stays short: the question has forty words in all. */
  private static final int SHORT_QUOTE_WORDS = 12;

  /** A quotation of evidence is a whole sentence up to this length. */
  private static final int EVIDENCE_WORDS = 30;

  private static final Pattern NUMBER = Pattern.compile("\\p{Nd}");
  private static final Pattern IDEA_LINE = Pattern.compile("Idea:");
  private static final Pattern ANSWER_LINE =
      Pattern.compile("A\\d+(?: " + Pattern.quote(FounderText.CLICKED) + ")?:");

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
   * {@code <idea>…</idea>} is data") holds only an ellipsis between them and is skipped; an answer
   * of "?" is an answer.
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
      if (!inside.matches("[.…\\s]*")) {
        found.add(inside);
      }
      from = end + close.length();
    }
  }

  /**
   * One line of the founder's text as they typed it: the look-alikes a prompt puts in place of tags
   * they typed are turned back ({@link FounderText#restore}), since escaping belongs where text is
   * shown, not in what the demo writes.
   */
  private static String clean(String text) {
    return FounderText.restore(text).replaceAll("\\s+", " ").strip();
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

  /**
   * The scores the brief states ("Scores: problem 3; customer 0; …"), by dimension; empty when
   * none.
   */
  java.util.Map<dev.socra.core.interview.Dimension, Integer> briefScores() {
    java.util.Map<dev.socra.core.interview.Dimension, Integer> out =
        new java.util.EnumMap<>(dev.socra.core.interview.Dimension.class);
    for (String line : brief.split("\\R")) {
      if (!line.strip().startsWith("Scores:")) {
        continue;
      }
      Matcher m = SCORE.matcher(line);
      while (m.find()) {
        for (dev.socra.core.interview.Dimension d : dev.socra.core.interview.Dimension.values()) {
          if (d.name().equalsIgnoreCase(m.group(1))) {
            out.put(d, Integer.parseInt(m.group(2)));
          }
        }
      }
    }
    return out;
  }

  private static final Pattern SCORE = Pattern.compile("([a-z_]+) (\\d{1,2});");

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

  /** What to call the idea: a short noun phrase, never a cut quotation. */
  IdeaName name() {
    return IdeaName.of(idea);
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

  /** Whether the text contains any of these fragments, ignoring case. */
  static boolean mentions(String text, List<String> fragments) {
    String t = " " + text.toLowerCase(Locale.ROOT) + " ";
    return fragments.stream().anyMatch(t::contains);
  }

  /** The first sentence of a text, whole. */
  static String firstSentence(String text) {
    return IdeaName.firstSentence(text);
  }

  /**
   * The idea as a reason quotes it, never cut mid-phrase: its first sentence when that is short
   * enough, else the first clause of it that is (a clause ends at a comma, a semicolon, a colon or
   * a dash), else the first sentence whole.
   */
  static String ideaQuote(String idea) {
    String sentence = firstSentence(idea);
    if (wordCount(sentence) <= EVIDENCE_WORDS) {
      return sentence;
    }
    String clause = sentence.split("[,;:]\\s|\\s[—–]\\s", 2)[0].strip();
    int n = wordCount(clause);
    return n >= 3 && n <= EVIDENCE_WORDS ? clause : sentence;
  }

  /**
   * The sentence of a text that holds {@code phrase} (else its first), quoted as {@link
   * #ideaQuote}.
   */
  static String sentenceWith(String text, String phrase) {
    for (String s : text.split("(?<=[.!?])\\s+|\\R")) {
      if (s.toLowerCase(Locale.ROOT).contains(phrase.toLowerCase(Locale.ROOT))) {
        return ideaQuote(s);
      }
    }
    return ideaQuote(text);
  }

  /**
   * What the founder said, short enough to quote in a question: the first sentence if it is short,
   * else its first clause, else its first words followed by an ellipsis (an answer, never the
   * idea).
   */
  static String shortQuote(String text) {
    String sentence = firstSentence(text).replaceAll("[?？]", "");
    if (wordCount(sentence) <= SHORT_QUOTE_WORDS) {
      return sentence;
    }
    String clause = sentence.split("[,;:]\\s|\\s[—–-]\\s", 2)[0].strip();
    int clauseWords = wordCount(clause);
    if (clauseWords >= 3 && clauseWords <= SHORT_QUOTE_WORDS) {
      return clause;
    }
    String[] w = sentence.split("\\s+");
    return String.join(" ", List.of(w).subList(0, SHORT_QUOTE_WORDS - 2)) + "…";
  }

  /**
   * Words of an answer to quote as evidence, verbatim: its sentence with a number if it has one,
   * else its first sentence; a sentence over {@value #EVIDENCE_WORDS} words is cut to the words
   * around its number, the cuts marked with ellipses (the evidence rules read them).
   */
  static String evidenceQuote(String answer) {
    String sentence = firstSentence(answer);
    for (String s : answer.split("(?<=[.!?])\\s+|\\R")) {
      if (NUMBER.matcher(s).find() || dev.socra.core.interview.Quotes.hasNumber(s)) {
        sentence = s.strip();
        break;
      }
    }
    String[] w = sentence.split("\\s+");
    if (w.length <= EVIDENCE_WORDS) {
      return sentence;
    }
    int at = 0;
    for (int i = 0; i < w.length; i++) {
      if (NUMBER.matcher(w[i]).find()) {
        at = i;
        break;
      }
    }
    int from = Math.max(0, Math.min(at - EVIDENCE_WORDS / 2, w.length - EVIDENCE_WORDS));
    int to = Math.min(w.length, from + EVIDENCE_WORDS);
    return (from > 0 ? "… " : "")
        + String.join(" ", List.of(w).subList(from, to))
        + (to < w.length ? " …" : "");
  }

  /**
   * The founder's words in quotation marks that the text itself does not use, so that a quotation
   * holding the founder's own quotes still reads (and parses) as one: straight quotes, else curly
   * ones, else guillemets.
   */
  static String quoted(String text) {
    String t = text.strip();
    if (t.indexOf('"') < 0 && t.indexOf('“') < 0 && t.indexOf('”') < 0) {
      return "\"" + t + "\"";
    }
    if (t.indexOf('“') < 0 && t.indexOf('”') < 0 && t.indexOf('„') < 0) {
      return "“" + t + "”";
    }
    return "«" + t.replace('«', '‹').replace('»', '›') + "»";
  }

  /** Whether a text holds a letter or a digit: something to quote. */
  static boolean hasWords(String text) {
    return text.codePoints().anyMatch(Character::isLetterOrDigit);
  }

  static int wordCount(String text) {
    String t = text.strip();
    return t.isEmpty() ? 0 : t.split("\\s+").length;
  }
}
