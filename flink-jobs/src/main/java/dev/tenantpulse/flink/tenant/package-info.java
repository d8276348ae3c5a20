/**
 * Tenant state: a tenant's signups, plan changes and churns in event-time order ({@link
 * dev.tenantpulse.flink.tenant.TenantTimeline}) answering "plan at T" and "churned at T" for every
 * metric, and its current state as the {@code tenants} table holds it.
 */
package dev.tenantpulse.flink.tenant;
