package dev.tenantpulse.warehouse.chdb;

import java.io.IOException;
import java.nio.ByteBuffer;

/** Where a streamed result goes, one engine block at a time. */
@FunctionalInterface
public interface ResultChunks {

  /**
   * Takes the next chunk of output. The buffer is the engine's own memory and valid only during
   * this call: copy what must outlive it.
   */
  void write(ByteBuffer chunk) throws IOException;
}
