package dev.tenantpulse.flink.metrics;

import dev.tenantpulse.flink.sink.TableWriter;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The rows of one table: the stream, and how to write them.
 *
 * @param name the table name (also used for operator names)
 */
public record RowStream<T>(String name, DataStream<T> stream, TableWriter<T> writer) {}
