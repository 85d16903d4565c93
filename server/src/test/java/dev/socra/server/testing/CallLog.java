package dev.socra.server.testing;

import dev.socra.core.stub.DemoStages;
import dev.socra.llm.ChatRequest;
import dev.socra.llm.provider.stub.StubResponder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The stub's attempt log across server processes: every stub answer appends one line, {@code
 * <server>\t<session>\t<stage>}, to a file the processes share, before the answer is written, so a
 * SIGKILLed server's calls are in it too. Appends of one short line are atomic on Linux.
 */
public final class CallLog implements StubResponder {
  /** One stub call. */
  public record Call(String server, String session, String stage) {}

  private final Path file;
  private final String server;
  private final StubResponder answers = new DemoStages();

  public CallLog(Path file, String server) {
    this.file = file;
    this.server = server;
  }

  @Override
  public String answer(ChatRequest request) {
    String line =
        server
            + "\t"
            + request.tags().getOrDefault(ChatRequest.TAG_SESSION, "-")
            + "\t"
            + request.tags().getOrDefault(ChatRequest.TAG_STAGE, "-")
            + "\n";
    try {
      Files.writeString(
          file,
          line,
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND,
          StandardOpenOption.SYNC);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return answers.answer(request);
  }

  /** Every call logged in {@code file}, in order. */
  public static List<Call> read(Path file) throws IOException {
    List<Call> calls = new ArrayList<>();
    if (!Files.exists(file)) {
      return calls;
    }
    for (String line : Files.readAllLines(file)) {
      String[] f = line.split("\t");
      if (f.length == 3) {
        calls.add(new Call(f[0], f[1], f[2]));
      }
    }
    return calls;
  }
}
