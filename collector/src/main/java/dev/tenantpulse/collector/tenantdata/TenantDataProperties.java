package dev.tenantpulse.collector.tenantdata;

import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The operator API for one tenant's data (export, erasure), under {@code
 * tenant-pulse.collector.tenant-data}. It writes, so it needs a warehouse user allowed to delete:
 * not the tenant reads' {@code tenant_reader}, whose row policies admit one tenant.
 *
 * @param warehouseUrl {@code jdbc:chdb:<dir>} or {@code jdbc:clickhouse://host:8123}; empty: the
 *     API answers 503
 */
@Validated
@ConfigurationProperties("tenant-pulse.collector.tenant-data")
public record TenantDataProperties(
    @DefaultValue("") String warehouseUrl,
    @DefaultValue("tenant_pulse") @Pattern(regexp = "[A-Za-z_][A-Za-z0-9_]{0,63}") String database,
    @DefaultValue("default") String user,
    @DefaultValue("") String password) {}
