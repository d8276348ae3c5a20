package dev.tenantpulse.scenario.io;

import dev.tenantpulse.scenario.generate.ScenarioEvent;
import dev.tenantpulse.tenancy.events.EventCodec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * Arrivals as JSON lines: one arrival per line, in arrival order, the event in its {@link
 * EventCodec} form with three more fields, {@code received_at}, {@code duplicate} and {@code late}.
 * The collector and the codec ignore fields they do not know, so each line is also a valid event as
 * it stands.
 */
public final class ScenarioJsonLines {

  private static final byte[] NEWLINE = {'\n'};

  private final EventCodec codec = new EventCodec();

  /** Writes {@code arrivals} to {@code out} (not closed). */
  public void write(Iterable<ScenarioEvent> arrivals, OutputStream out) throws IOException {
    for (ScenarioEvent arrival : arrivals) {
      out.write(line(arrival));
      out.write(NEWLINE);
    }
  }

  public void write(Iterable<ScenarioEvent> arrivals, Path file) {
    try (OutputStream out =
        new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      write(arrivals, out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write scenario to " + file, e);
    }
  }

  /** One line without its newline, UTF-8. */
  public byte[] line(ScenarioEvent arrival) {
    byte[] event = codec.encode(arrival.event());
    // The encoded event is one object: its closing brace is the last byte.
    byte[] extra =
        (",\"received_at\":\""
                + DateTimeFormatter.ISO_INSTANT.format(arrival.receivedAt())
                + "\",\"duplicate\":"
                + arrival.duplicate()
                + ",\"late\":"
                + arrival.late()
                + "}")
            .getBytes(StandardCharsets.UTF_8);
    byte[] line = new byte[event.length - 1 + extra.length];
    System.arraycopy(event, 0, line, 0, event.length - 1);
    System.arraycopy(extra, 0, line, event.length - 1, extra.length);
    return line;
  }

  /** Parses one line written by {@link #line}. */
  public ScenarioEvent parse(String line) {
    JsonNode json = EventCodec.jsonMapper().readTree(line);
    JsonNode receivedAt = json.get("received_at");
    if (receivedAt == null || !receivedAt.isString()) {
      throw new IllegalArgumentException("scenario line lacks received_at: " + line);
    }
    return new ScenarioEvent(
        codec.decode(line),
        Instant.parse(receivedAt.asString()),
        json.path("duplicate").asBoolean(false),
        json.path("late").asBoolean(false));
  }

  /** Reads every line of {@code file} in order, one at a time. */
  public void forEach(Path file, Consumer<ScenarioEvent> action) {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        if (!line.isBlank()) {
          action.accept(parse(line));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read scenario from " + file, e);
    }
  }

  public List<ScenarioEvent> read(Path file) {
    List<ScenarioEvent> arrivals = new ArrayList<>();
    forEach(file, arrivals::add);
    return arrivals;
  }
}
