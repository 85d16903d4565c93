package dev.socra.core.persona;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socra.core.pipeline.Specialist;
import org.junit.jupiter.api.Test;

/** Every request core builds carries its stage's temperature for the router to send. */
class SamplingTest {
  final Prompts prompts = new Prompts("default");

  @Test
  void theTribunalIsAskedAtTemperatureZeroAndTheDevilsAdvocateWithMoreRoom() {
    assertThat(prompts.tribunal("brief", "findings", "critique").sampling().temperature())
        .isEqualTo(0.0);
    assertThat(prompts.devilsAdvocate("brief", "findings").sampling().temperature()).isEqualTo(0.5);
    assertThat(prompts.specialist(Specialist.values()[0], "brief").sampling().temperature())
        .isEqualTo(Sampling.temperature(Stage.of(Specialist.values()[0])));
  }
}
