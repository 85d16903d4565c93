package dev.socra.server.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.socra.server.account.SocraUser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Optional;

/**
 * What {@code socra user add}, {@code socra token create} and {@code socra credits grant} ask a
 * running server over its admin socket, and its answer: one line of JSON each way.
 *
 * @param command {@link #USER_ADD}, {@link #TOKEN_CREATE} or {@link #CREDITS_GRANT}
 * @param password for {@code user-add}
 * @param label for {@code token-create}
 * @param credits for {@code credits-grant}
 * @param reason for {@code credits-grant}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record AdminRequest(
    String command, String name, String password, String label, Integer credits, String reason) {
  static final String USER_ADD = "user-add";
  static final String TOKEN_CREATE = "token-create";
  static final String CREDITS_GRANT = "credits-grant";

  /** A request is small: a name, a password of at most 200 characters, a label. */
  static final int MAX_BYTES = 8 * 1024;

  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /**
   * The server's answer.
   *
   * @param outcome {@code done}, {@code refused} (the request cannot be done as asked: exit code 2)
   *     or {@code failed} (the server could not: exit code 1)
   * @param message why, for a person, when not done
   * @param userCreated whether the user was made by this request
   * @param token the new API token, for {@code token-create}
   * @param balance the user's credits after a {@code credits-grant}
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Answer(
      String outcome,
      String message,
      String userId,
      String userName,
      Boolean admin,
      Boolean userCreated,
      String token,
      Long balance) {
    static Answer done(SocraUser u, boolean created, String token) {
      return new Answer("done", null, u.id(), u.name(), u.admin(), created, token, null);
    }

    static Answer granted(SocraUser u, long balance) {
      return new Answer("done", null, u.id(), u.name(), u.admin(), false, null, balance);
    }

    static Answer refused(String message) {
      return new Answer("refused", message, null, null, null, null, null, null);
    }

    static Answer failed(String message) {
      return new Answer("failed", message, null, null, null, null, null, null);
    }

    SocraUser user() {
      return new SocraUser(userId, userName, Boolean.TRUE.equals(admin));
    }
  }

  static void write(SocketChannel c, Object value) throws IOException {
    byte[] line =
        (JSON.writeValueAsString(value) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.wrap(line);
    while (b.hasRemaining()) {
      c.write(b);
    }
  }

  static Optional<AdminRequest> read(SocketChannel c) throws IOException {
    return readLine(c).map(l -> parse(l, AdminRequest.class));
  }

  static Optional<Answer> answer(SocketChannel c) throws IOException {
    return readLine(c).map(l -> parse(l, Answer.class));
  }

  private static <T> T parse(String line, Class<T> type) {
    try {
      return JSON.readValue(line, type);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** One line, at most {@link #MAX_BYTES}; empty when the other side closed first. */
  private static Optional<String> readLine(SocketChannel c) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    ByteBuffer b = ByteBuffer.allocate(1024);
    while (line.size() <= MAX_BYTES) {
      b.clear();
      int n = c.read(b);
      if (n < 0) {
        return Optional.empty();
      }
      for (int i = 0; i < n; i++) {
        byte x = b.get(i);
        if (x == '\n') {
          return Optional.of(line.toString(java.nio.charset.StandardCharsets.UTF_8));
        }
        line.write(x);
      }
    }
    throw new IOException("a request longer than " + MAX_BYTES + " bytes");
  }
}
