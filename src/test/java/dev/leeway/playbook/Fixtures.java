package dev.leeway.playbook;

import dev.leeway.config.AuthorityLoader;
import dev.leeway.config.AuthorityMatrix;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** The small test playbook and authority matrix under src/test/resources. */
final class Fixtures {

  private Fixtures() {}

  static AuthorityMatrix authority() {
    return AuthorityLoader.load(resource("/authority-fixture.yaml")).orElseThrow();
  }

  static Path playbooksDir() {
    return resource("/playbooks-fixture");
  }

  private static Path resource(String name) {
    try {
      return Path.of(Fixtures.class.getResource(name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
