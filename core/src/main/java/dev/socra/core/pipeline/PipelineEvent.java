package dev.socra.core.pipeline;

import dev.socra.core.persona.Stage;
import dev.socra.core.session.StageUsage;
import java.time.Duration;

/** Progress of the pipeline, stage by stage: the terminal's live lines now, the web UI later. */
public sealed interface PipelineEvent {
  Stage stage();

  record Queued(Stage stage) implements PipelineEvent {}

  record Started(Stage stage) implements PipelineEvent {}

  /** Already done in an earlier run of this session: not redone. */
  record Reused(Stage stage) implements PipelineEvent {}

  /** Done, with the provider(s) that served it and whether it was retried elsewhere. */
  record Finished(Stage stage, StageUsage usage, Duration took) implements PipelineEvent {}

  record Failed(Stage stage, String reason) implements PipelineEvent {}
}
