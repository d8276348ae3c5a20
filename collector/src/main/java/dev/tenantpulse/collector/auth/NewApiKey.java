package dev.tenantpulse.collector.auth;

/**
 * A key just created: the only moment its secret exists outside the client.
 *
 * @param key the secret, to hand to the caller once; it is stored hashed only
 */
public record NewApiKey(String key, ApiKeyInfo info) {

  @Override
  public String toString() {
    return "NewApiKey[" + info + "]"; // never the secret, should anyone log it
  }
}
