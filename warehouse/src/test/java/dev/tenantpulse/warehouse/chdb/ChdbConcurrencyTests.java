package dev.tenantpulse.warehouse.chdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Eight threads query at once, released together by a latch, and every answer is the one its own
 * question asked for: no result crosses to another thread, none is lost.
 */
class ChdbConcurrencyTests {

  private static final int THREADS = 8;
  private static final int QUERIES_PER_THREAD = 25;

  /** Each thread asks for its own sums and answers what it got; the caller checks them all. */
  private interface ConnectionFor {
    Connection get(int thread) throws SQLException;
  }

  private static List<long[]> runTogether(ConnectionFor connections) throws Exception {
    CountDownLatch ready = new CountDownLatch(THREADS);
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<long[]>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        Callable<long[]> work =
            () -> {
              Connection c = connections.get(thread);
              long[] answers = new long[QUERIES_PER_THREAD];
              try (PreparedStatement p =
                  c.prepareStatement("SELECT ? AS thread, sum(number) FROM numbers(?)")) {
                ready.countDown();
                go.await();
                for (int q = 0; q < QUERIES_PER_THREAD; q++) {
                  p.setInt(1, thread);
                  p.setLong(2, 1000L * thread + q);
                  try (ResultSet rs = p.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getInt("thread")).isEqualTo(thread);
                    answers[q] = rs.getLong(2);
                    assertThat(rs.next()).isFalse();
                  }
                }
              }
              return answers;
            };
        futures.add(pool.submit(work));
      }
      assertThat(ready.await(60, TimeUnit.SECONDS)).as("all threads ready").isTrue();
      go.countDown();
      List<long[]> results = new ArrayList<>();
      for (Future<long[]> f : futures) {
        results.add(f.get(120, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  private static void assertEveryAnswer(List<long[]> results) {
    assertThat(results).hasSize(THREADS);
    for (int t = 0; t < THREADS; t++) {
      for (int q = 0; q < QUERIES_PER_THREAD; q++) {
        long n = 1000L * t + q;
        assertThat(results.get(t)[q]).as("thread %d query %d", t, q).isEqualTo(n * (n - 1) / 2);
      }
    }
  }

  @Test
  void eightThreadsSharingOneConnectionEachGetTheirOwnAnswers() throws Exception {
    try (Connection shared = TestEngine.connect()) {
      assertEveryAnswer(runTogether(thread -> shared));
    }
  }

  @Test
  void eightThreadsWithTheirOwnConnectionsEachGetTheirOwnAnswers() throws Exception {
    List<Connection> connections = new ArrayList<>();
    try {
      for (int t = 0; t < THREADS; t++) {
        connections.add(TestEngine.connect());
      }
      assertEveryAnswer(runTogether(connections::get));
    } finally {
      for (Connection c : connections) {
        c.close();
      }
    }
  }
}
