package dev.tenantpulse.kafka.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Keeps a second broker, in this JVM or another process, off a data directory in use. Kafka's own
 * lock ({@code .lock}, taken by the broker's LogManager) comes too late in combined mode: the
 * controller has already appended to {@code __cluster_metadata} by then, and two processes doing so
 * corrupt it (seen here: {@code CorruptRecordException}, then Kafka halts the JVM).
 */
final class DataDirLock implements AutoCloseable {

  static final String FILE_NAME = "embedded-kafka.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private DataDirLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  static DataDirLock acquire(Path dataDir) {
    Path file = dataDir.resolve(FILE_NAME);
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open " + file, e);
    }
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null; // held by another broker of this JVM
    } catch (IOException e) {
      closeQuietly(channel);
      throw new UncheckedIOException("Cannot lock " + file, e);
    }
    if (lock == null) {
      closeQuietly(channel);
      throw new EmbeddedKafkaException(
          "Kafka data directory " + dataDir + " is in use by another broker (" + file + ")");
    }
    return new DataDirLock(channel, lock);
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot release the lock on the Kafka data directory", e);
    }
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // Already failing with a clearer message.
    }
  }
}
