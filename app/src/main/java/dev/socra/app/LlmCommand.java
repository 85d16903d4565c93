package dev.socra.app;

import dev.socra.llm.ChatRequest;
import dev.socra.llm.ChatResponse;
import dev.socra.llm.LlmCallException;
import dev.socra.llm.ResponseFormat;
import dev.socra.llm.Router;
import dev.socra.llm.TokenSink;
import dev.socra.llm.config.ConfigLoader;
import dev.socra.llm.event.RouterEvent;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code socra llm}: one call through the chain, for trying a configuration by hand or in scripts.
 */
@Command(
    name = "llm",
    mixinStandardHelpOptions = true,
    description = "Send one prompt through the router and print the answer.",
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {
      "0:the answer is complete",
      "1:every target failed (the real cause is printed)",
      "2:bad usage or bad configuration"
    })
final class LlmCommand implements Callable<Integer>, SocraCommand.EnvironmentAware {
  static final int PROMPT_LIMIT = 1_000_000;

  private final Map<String, String> env;

  @Spec CommandSpec spec;

  @Option(names = "--stream", description = "Print the answer as it arrives.")
  boolean stream;

  @Option(names = "--system", paramLabel = "TEXT", description = "A system prompt.")
  String system;

  @Option(
      names = "--max-tokens",
      paramLabel = "N",
      defaultValue = "1024",
      description = "Longest answer, in tokens (default ${DEFAULT-VALUE}).")
  int maxTokens;

  @Option(
      names = "--json",
      description =
          "Print one JSON object: the text, the target that served it, usage, cost and every"
              + " attempt. With --stream the call streams, and the object is printed at the end.")
  boolean json;

  @Option(names = "--trace", description = "Write the route and one line per attempt to stderr.")
  boolean trace;

  @Option(
      names = "--route",
      paramLabel = "NAME",
      defaultValue = "default",
      description = "The named route to use (default ${DEFAULT-VALUE}).")
  String route;

  @Parameters(
      arity = "1..*",
      paramLabel = "PROMPT",
      description = "The prompt; '-' reads it from standard input.")
  List<String> prompt;

  LlmCommand(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public Integer call() throws IOException {
    String text =
        prompt.size() == 1 && prompt.getFirst().equals("-")
            ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
            : String.join(" ", prompt);
    if (text.isBlank()) {
      throw new ParameterException(spec.commandLine(), "the prompt is empty");
    }
    if (text.length() > PROMPT_LIMIT) {
      throw new ParameterException(
          spec.commandLine(), "the prompt is longer than " + PROMPT_LIMIT + " characters");
    }
    if (maxTokens <= 0) {
      throw new ParameterException(spec.commandLine(), "--max-tokens must be positive");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ChatRequest request =
        ChatRequest.of(text)
            .withSystem(system)
            .withMaxTokens(maxTokens)
            .withRoute(route)
            .withFormat(ResponseFormat.TEXT);
    try (Router router = Router.create(ConfigLoader.load(env))) {
      if (!router.config().routes().containsKey(route)) {
        throw new ParameterException(
            spec.commandLine(),
            "no route named '"
                + route
                + "' (routes: "
                + String.join(", ", router.config().routes().keySet())
                + ")");
      }
      if (trace) {
        err.print(router.describe().render());
        err.flush();
        router.addListener(
            event -> {
              if (event instanceof RouterEvent.AttemptFinished a) {
                err.println("trace: " + a.attempt().summary());
                err.flush();
              }
            });
      }
      TokenSink sink =
          stream && !json
              ? token -> {
                out.print(token);
                out.flush();
              }
              : TokenSink.IGNORE;
      try {
        ChatResponse response = stream ? router.stream(request, sink) : router.complete(request);
        if (json) {
          out.println(AttemptJson.success(response));
        } else if (stream) {
          out.println();
        } else {
          out.println(response.text());
        }
        out.flush();
        return 0;
      } catch (LlmCallException e) {
        if (stream && !json && !e.partialText().isEmpty()) {
          out.println();
          out.flush();
        }
        if (json) {
          out.println(AttemptJson.failure(e));
          out.flush();
        }
        err.println("socra: " + e.getMessage());
        err.flush();
        return SocraCommand.EXIT_FAILED;
      }
    }
  }
}
