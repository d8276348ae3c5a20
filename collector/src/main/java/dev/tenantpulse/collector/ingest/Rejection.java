package dev.tenantpulse.collector.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Why one event of a batch was not accepted.
 *
 * @param index its position in the request's event list
 * @param id its id when it had a readable one
 * @param error every problem as one readable line
 * @param fields the fields at fault, for programs
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Rejection(int index, String id, String error, List<String> fields) {}
