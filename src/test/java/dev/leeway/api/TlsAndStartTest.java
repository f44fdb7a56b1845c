package dev.leeway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leeway.app.LeewayServer;
import dev.leeway.app.SharedBuildCache;
import dev.leeway.auth.TokenStore;
import dev.leeway.config.Protection;
import dev.leeway.config.ServerConfig;
import dev.leeway.store.StoreSettings;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting the server: over TLS from PEM files, and refusing a token whose role nobody defined. */
class TlsAndStartTest {

  @TempDir Path dir;

  @Test
  void serves_https_with_a_pem_certificate_and_key() throws Exception {
    Path keystore = dir.resolve("server.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "leeway",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-validity",
                "2",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=ip:127.0.0.1,dns:localhost",
                "-storetype",
                "PKCS12",
                "-keystore",
                keystore.toString(),
                "-storepass",
                "changeit")
            .redirectErrorStream(true)
            .start();
    try (InputStream out = keytool.getInputStream()) {
      out.readAllBytes();
    }
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(keytool.exitValue()).isZero();

    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      store.load(in, "changeit".toCharArray());
    }
    Key key = store.getKey("leeway", "changeit".toCharArray());
    Certificate cert = store.getCertificate("leeway");
    Path certPem = dir.resolve("cert.pem");
    Path keyPem = dir.resolve("key.pem");
    Files.writeString(certPem, pem("CERTIFICATE", cert.getEncoded()), StandardCharsets.US_ASCII);
    Files.writeString(keyPem, pem("PRIVATE KEY", key.getEncoded()), StandardCharsets.US_ASCII);

    Protection protection =
        Protection.fromEnvironment(
            Map.of(Protection.TLS_CERT, certPem.toString(), Protection.TLS_KEY, keyPem.toString()));
    ServerConfig config =
        ServerConfig.fromEnvironment(
                Map.of(
                    ServerConfig.HOST,
                    "127.0.0.1",
                    ServerConfig.DATA_DIR,
                    dir.resolve("data").toString()))
            .withPort(0);
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("leeway", cert);
    TrustManagerFactory trusting =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trusting.init(trust);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, trusting.getTrustManagers(), null);

    try (LeewayServer server =
            SharedBuildCache.around(
                dir.resolve("data"), () -> LeewayServer.start(config, protection));
        HttpClient https =
            HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(10)).build();
        HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
      HttpResponse<String> health =
          https.send(
              HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port() + "/health"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).contains("\"status\":\"UP\"");
      assertThatThrownBy(
              () ->
                  plain.send(
                      HttpRequest.newBuilder(
                              URI.create("http://127.0.0.1:" + server.port() + "/health"))
                          .timeout(Duration.ofSeconds(10))
                          .build(),
                      HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(java.io.IOException.class);
    }
  }

  @Test
  void tls_needs_both_a_certificate_and_a_key() throws Exception {
    Path cert = Files.writeString(dir.resolve("cert.pem"), "not used");
    assertThatThrownBy(
            () -> Protection.fromEnvironment(Map.of(Protection.TLS_CERT, cert.toString())))
        .hasMessageContaining(Protection.TLS_KEY);
    assertThatThrownBy(
            () ->
                Protection.fromEnvironment(
                    Map.of(Protection.TLS_CERT, dir.resolve("missing.pem").toString())))
        .hasMessageContaining("missing.pem");
  }

  @Test
  void a_token_with_a_role_nobody_defined_stops_the_start_naming_file_user_and_role()
      throws Exception {
    Path data = dir.resolve("data");
    TokenStore.using(
        StoreSettings.embedded(data), t -> t.issue("mallory", "overlord", Instant.now()));
    ServerConfig config =
        ServerConfig.fromEnvironment(
                Map.of(ServerConfig.HOST, "127.0.0.1", ServerConfig.DATA_DIR, data.toString()))
            .withPort(0);
    assertThatThrownBy(() -> LeewayServer.start(config, Protection.defaults()).close())
        .hasMessageContaining(data.resolve(StoreSettings.FILE_NAME).toString())
        .hasMessageContaining("'mallory'")
        .hasMessageContaining("'overlord'");
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }
}
