package dev.socra.app;

import dev.socra.llm.testkit.FakeProvider;
import dev.socra.llm.testkit.RateLimits;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code socra fake-provider}: a local server that speaks both wire formats and fails on command.
 */
@Command(
    name = "fake-provider",
    mixinStandardHelpOptions = true,
    description = {
      "Start a fake LLM provider on 127.0.0.1 that speaks the OpenAI and Anthropic wire formats"
          + " and misbehaves on command (chosen by model name, e.g. status=503 or cut-after=5)."
    })
final class FakeProviderCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      required = true,
      description = "Port to listen on (0 picks a free one).")
  int port;

  @Option(
      names = "--tpm",
      defaultValue = "0",
      description = "Tokens per minute it allows; 0 = unlimited.")
  int tpm;

  @Option(
      names = "--rpm",
      defaultValue = "0",
      description = "Requests per minute it allows; 0 = unlimited.")
  int rpm;

  @Option(
      names = "--token-delay-ms",
      defaultValue = "0",
      description = "Pause between streamed tokens, in milliseconds.")
  long tokenDelayMs;

  @Override
  public Integer call() throws Exception {
    if (port < 0 || port > 65535 || tpm < 0 || rpm < 0 || tokenDelayMs < 0) {
      throw new ParameterException(
          spec.commandLine(), "port, limits and delay must be non-negative (port at most 65535)");
    }
    try (FakeProvider fake = FakeProvider.start(port)) {
      fake.setLimits(new RateLimits(tpm, rpm));
      fake.setTokenDelay(Duration.ofMillis(tokenDelayMs));
      PrintWriter out = spec.commandLine().getOut();
      out.println("fake provider listening on 127.0.0.1:" + fake.port());
      out.println("  OpenAI-compatible base URL: " + fake.openAiBaseUrl());
      out.println("  Anthropic base URL:         " + fake.anthropicBaseUrl());
      out.println(
          "  attempts it has seen:       GET http://127.0.0.1:"
              + fake.port()
              + "/_control/attempts");
      out.println("Stop with Ctrl-C.");
      out.flush();
      new CountDownLatch(1).await();
    }
    return 0;
  }
}
