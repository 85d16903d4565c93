package dev.socra.server.gateway;

import dev.socra.llm.Part;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Images as the gateway's clients send them, read into the router's {@link Part.Image}. */
final class Images {
  /** {@code data:image/png;base64,…}: an inline image in OpenAI's {@code image_url.url}. */
  private static final Pattern DATA_URL =
      Pattern.compile("data:(image/[a-zA-Z0-9.+-]{1,40});base64,(.*)", Pattern.DOTALL);

  private Images() {}

  /** OpenAI's {@code image_url.url}: an http(s) address or a base64 {@code data:} URL. */
  static Part.Image fromUrl(String url, String detail, String param) {
    if (url == null || url.isEmpty()) {
      throw GatewayException.badRequest(param, "'" + param + "' must be an image's URL");
    }
    if (detail != null
        && !detail.equals("auto")
        && !detail.equals("low")
        && !detail.equals("high")) {
      throw GatewayException.badRequest(
          param, "an image's detail must be auto, low or high, was '" + detail + "'");
    }
    Matcher m = DATA_URL.matcher(url);
    try {
      if (m.matches()) {
        return new Part.Image(null, m.group(1), m.group(2), detail);
      }
      return new Part.Image(url, null, null, detail);
    } catch (IllegalArgumentException e) {
      throw GatewayException.badRequest(
          param,
          "'"
              + param
              + "' must be an http(s) address or a data:image/…;base64, URL ("
              + e.getMessage()
              + ")");
    }
  }

  /** Anthropic's {@code source}: {@code base64} with its media type, or {@code url}. */
  static Part.Image fromSource(com.fasterxml.jackson.databind.JsonNode source, String param) {
    String type = Fields.text(source, "type");
    try {
      if ("base64".equals(type)) {
        return Part.Image.inline(Fields.text(source, "media_type"), Fields.text(source, "data"));
      }
      if ("url".equals(type)) {
        return Part.Image.at(Fields.text(source, "url"));
      }
    } catch (IllegalArgumentException | NullPointerException e) {
      throw GatewayException.badRequest(
          param + ".source", "'" + param + ".source' is not a usable image: " + e.getMessage());
    }
    throw GatewayException.badRequest(
        param + ".source.type",
        "'" + param + ".source.type' must be base64 or url, was '" + type + "'");
  }
}
