package dev.tenantpulse.alerting.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tenantpulse.alerting.rules.Durations;
import dev.tenantpulse.alerting.rules.RulesRepository;
import dev.tenantpulse.alerting.silences.Silence;
import dev.tenantpulse.alerting.silences.SilenceStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Silences: {@code POST /api/silences} creates one (rule and/or label matchers, start, end or
 * duration, comment, author), {@code GET /api/silences} lists the active and pending ones ({@code
 * all=true}: recently expired too), {@code DELETE /api/silences/{id}} ends one now.
 */
@RestController
class SilencesController {

  static final Duration MAX_DURATION = Duration.ofDays(90);

  /** The body of {@code POST /api/silences}. */
  record NewSilence(
      String rule,
      Map<String, String> matchers,
      @JsonProperty("starts_at") Instant startsAt,
      @JsonProperty("ends_at") Instant endsAt,
      String duration,
      String comment,
      @JsonProperty("created_by") String createdBy) {}

  private final SilenceStore silences;
  private final RulesRepository rules;
  private final Clock clock;

  SilencesController(SilenceStore silences, RulesRepository rules, Clock clock) {
    this.silences = silences;
    this.rules = rules;
    this.clock = clock;
  }

  @PostMapping("/api/silences")
  ResponseEntity<Map<String, Object>> create(@RequestBody NewSilence request) {
    Instant now = clock.instant();
    Silence silence = validate(request, now);
    silences.insert(silence);
    return ResponseEntity.status(HttpStatus.CREATED).body(view(silence, now));
  }

  @GetMapping("/api/silences")
  List<Map<String, Object>> list(@RequestParam(defaultValue = "false") boolean all) {
    Instant now = clock.instant();
    Instant since = all ? now.minus(Duration.ofDays(7)) : now;
    return silences.endingAfter(since).stream().map(s -> view(s, now)).toList();
  }

  @GetMapping("/api/silences/{id}")
  Map<String, Object> get(@PathVariable String id) {
    return view(
        silences.find(id).orElseThrow(() -> ApiException.notFound("no silence " + id)),
        clock.instant());
  }

  @DeleteMapping("/api/silences/{id}")
  Map<String, Object> expire(@PathVariable String id) {
    Instant now = clock.instant();
    Silence s = silences.find(id).orElseThrow(() -> ApiException.notFound("no silence " + id));
    silences.expire(id, now);
    return view(silences.find(id).orElse(s), now);
  }

  private Silence validate(NewSilence r, Instant now) {
    if (r == null) {
      throw ApiException.badRequest("malformed_body", "send a silence as a JSON object");
    }
    List<String> problems = new ArrayList<>();
    if (r.rule() != null && rules.current().rule(r.rule()).isEmpty()) {
      problems.add("rule: no rule named '" + r.rule() + "'");
    }
    Map<String, String> matchers = r.matchers() == null ? Map.of() : r.matchers();
    matchers.forEach(
        (name, value) -> {
          if (name.isBlank() || value == null || value.isBlank()) {
            problems.add("matchers: '" + name + "' needs a non-empty name and value");
          }
        });
    if (r.rule() == null && matchers.isEmpty()) {
      problems.add("rule or matchers: a silence needs a rule, label matchers, or both");
    }
    if (r.comment() == null || r.comment().isBlank()) {
      problems.add("comment: say why (e.g. the incident or maintenance)");
    }
    if (r.createdBy() == null || r.createdBy().isBlank()) {
      problems.add("created_by: say who silences");
    }
    Instant starts = r.startsAt() == null ? now : r.startsAt();
    Instant ends = r.endsAt();
    if (r.duration() != null) {
      if (ends != null) {
        problems.add("duration: give ends_at or duration, not both");
      } else {
        try {
          ends = starts.plus(Durations.parse(r.duration()));
        } catch (IllegalArgumentException e) {
          problems.add("duration: " + e.getMessage());
        }
      }
    }
    if (ends == null && r.duration() == null) {
      problems.add("ends_at or duration: a silence must end");
    } else if (ends != null) {
      if (!ends.isAfter(starts)) {
        problems.add("ends_at: must be after starts_at");
      } else if (!ends.isAfter(now)) {
        problems.add("ends_at: must be in the future");
      } else if (Duration.between(starts, ends).compareTo(MAX_DURATION) > 0) {
        problems.add("ends_at: a silence lasts at most 90 days");
      }
    }
    if (!problems.isEmpty()) {
      throw new ApiException(
          HttpStatus.BAD_REQUEST,
          "invalid_silence",
          String.join("; ", problems),
          Map.of("problems", problems));
    }
    return new Silence(
        UUID.randomUUID().toString(),
        r.rule(),
        matchers,
        starts,
        ends,
        r.comment().strip(),
        r.createdBy().strip(),
        now);
  }

  static Map<String, Object> view(Silence s, Instant now) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("id", s.id());
    v.put("rule", s.rule());
    v.put("matchers", s.matchers());
    v.put("starts_at", s.startsAt());
    v.put("ends_at", s.endsAt());
    v.put("state", s.state(now));
    v.put("comment", s.comment());
    v.put("created_by", s.createdBy());
    v.put("created_at", s.createdAt());
    return v;
  }
}
