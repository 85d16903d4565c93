package dev.socra.server.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A question's work key names its session, its number and, once the founder went back, which time:
 * a question asked again is resumed under its own key, never confused with the one it replaced.
 */
class TurnWorkTest {
  static final String ID = "0b7a3c9e-1f2d-4c5b-8a6e-9d0c1b2a3f4e";

  @Test
  void aQuestionAskedAgainAfterGoingBackHasAKeyOfItsOwn() {
    assertThat(SessionService.turnKey(ID, 3, 0)).isEqualTo(ID + "/turn/3");
    assertThat(SessionService.turnKey(ID, 3, 2)).isEqualTo(ID + "/turn/3/r2");
    assertThat(Resumer.TurnWork.parse(SessionService.turnKey(ID, 3, 0)))
        .contains(new Resumer.TurnWork(ID, 3, 0));
    assertThat(Resumer.TurnWork.parse(SessionService.turnKey(ID, 3, 2)))
        .contains(new Resumer.TurnWork(ID, 3, 2));
  }

  @Test
  void otherWorkIsNotTakenForAQuestion() {
    assertThat(Resumer.TurnWork.parse(ID + "/pipeline")).isEmpty();
    assertThat(Resumer.TurnWork.parse(ID + "/turn/x")).isEmpty();
    assertThat(Resumer.TurnWork.parse(ID + "/turn/3/rx")).isEmpty();
    assertThat(Resumer.TurnWork.parse(ID + "/turn/99999999999")).isEmpty();
  }
}
