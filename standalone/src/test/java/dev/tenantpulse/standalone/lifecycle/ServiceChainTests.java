package dev.tenantpulse.standalone.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceChainTests {

  private final List<String> events = new ArrayList<>();
  private final ByteArrayOutputStream terminal = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(terminal, true, StandardCharsets.UTF_8);

  private Service service(String name, Service.Started result, boolean failToStart) {
    return new Service() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Started start() {
        events.add("start " + name);
        if (failToStart) {
          throw new IllegalStateException("port 8080 is taken");
        }
        return result;
      }

      @Override
      public void stop() {
        events.add("stop " + name);
      }
    };
  }

  @Test
  void startsInOrderWithAProgressLineEachAndStopsInReverse() {
    ServiceChain chain =
        new ServiceChain(
            List.of(
                service("Kafka", Service.Started.at("127.0.0.1:9092"), false),
                service("Flink", Service.Started.skipped("no job"), false),
                service("Collector", Service.Started.at("http://127.0.0.1:8080"), false)),
            out);

    chain.start();
    chain.stop();
    chain.stop(); // a second stop (shutdown hook after a failed start) does nothing

    assertThat(events)
        .containsExactly(
            "start Kafka", "start Flink", "start Collector", "stop Collector", "stop Kafka");
    String text = terminal.toString(StandardCharsets.UTF_8);
    assertThat(text).containsPattern("\\[1/3\\] Kafka … ready in \\d+\\.\\d s at 127.0.0.1:9092");
    assertThat(text).contains("[2/3] Flink … not started: no job");
    assertThat(text).contains("[3/3] Collector … ready in");
  }

  @Test
  void aFailedStartStopsWhatStartedBeforeItAndNamesTheCulprit() {
    ServiceChain chain =
        new ServiceChain(
            List.of(
                service("Kafka", Service.Started.at("x"), false),
                service("Collector", Service.Started.at("y"), true),
                service("Console", Service.Started.at("z"), false)),
            out);

    assertThatThrownBy(chain::start)
        .isInstanceOf(ServiceChain.StartFailure.class)
        .hasMessage("Collector failed to start: port 8080 is taken");
    assertThat(events).containsExactly("start Kafka", "start Collector", "stop Kafka");
    assertThat(terminal.toString(StandardCharsets.UTF_8)).contains("[2/3] Collector … FAILED");
  }
}
