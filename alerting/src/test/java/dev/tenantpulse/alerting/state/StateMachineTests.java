package dev.tenantpulse.alerting.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantpulse.alerting.evaluation.Observation;
import dev.tenantpulse.alerting.notify.NotificationKind;
import dev.tenantpulse.alerting.rules.Labels;
import dev.tenantpulse.alerting.rules.Rule;
import dev.tenantpulse.alerting.support.TestRules;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Every transition of inactive → pending → firing → resolved and no_data, without a database. */
class StateMachineTests {

  static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
  static final Labels L = Labels.of("plan", "starter");

  Rule rule = TestRules.rule("r", "kind: active_tenants_drop\nfor: 10m\nrepeat_interval: 1h");
  AlertInstance state = AlertInstance.fresh("r", L, T0);
  Instant now = T0;

  private Decision step(Observation.Outcome outcome, boolean silenced) {
    Decision d =
        StateMachine.step(state, new Observation(L, outcome, 0.3, "summary"), rule, now, silenced);
    state = d.next();
    return d;
  }

  private Decision met() {
    return step(Observation.Outcome.MET, false);
  }

  private Decision notMet() {
    return step(Observation.Outcome.NOT_MET, false);
  }

  private void after(Duration d) {
    now = now.plus(d);
  }

  @Test
  void firesOnlyAfterTheConditionHeldForTheForDuration() {
    assertThat(met().notifications()).isEmpty();
    assertThat(state.status()).isEqualTo(AlertStatus.PENDING);
    after(Duration.ofMinutes(9));
    assertThat(met().notifications()).isEmpty();
    after(Duration.ofMinutes(1));
    Decision fired = met();
    assertThat(state.status()).isEqualTo(AlertStatus.FIRING);
    assertThat(fired.notifications())
        .containsExactly(new Decision.Notify(NotificationKind.FIRING, 1, 0, false));
    assertThat(state.episodeStartedAt()).isEqualTo(now);
  }

  @Test
  void aConditionThatStopsWhilePendingReturnsToInactiveSilently() {
    met();
    after(Duration.ofMinutes(5));
    Decision d = notMet();
    assertThat(state.status()).isEqualTo(AlertStatus.INACTIVE);
    assertThat(d.notifications()).isEmpty();
    assertThat(d.changes())
        .containsExactly(
            new Decision.Change(AlertStatus.PENDING, AlertStatus.INACTIVE, false, false));
  }

  @Test
  void forZeroFiresAtOnce() {
    rule = TestRules.rule("r", "kind: active_tenants_drop\nfor: 0s");
    assertThat(met().notifications()).hasSize(1);
    assertThat(state.status()).isEqualTo(AlertStatus.FIRING);
  }

  @Test
  void repeatsWhileFiringOncePerRepeatInterval() {
    met();
    after(Duration.ofMinutes(10));
    met(); // fires, index 0
    after(Duration.ofMinutes(59));
    assertThat(met().notifications()).isEmpty();
    after(Duration.ofMinutes(1));
    assertThat(met().notifications())
        .containsExactly(new Decision.Notify(NotificationKind.FIRING, 1, 1, false));
    after(Duration.ofMinutes(60));
    assertThat(met().notifications())
        .containsExactly(new Decision.Notify(NotificationKind.FIRING, 1, 2, false));
  }

  @Test
  void resolvesWithANotificationOfTheSameEpisode() {
    met();
    after(Duration.ofMinutes(10));
    met();
    after(Duration.ofMinutes(5));
    Decision d = notMet();
    assertThat(state.status()).isEqualTo(AlertStatus.RESOLVED);
    assertThat(d.notifications())
        .containsExactly(new Decision.Notify(NotificationKind.RESOLVED, 1, 0, false));
  }

  @Test
  void aSecondFiringIsANewEpisode() {
    rule = TestRules.rule("r", "kind: active_tenants_drop\nfor: 0s");
    met();
    notMet();
    assertThat(met().notifications())
        .containsExactly(new Decision.Notify(NotificationKind.FIRING, 2, 0, false));
  }

  @Test
  void aSilencedFiringIsNotSentButNotifiedOnceTheSilenceEnds() {
    rule = TestRules.rule("r", "kind: active_tenants_drop\nfor: 0s\nrepeat_interval: 4h");
    Decision silenced = step(Observation.Outcome.MET, true);
    assertThat(state.status()).isEqualTo(AlertStatus.FIRING);
    assertThat(silenced.notifications())
        .containsExactly(new Decision.Notify(NotificationKind.FIRING, 1, 0, true));
    assertThat(silenced.changes().get(0).silenced()).isTrue();
    after(Duration.ofMinutes(5));
    assertThat(step(Observation.Outcome.MET, true).notifications()).isEmpty();
    after(Duration.ofMinutes(5));
    assertThat(met().notifications())
        .containsExactly(new Decision.Notify(NotificationKind.FIRING, 1, 0, false));
  }

  @Test
  void anEpisodeNeverNotifiedResolvesWithoutANotification() {
    rule = TestRules.rule("r", "kind: active_tenants_drop\nfor: 0s");
    step(Observation.Outcome.MET, true);
    Decision d = step(Observation.Outcome.NOT_MET, true);
    assertThat(state.status()).isEqualTo(AlertStatus.RESOLVED);
    assertThat(d.notifications()).isEmpty();
  }

  @Test
  void aNotifiedEpisodeResolvesEvenWhenSilencedMeanwhile() {
    rule = TestRules.rule("r", "kind: active_tenants_drop\nfor: 0s");
    met();
    Decision d = step(Observation.Outcome.NOT_MET, true);
    assertThat(d.notifications())
        .containsExactly(new Decision.Notify(NotificationKind.RESOLVED, 1, 0, false));
  }

  @Test
  void noDataIsItsOwnEpisodeRepeatedAndResolvedWhenDataReturns() {
    Decision first = step(Observation.Outcome.NO_DATA, false);
    assertThat(state.status()).isEqualTo(AlertStatus.NO_DATA);
    assertThat(first.notifications())
        .containsExactly(new Decision.Notify(NotificationKind.NO_DATA, 1, 0, false));
    after(Duration.ofMinutes(30));
    assertThat(step(Observation.Outcome.NO_DATA, false).notifications()).isEmpty();
    after(Duration.ofMinutes(30));
    assertThat(step(Observation.Outcome.NO_DATA, false).notifications())
        .containsExactly(new Decision.Notify(NotificationKind.NO_DATA, 1, 1, false));

    // Data is back and the condition holds: no-data resolves and pending starts in one step.
    Decision back = met();
    assertThat(back.notifications())
        .containsExactly(new Decision.Notify(NotificationKind.RESOLVED, 1, 0, false, true));
    assertThat(back.changes())
        .extracting(Decision.Change::to)
        .containsExactly(AlertStatus.RESOLVED, AlertStatus.PENDING);
    assertThat(state.status()).isEqualTo(AlertStatus.PENDING);
  }

  @Test
  void waitingForFirstDataChangesNothingAndNotifiesNobody() {
    Decision d = step(Observation.Outcome.WAITING, false);

    assertThat(d.changes()).isEmpty();
    assertThat(d.notifications()).isEmpty();
    assertThat(state.status()).isEqualTo(AlertStatus.INACTIVE);
    assertThat(state.summary()).isEqualTo("summary");

    met();
    after(Duration.ofMinutes(10));
    met(); // firing
    assertThat(step(Observation.Outcome.WAITING, false).changes()).isEmpty();
    assertThat(state.status()).isEqualTo(AlertStatus.FIRING);
  }

  @Test
  void noRowYetThatNoGraceCoversIsNoData() {
    Decision d = step(Observation.Outcome.NO_ROW_YET, false);

    assertThat(state.status()).isEqualTo(AlertStatus.NO_DATA);
    assertThat(d.notifications())
        .containsExactly(new Decision.Notify(NotificationKind.NO_DATA, 1, 0, false));
  }

  @Test
  void noDataWhileFiringStartsANoDataEpisode() {
    rule = TestRules.rule("r", "kind: active_tenants_drop\nfor: 0s");
    met();
    Decision d = step(Observation.Outcome.NO_DATA, false);
    assertThat(d.notifications())
        .containsExactly(new Decision.Notify(NotificationKind.NO_DATA, 2, 0, false));
    assertThat(d.changes())
        .containsExactly(new Decision.Change(AlertStatus.FIRING, AlertStatus.NO_DATA, true, false));
  }

  @Test
  void remembersTheLatestValueAndSummary() {
    StateMachine.step(state, Observation.notMet(L, 0.05, "fine"), rule, now, false);
    Decision d = StateMachine.step(state, Observation.met(L, 0.42, "bad"), rule, now, false);
    assertThat(d.next().value()).isEqualTo(0.42);
    assertThat(d.next().summary()).isEqualTo("bad");
  }
}
