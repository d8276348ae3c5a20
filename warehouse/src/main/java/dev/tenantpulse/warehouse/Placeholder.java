package dev.tenantpulse.warehouse;

final class Placeholder {}
