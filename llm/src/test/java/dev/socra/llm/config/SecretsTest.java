package dev.socra.llm.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A provider that echoes a key echoes it in whatever form its error text has: each form is scrubbed
 * to the key's fingerprint, whole or in part, in one piece of text or split between two.
 */
@Tag("security")
class SecretsTest {
  static final String KEY = "gsk_testkeyNotARealGroqKeyForTestsRtQa";
  static final ApiKey GROQ = ApiKey.clean("GROQ_API_KEY", KEY);
  static final String PRINT = GROQ.fingerprint(); // gsk_…RtQa
  static final Secrets SECRETS = Secrets.of(List.of(GROQ, ApiKey.clean("FAKE_KEY", "fake")));

  static String scrub(String text) {
    return SECRETS.redact(text);
  }

  @Test
  void theKeyAsSentIsReplacedByItsFingerprint() {
    assertThat(scrub("Invalid API Key: " + KEY + ". Check it."))
        .isEqualTo("Invalid API Key: " + PRINT + ". Check it.");
    assertThat(PRINT).isEqualTo("gsk_…RtQa");
  }

  @Test
  void jsonAndJavaEscapesAreDecodedBeforeComparing() {
    String underscore = KEY.replace("_", "\\u005f");
    assertThat(scrub("{\"message\":\"bad key " + underscore + "\"}"))
        .isEqualTo("{\"message\":\"bad key " + PRINT + "\"}");
    assertThat(scrub("key " + KEY.replace("_", "\\u005F") + "!")).isEqualTo("key " + PRINT + "!");
    StringBuilder all = new StringBuilder();
    for (char c : KEY.toCharArray()) {
      all.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
    }
    assertThat(scrub("[" + all + "]")).isEqualTo("[" + PRINT + "]");
    assertThat(scrub("key " + KEY.replace("_", "\\\\u005f"))).isEqualTo("key " + PRINT);
    assertThat(scrub("key " + KEY.replace("_", "\\x5f"))).isEqualTo("key " + PRINT);
  }

  @Test
  void caseDoesNotHideAKey() {
    assertThat(scrub("invalid key " + KEY.toLowerCase(Locale.ROOT)))
        .isEqualTo("invalid key " + PRINT);
    assertThat(scrub("INVALID KEY " + KEY.toUpperCase(Locale.ROOT)))
        .isEqualTo("INVALID KEY " + PRINT);
  }

  @Test
  void urlEncodingOnceOrTwiceDoesNotHideAKey() {
    assertThat(scrub("?key=" + URLEncoder.encode(KEY, StandardCharsets.UTF_8) + "&x=1"))
        .isEqualTo("?key=" + PRINT + "&x=1");
    StringBuilder every = new StringBuilder();
    for (byte b : KEY.getBytes(StandardCharsets.UTF_8)) {
      every.append(String.format(Locale.ROOT, "%%%02X", b));
    }
    assertThat(scrub("u=" + every)).isEqualTo("u=" + PRINT);
    assertThat(scrub("u=" + every.toString().replace("%", "%25"))).isEqualTo("u=" + PRINT);
  }

  @Test
  void base64AndHexOfTheKeyAreFoundAtAnyOffset() {
    Base64.Encoder b64 = Base64.getEncoder();
    assertThat(scrub("auth " + b64.encodeToString(KEY.getBytes(StandardCharsets.UTF_8))))
        .doesNotContain(b64.encodeToString(KEY.getBytes(StandardCharsets.UTF_8)).substring(4, 40))
        .contains(PRINT);
    for (String around : new String[] {"Bearer ", "x", "xy", "Authorization: Bearer "}) {
      String encoded = b64.encodeToString((around + KEY + "\n").getBytes(StandardCharsets.UTF_8));
      String urlSafe =
          Base64.getUrlEncoder().encodeToString((around + KEY).getBytes(StandardCharsets.UTF_8));
      for (String form : new String[] {encoded, urlSafe}) {
        String out = scrub("header: " + form);
        assertThat(out).as(around).contains(PRINT);
        // what encodes the key's bytes, past what encodes the text before it
        String ofKey = form.substring((around.length() * 4 + 2) / 3 + 1, form.length() - 4);
        assertThat(longestCommonRun(out, ofKey)).as(around).isLessThan(16);
      }
    }
    String hex = HexFormat.of().formatHex(KEY.getBytes(StandardCharsets.UTF_8));
    assertThat(scrub("dump " + hex + " end")).isEqualTo("dump " + PRINT + " end");
    assertThat(scrub("DUMP " + hex.toUpperCase(Locale.ROOT))).isEqualTo("DUMP " + PRINT);
  }

  @Test
  void aKeyBrokenBySpacesLinesOrEntitiesOrFullWidthLettersIsStillFound() {
    String broken = KEY.substring(0, 13) + "\n  " + KEY.substring(13, 30) + " " + KEY.substring(30);
    assertThat(scrub("key: " + broken + ".")).isEqualTo("key: " + PRINT + ".");
    assertThat(scrub("key: " + KEY.replace("_", "&#95;"))).isEqualTo("key: " + PRINT);
    assertThat(scrub("key: " + KEY.replace("_", "&#x5F;"))).isEqualTo("key: " + PRINT);
    assertThat(scrub("key: " + KEY.replace("_", "&lowbar;"))).isEqualTo("key: " + PRINT);
    StringBuilder wide = new StringBuilder();
    for (char c : KEY.toCharArray()) {
      wide.append((char) (c + 0xFEE0));
    }
    assertThat(scrub("key: " + wide)).isEqualTo("key: " + PRINT);
  }

  @Test
  void halfAKeyIsScrubbedAndAFewLettersOfItAreNot() {
    assertThat(scrub("starts " + KEY.substring(0, 24) + "…")).isEqualTo("starts " + PRINT + "…");
    assertThat(scrub("ends …" + KEY.substring(KEY.length() - 20))).isEqualTo("ends …" + PRINT);
    assertThat(scrub("middle " + KEY.substring(12, 30) + " of it"))
        .isEqualTo("middle " + PRINT + " of it");
    String few = "the prefix gsk_ and " + KEY.substring(10, 18) + " say nothing";
    assertThat(scrub(few)).isEqualTo(few);
  }

  @Test
  void ordinaryTextAndFingerprintsAreLeftAlone() {
    String text =
        "Test the key rotation: gsk_…RtQa was rejected; see https://console.groq.com/keys?"
            + " q=%20a&b=\\n c 0123456789abcdef";
    assertThat(scrub(text)).isEqualTo(text);
    assertThat(scrub("")).isEmpty();
    assertThat(scrub(null)).isNull();
  }

  @Test
  void aShortTestKeyIsScrubbedOnlyAsTyped() {
    assertThat(scrub("if a key is fake, say fake"))
        .isEqualTo("if a key is …(4 characters), say …(4 characters)");
    assertThat(scrub("FAKE or f a k e")).isEqualTo("FAKE or f a k e");
  }

  @Test
  void aKeySplitBetweenTwoPiecesOfAStreamNeverGoesOutWhole() {
    for (String form :
        new String[] {
          KEY,
          KEY.toLowerCase(Locale.ROOT),
          KEY.replace("_", "\\u005f"),
          "%67%73%6B%5F" + KEY.substring(4)
        }) {
      String text = "Your key is " + form + " and that is all.";
      for (int cut = 1; cut < text.length(); cut++) {
        SecretStream stream = SECRETS.stream();
        String out = stream.push(text.substring(0, cut)) + stream.push(text.substring(cut));
        out += stream.finish();
        assertThat(out)
            .as("cut at %d of %s", cut, form)
            .contains(PRINT)
            .endsWith(" and that is all.");
        assertThat(longestCommonRun(out.toLowerCase(Locale.ROOT), KEY.toLowerCase(Locale.ROOT)))
            .as("cut at %d of %s: %s", cut, form, out)
            .isLessThan(5);
      }
    }
  }

  @Test
  void aKeyWhosePartsWereScrubbedOneByOneIsPutBackTogether() {
    // the router scrubs each event of a provider's stream: a key split 13 + 37 arrives as its first
    // 13 characters and then its fingerprint
    SecretStream stream = SECRETS.stream();
    String out =
        stream.push("Your key is ")
            + stream.push(KEY.substring(0, 13))
            + stream.push(PRINT)
            + stream.push(". Done.")
            + stream.finish();
    assertThat(out).isEqualTo("Your key is " + PRINT + ". Done.");
    // and the other way round: the fingerprint, then the last 14 characters
    assertThat(scrub("key " + PRINT + KEY.substring(KEY.length() - 14) + " end"))
        .isEqualTo("key " + PRINT + " end");
    // a fingerprint next to ordinary words is left as it is
    assertThat(scrub("the key " + PRINT + " was refused"))
        .isEqualTo("the key " + PRINT + " was refused");
  }

  @Test
  void aStreamWithoutKeysPassesEachPieceOnAtOnce() {
    SecretStream stream = SECRETS.stream();
    List<String> out = new ArrayList<>();
    for (String token : new String[] {"Who", " pays", " first", "?", " The", " tuner", "."}) {
      out.add(stream.push(token));
    }
    assertThat(out).containsExactly("Who", " pays", " first", "?", " The", " tuner", ".");
    assertThat(stream.finish()).isEmpty();
  }

  @Test
  void aStreamHoldsBackOnlyWhatCouldStartAKey() {
    SecretStream stream = SECRETS.stream();
    assertThat(stream.push("Your key: gsk_testkey")).isEqualTo("Your key: ");
    assertThat(stream.push(" — no, sorry.")).isEqualTo("gsk_testkey — no, sorry.");
    assertThat(stream.push("escape \\u00")).isEqualTo("escape ");
    assertThat(stream.push("e9 done")).isEqualTo("\\u00e9 done");
  }

  /** The longest stretch of characters the two texts share. */
  static int longestCommonRun(String a, String b) {
    int best = 0;
    int[] prev = new int[b.length() + 1];
    for (int i = 1; i <= a.length(); i++) {
      int[] cur = new int[b.length() + 1];
      for (int j = 1; j <= b.length(); j++) {
        if (a.charAt(i - 1) == b.charAt(j - 1)) {
          cur[j] = prev[j - 1] + 1;
          best = Math.max(best, cur[j]);
        }
      }
      prev = cur;
    }
    return best;
  }
}
