-- Runs once, on the first start of an empty PostgreSQL volume: one database per service.
CREATE DATABASE collector OWNER tenant_pulse;
CREATE DATABASE alerting OWNER tenant_pulse;
CREATE DATABASE billing OWNER tenant_pulse;
