package dev.tenantpulse.tenancy;

final class Placeholder {}
