package dev.socra.llm;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One piece of a message's content, in order: text, or an image. Both APIs take a list of typed
 * parts (OpenAI's {@code text} / {@code image_url}, Anthropic's {@code text} / {@code image}
 * blocks); a message of text alone is one {@link Text}.
 */
public sealed interface Part {

  /** Text. */
  record Text(String text) implements Part {
    public Text {
      Objects.requireNonNull(text, "text");
    }
  }

  /**
   * An image, by address or inline. Only targets that declare {@code vision} are sent one.
   *
   * @param url an {@code http(s)} address, or null for an inline image
   * @param mediaType the inline image's type ({@code image/png} …), null for an address
   * @param data the inline image, base64 (without a {@code data:} prefix); null for an address
   * @param detail OpenAI's {@code detail} ({@code auto}, {@code low}, {@code high}), or null; other
   *     protocols have no such setting and are sent the image without it
   */
  record Image(String url, String mediaType, String data, String detail) implements Part {
    private static final Pattern MEDIA_TYPE = Pattern.compile("image/[a-z0-9.+-]{1,40}");
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/=\\r\\n]+");

    public Image {
      if ((url == null) == (data == null)) {
        throw new IllegalArgumentException("an image is either an address or inline data");
      }
      if (url != null && !(url.startsWith("https://") || url.startsWith("http://"))) {
        throw new IllegalArgumentException("an image address must be http(s)");
      }
      if (data != null) {
        if (mediaType == null || !MEDIA_TYPE.matcher(mediaType).matches()) {
          throw new IllegalArgumentException(
              "an inline image needs its media type, e.g. image/png");
        }
        if (data.isEmpty() || !BASE64.matcher(data).matches()) {
          throw new IllegalArgumentException("an inline image's data must be base64");
        }
      }
    }

    public static Image at(String url) {
      return new Image(url, null, null, null);
    }

    public static Image inline(String mediaType, String base64) {
      return new Image(null, mediaType, base64, null);
    }

    /** A {@code data:} URL, as OpenAI's {@code image_url.url} carries an inline image. */
    public String dataUrl() {
      return url != null ? url : "data:" + mediaType + ";base64," + data;
    }
  }
}
