package dev.socra.llm.testkit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fake's deterministic answers. An answer depends only on the last user message and the token
 * count, so two fake servers (two "providers") give the same text and a test can check that a
 * fail-over mid-answer produced one seamless answer.
 */
final class Answers {

  private static final String[] WORDS = {
    "market", "customer", "pricing", "risk", "moat", "churn", "growth", "channel",
    "margin", "founder", "signal", "demand", "pilot", "retention", "wedge", "cohort",
    "funnel", "budget", "buyer", "problem", "evidence", "segment", "runway", "traction",
    "scale", "value", "switching", "cost", "habit", "trust", "niche", "timing",
    "incumbent", "feature", "platform", "network", "supply", "payback", "contract", "renewal",
    "onboarding", "referral", "pain", "workflow", "integration", "compliance", "latency", "quality",
    "partner", "distribution", "pipeline", "forecast", "burn", "hiring", "focus", "story",
    "proof", "metric", "baseline", "experiment", "assumption", "insight", "question", "answer"
  };

  /** A token is a word with its single trailing space; leading whitespace joins the next word. */
  private static final Pattern TOKEN = Pattern.compile("\\s*\\S+\\s?");

  private Answers() {}

  /** Exactly {@code tokens} words separated by single spaces. */
  static String canonical(String lastUserMessage, int tokens) {
    Random random = new Random(fnv1a(lastUserMessage == null ? "" : lastUserMessage));
    StringBuilder text = new StringBuilder(tokens * 8);
    for (int i = 0; i < tokens; i++) {
      if (i > 0) {
        text.append(' ');
      }
      text.append(WORDS[random.nextInt(WORDS.length)]);
    }
    return text.toString();
  }

  /** Splits text into stream tokens whose concatenation is exactly the text. */
  static List<String> tokens(String text) {
    List<String> tokens = new ArrayList<>();
    Matcher m = TOKEN.matcher(text);
    int end = 0;
    while (m.find()) {
      tokens.add(m.group());
      end = m.end();
    }
    if (end < text.length()) { // trailing whitespace with no word after it
      String rest = text.substring(end);
      if (tokens.isEmpty()) {
        tokens.add(rest);
      } else {
        tokens.set(tokens.size() - 1, tokens.getLast() + rest);
      }
    }
    return tokens;
  }

  /** Whitespace-separated words, the fake's stand-in for a tokenizer when counting input. */
  static int words(String text) {
    if (text == null || text.isBlank()) {
      return 0;
    }
    return text.strip().split("\\s+").length;
  }

  /** FNV-1a: a stable hash, unlike String.hashCode it is specified independently of Java. */
  private static long fnv1a(String text) {
    long hash = 0xcbf29ce484222325L;
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= 0x100000001b3L;
    }
    return hash;
  }
}
