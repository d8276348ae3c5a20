package dev.tenantpulse.standalone.console.pages;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The console's pages: static HTML from {@code console-web/} in the jar; everything they show comes
 * from the API after login, so the pages themselves are open to anyone who can reach the port.
 * Their scripts and styles are served under {@code /assets/}.
 */
@Controller
class PagesController {

  static final String ROOT = "console-web/";

  @GetMapping("/")
  ResponseEntity<Resource> boards() {
    return page("index.html");
  }

  @GetMapping("/login")
  ResponseEntity<Resource> login() {
    return page("login.html");
  }

  @GetMapping("/d/{uid}")
  ResponseEntity<Resource> board(@PathVariable String uid) {
    return page("board.html");
  }

  @GetMapping("/alerts")
  ResponseEntity<Resource> alerts() {
    return page("alerts.html");
  }

  private static ResponseEntity<Resource> page(String file) {
    return ResponseEntity.ok()
        .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
        .header(HttpHeaders.CACHE_CONTROL, "no-cache")
        .body(new ClassPathResource(ROOT + file));
  }
}
