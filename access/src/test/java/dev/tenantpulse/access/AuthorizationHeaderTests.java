package dev.tenantpulse.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuthorizationHeaderTests {

  @Test
  void readsBearerAndBasicInAnyCase() {
    assertThat(AuthorizationHeader.parse("bearer  tok "))
        .isEqualTo(new AuthorizationHeader.Bearer("tok"));
    assertThat(AuthorizationHeader.parse("BASIC " + Hostile.b64("ana:pa:ss wörd")))
        .isEqualTo(new AuthorizationHeader.Basic("ana", "pa:ss wörd"));
  }

  @Test
  void namesWhatIsWrongWithoutRepeatingTheValue() {
    for (String header : Hostile.headers(5, 300)) {
      if (AuthorizationHeader.parse(header) instanceof AuthorizationHeader.Malformed m) {
        assertThat(m.reason()).doesNotContain("not-base64", "no-colon", "Digest", "Negotiate");
        assertThat(m.reason().length()).isLessThan(120);
      }
    }
    assertThat(AuthorizationHeader.parse("Basic " + Hostile.b64(":")))
        .isInstanceOf(AuthorizationHeader.Malformed.class);
    assertThat(AuthorizationHeader.parse("Basic !!"))
        .isInstanceOf(AuthorizationHeader.Malformed.class);
    assertThat(AuthorizationHeader.parse("x".repeat(AuthorizationHeader.MAX_LENGTH + 1)))
        .isInstanceOf(AuthorizationHeader.Malformed.class);
    assertThat(AuthorizationHeader.parse(null)).isInstanceOf(AuthorizationHeader.Missing.class);
  }

  @Test
  void neverShowsSecretsInToString() {
    assertThat(AuthorizationHeader.parse("Basic " + Hostile.b64("ana:secret-pw")).toString())
        .doesNotContain("secret-pw");
    assertThat(AuthorizationHeader.parse("Bearer secret-tok").toString())
        .doesNotContain("secret-tok");
  }
}
