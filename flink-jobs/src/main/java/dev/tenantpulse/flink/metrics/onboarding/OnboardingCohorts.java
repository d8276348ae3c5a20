package dev.tenantpulse.flink.metrics.onboarding;

import dev.tenantpulse.flink.metrics.EmitRange;
import dev.tenantpulse.flink.metrics.RowVersions;
import dev.tenantpulse.flink.metrics.UtcTime;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Onboarding cohorts from per-tenant onboarding facts: the logic of {@link
 * OnboardingCohortsFunction}, free of Flink.
 *
 * <p>Keeps every signed-up tenant's latest status (small: a few numbers per tenant) and the members
 * of each weekly cohort. A changed tenant marks its cohort (and, when a late earlier signup moved
 * it, its old cohort) dirty; {@link #flush} recomputes the dirty cohorts and emits the rows whose
 * values changed. A cohort left without members keeps its last row: the table has no way to delete
 * one, and that takes two signups of one tenant in different weeks.
 */
public final class OnboardingCohorts {

  private final EmitRange range;
  private final Map<String, OnboardingStatus> byTenant = new HashMap<>();
  private final Map<LocalDate, Set<String>> members = new HashMap<>();
  private final TreeSet<LocalDate> dirty = new TreeSet<>();
  private final Map<LocalDate, OnboardingCohortRow> emitted = new HashMap<>();

  public OnboardingCohorts(EmitRange range) {
    this.range = range;
  }

  public void onStatus(String tenant, OnboardingStatus status) {
    OnboardingStatus old = byTenant.put(tenant, status);
    LocalDate week = status.cohortWeek();
    if (old != null && !old.cohortWeek().equals(week)) {
      Set<String> oldMembers = members.get(old.cohortWeek());
      if (oldMembers != null) {
        oldMembers.remove(tenant);
      }
      dirty.add(old.cohortWeek());
    }
    members.computeIfAbsent(week, w -> new HashSet<>()).add(tenant);
    dirty.add(week);
  }

  /**
   * Drops an erased tenant: its cohort is written again without it at the next {@link #flush}. A
   * cohort it alone formed keeps its last row (as above); a recompute of the range deletes it.
   */
  public void forget(String tenant) {
    OnboardingStatus old = byTenant.remove(tenant);
    if (old == null) {
      return;
    }
    LocalDate week = old.cohortWeek();
    Set<String> weekMembers = members.get(week);
    if (weekMembers != null) {
      weekMembers.remove(tenant);
      if (weekMembers.isEmpty()) {
        members.remove(week);
        emitted.remove(week);
      }
    }
    dirty.add(week);
  }

  public boolean hasDirty() {
    return !dirty.isEmpty();
  }

  /** Emits the changed rows of the dirty cohorts. */
  public void flush(long now, Consumer<OnboardingCohortRow> out) {
    for (LocalDate week : dirty) {
      Set<String> tenants = members.getOrDefault(week, Set.of());
      if (tenants.isEmpty()) {
        continue;
      }
      OnboardingCohortRow row = cohort(week, tenants, RowVersions.NONE);
      OnboardingCohortRow old = emitted.get(week);
      if (row.sameValues(old)) {
        continue;
      }
      long version = RowVersions.next(old == null ? RowVersions.NONE : old.version(), now);
      row = cohort(week, tenants, version);
      emitted.put(week, row);
      if (range.contains(UtcTime.dayStart(week))) {
        out.accept(row);
      }
    }
    dirty.clear();
  }

  private OnboardingCohortRow cohort(LocalDate week, Set<String> tenants, long version) {
    List<Long> completion = new ArrayList<>(tenants.size());
    List<Long> value = new ArrayList<>(tenants.size());
    for (String tenant : tenants) {
      OnboardingStatus s = byTenant.get(tenant);
      completion.add(s.completionSeconds());
      value.add(s.valueSeconds());
    }
    long signups = tenants.size();
    return new OnboardingCohortRow(
        week,
        signups,
        StepStats.of(signups, completion),
        StepStats.of(signups, value),
        version == RowVersions.NONE ? null : Instant.ofEpochMilli(version),
        version);
  }

  /** Everything needed to continue after a restore, as Flink-serialisable values. */
  public record Snapshot(
      Map<String, OnboardingStatus> byTenant,
      List<LocalDate> dirty,
      List<OnboardingCohortRow> emitted) {}

  public Snapshot snapshot() {
    return new Snapshot(new HashMap<>(byTenant), List.copyOf(dirty), List.copyOf(emitted.values()));
  }

  public void restore(Snapshot s) {
    byTenant.clear();
    members.clear();
    dirty.clear();
    emitted.clear();
    s.byTenant()
        .forEach(
            (tenant, status) ->
                members.computeIfAbsent(status.cohortWeek(), w -> new HashSet<>()).add(tenant));
    byTenant.putAll(s.byTenant());
    dirty.addAll(s.dirty());
    s.emitted().forEach(r -> emitted.put(r.cohortWeek(), r));
  }
}
