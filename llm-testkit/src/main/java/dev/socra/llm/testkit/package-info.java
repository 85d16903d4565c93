/**
 * Fake LLM providers that speak the real wire formats and misbehave on command.
 *
 * <p>{@link dev.socra.llm.testkit.FakeProvider} serves OpenAI Chat Completions ({@code POST
 * /v1/chat/completions}, also {@code /chat/completions}; at Groq's {@code
 * /openai/v1/chat/completions} with Groq's rate-limit headers, whose request figures count per day,
 * and {@code x_groq}; at Gemini's {@code /v1beta/openai/chat/completions} with its array-wrapped
 * errors) and Anthropic Messages ({@code POST /v1/messages}) on loopback, plus {@code /_control/}
 * endpoints: {@code GET attempts}, {@code POST reset}, {@code POST behaviour} ({@code
 * {"model","directives"}}), {@code POST script} ({@code {"model","replies","systemContains"}}),
 * {@code POST limits} ({@code {"tpm","rpm","rpd"}}), {@code POST token-delay} ({@code {"ms"}}).
 *
 * <p>Strict: each path validates a request as its real API does ({@code OpenAiRules}, {@code
 * AnthropicRules}, {@code SchemaRules}: unknown fields, reasoning models' {@code max_tokens},
 * strict and Gemini schema subsets, Claude 4.6+'s ban on prefill, unpaired {@code tool_result}s, a
 * missing {@code max_tokens}) and refuses it in that API's words and shape; each rule cites its
 * source.
 *
 * <p>Time: {@link dev.socra.llm.testkit.FakeProvider#builder()} takes a clock and a {@link
 * dev.socra.llm.testkit.Sleeper}, or one {@link dev.socra.llm.testkit.VirtualTime} shared with the
 * router under test, so rate limits, dates and every wait of the fake follow the test's time.
 *
 * <p>Scripted replies: {@link dev.socra.llm.testkit.FakeProvider#script} makes a model name answer
 * with given texts, in order, the last repeating, instead of the canonical answer, e.g. the JSON a
 * structured-output call expects; {@link dev.socra.llm.testkit.FakeProvider#scriptWhen} does so
 * only for requests whose system prompt contains a text (rules checked in the order added, each
 * with its own place, the plain script as fallback). The reply goes through everything else
 * unchanged: streamed as tokens that concatenate to the exact text, usage counted, continued after
 * a prefill it starts with, cut by max tokens (not by {@code tokens=N}); a fault that strikes
 * replaces it without using it up.
 *
 * <p>A model name is a list of {@code +}-separated directives; items that are not directives are
 * ignored, so a real model name behaves normally:
 *
 * <ul>
 *   <li>{@code tokens=N} answer length (default 12), capped by the request's max tokens; {@code
 *       no-usage} omits usage everywhere. These two stay in force after {@code times}.
 *   <li>{@code times=K} every other directive applies only to the first K requests for this model
 *       name that got past rate limiting.
 *   <li>{@code streams-only} every other directive applies to streamed requests only; whole answers
 *       are served normally and not counted by {@code times}.
 *   <li>{@code status=N} the provider's error body for N; {@code code=X} picks the error
 *       (context_length_exceeded, insufficient_quota, content_filter, or any code) and implies its
 *       status; {@code retry-after=S}, {@code retry-after-date=S}, {@code retry-after-ms=MS} add
 *       the header; {@code groq-wait=7.66s} Groq's "Please try again in" message; {@code
 *       gemini-retry=34s} Gemini's array-rooted body with RetryInfo. A retry hint alone implies
 *       429.
 *   <li>{@code reset} TCP reset after reading the request; {@code hang} never answers; {@code
 *       hang=MS} says nothing for MS (on the fake's sleeper), then closes without a byte.
 *   <li>{@code slow-first=MS} headers at once, events after MS; {@code stall-after=N}, {@code
 *       cut-after=N}, {@code malformed-after=N} after N tokens stop sending, close abruptly, or
 *       send a non-JSON event; {@code no-done} ends cleanly without [DONE] / message_stop; {@code
 *       idle-after-finish} sends the whole stream up to the finish reason (and usage chunk), then
 *       nothing more, not even the end of the chunked body, and keeps the connection open; {@code
 *       inband-error=TYPE} with {@code inband-after=N} an error event inside the 200 stream.
 *   <li>{@code echo-key} 401 whose message quotes the request's whole API key, as real providers
 *       have done; with {@code inband-error} on a stream, the in-band error's message quotes it
 *       instead. The attempt log still records only whether a key was present.
 *   <li>{@code error-in-200=STATUS} a 200 whose body is an error; {@code not-json} a 200 HTML page
 *       (or garbage stream).
 *   <li>{@code reject-prefill} 400 for a request ending in an assistant message; {@code
 *       strict-prefill} (Anthropic) 400 when that prefill ends in whitespace, as the real API does.
 *   <li>{@code refusal} the model refuses (OpenAI's {@code refusal} field, {@code delta.refusal}
 *       when streamed; Anthropic's {@code stop_reason: refusal}); {@code groq-error=TEXT} (with
 *       {@code inband-after=N}) a stream stopped by a chunk whose {@code x_groq.error} says why;
 *       {@code gemini-quota=minute|day|zero} Gemini's 429 for a per-minute, per-day or tier ({@code
 *       limit: 0}) quota; {@code slow-end=MS} the usage chunk and end marker MS after the finish
 *       reason.
 * </ul>
 *
 * <p>Precedence when several apply: reset, hang, echo-key, prefill rejection, status, error-in-200,
 * not-json, then the stream faults.
 */
package dev.socra.llm.testkit;
