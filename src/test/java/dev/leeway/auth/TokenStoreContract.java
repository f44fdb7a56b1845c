package dev.leeway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leeway.store.AuditAction;
import dev.leeway.store.AuditLog;
import dev.leeway.store.Store;
import dev.leeway.store.StoreSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Users and tokens in the store, on whichever database a subclass opens. */
abstract class TokenStoreContract {

  static final Instant NOW = Instant.parse("2026-03-31T10:15:30Z");

  Store store;

  /** Settings for a fresh, empty store. */
  abstract StoreSettings fresh();

  /** The same store again, as another process (the token command) opens it. */
  abstract StoreSettings same();

  abstract Path dataDir();

  @BeforeEach
  void open() {
    store = Store.open(fresh());
  }

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  List<AuditLog.Entry> audit(AuditAction action) {
    return store.read(
        c ->
            store
                .audit()
                .latest(
                    c,
                    new AuditLog.Query(Optional.empty(), Optional.of(action), AuditLog.MAX_READ)));
  }

  @Test
  void an_issued_token_verifies_as_its_user_and_only_its_hash_is_kept() {
    TokenStore tokens = TokenStore.open(store);
    String token = tokens.issue("cli:ops", "ana", "agent", NOW);
    assertThat(tokens.verify(token)).contains(new User("ana", "agent"));
    assertThat(tokens.verify(token + "x")).isEmpty();
    assertThat(tokens.entries())
        .singleElement()
        .satisfies(e -> assertThat(e.hash()).isNotEqualTo(token));
    String kept =
        store.read(
            c -> {
              StringBuilder all = new StringBuilder();
              try (var s = c.createStatement();
                  var rs = s.executeQuery("SELECT * FROM tokens")) {
                while (rs.next()) {
                  for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    all.append(rs.getString(i)).append(' ');
                  }
                }
              }
              return all.toString();
            });
    assertThat(kept).doesNotContain(token).doesNotContain(token.substring(3));
    assertThat(audit(AuditAction.TOKEN_ISSUED))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.actor()).isEqualTo("cli:ops");
              assertThat(e.subject()).isEqualTo("ana");
              assertThat(e.detail()).contains("role agent").doesNotContain(token);
            });
  }

  @Test
  void a_revocation_by_another_process_is_seen_on_the_next_refresh() {
    TokenStore server = TokenStore.open(store);
    String token = server.issue("ana", "agent", NOW);
    AtomicInteger changes = new AtomicInteger();
    server.onChange(changes::incrementAndGet);

    int revoked = TokenStore.using(same(), cli -> cli.revoke("cli:ops", "ana", NOW));
    assertThat(revoked).isEqualTo(1);
    assertThat(server.verify(token)).as("not yet refreshed").isPresent();

    server.refresh();
    assertThat(server.verify(token)).isEmpty();
    assertThat(changes).hasValue(1);
    server.refresh();
    assertThat(changes).as("nothing new, nothing fired").hasValue(1);
    assertThat(audit(AuditAction.TOKEN_REVOKED))
        .singleElement()
        .satisfies(e -> assertThat(e.actor()).isEqualTo("cli:ops"));
  }

  @Test
  void a_role_change_applies_to_every_token_of_the_user() {
    TokenStore tokens = TokenStore.open(store);
    String first = tokens.issue("ana", "agent", NOW);
    String second = tokens.issue("ana", "agent", NOW);
    assertThatThrownBy(() -> tokens.issue("ana", "supervisor", NOW))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has the role 'agent'")
        .hasMessageContaining("leeway token role --user ana --role supervisor");

    Optional<String> before =
        TokenStore.using(same(), cli -> cli.changeRole("cli:ops", "ana", "senior_agent", NOW));
    assertThat(before).contains("agent");
    tokens.refresh();
    assertThat(tokens.verify(first)).contains(new User("ana", "senior_agent"));
    assertThat(tokens.verify(second)).contains(new User("ana", "senior_agent"));
    assertThat(tokens.changeRole("cli:ops", "nobody", "agent", NOW)).isEmpty();
    assertThat(audit(AuditAction.ROLE_CHANGED))
        .singleElement()
        .satisfies(e -> assertThat(e.detail()).isEqualTo("from agent to senior_agent"));
  }

  @Test
  void an_api_sign_in_is_recorded_once_per_token_and_every_socket_session() throws Exception {
    TokenStore tokens = TokenStore.open(store);
    String token = tokens.issue("ana", "agent", NOW);
    for (int i = 0; i < 5; i++) {
      assertThat(tokens.signIn(token, TokenStore.Via.API)).isPresent();
    }
    tokens.signIn(token, TokenStore.Via.SOCKET);
    tokens.signIn(token, TokenStore.Via.SOCKET);
    assertThat(tokens.signIn("lw_unknown", TokenStore.Via.SOCKET)).isEmpty();
    store.flush().get();
    List<AuditLog.Entry> signIns = audit(AuditAction.SIGN_IN);
    assertThat(signIns).hasSize(3).allSatisfy(e -> assertThat(e.actor()).isEqualTo("ana"));
    assertThat(signIns.stream().filter(e -> e.detail().startsWith("first API call"))).hasSize(1);
  }

  @Test
  void a_token_file_from_an_earlier_release_is_imported_once_then_retired() throws Exception {
    store.close();
    String kept = "lw_kept-token-of-ana";
    String gone = "lw_revoked-token-of-bo";
    Path file = dataDir().resolve(TokenStore.FILE_NAME);
    Files.createDirectories(dataDir());
    Files.writeString(
        file,
        "[{\"user\": \"ana\", \"role\": \"agent\", \"hash\": \""
            + TokenStore.hash(kept)
            + "\", \"created\": \"2026-01-02T03:04:05Z\", \"revoked\": null},"
            + " {\"user\": \"bo\", \"role\": \"supervisor\", \"hash\": \""
            + TokenStore.hash(gone)
            + "\", \"created\": \"2026-01-03T03:04:05Z\", \"revoked\": \"2026-02-01T00:00:00Z\"}]");
    store = Store.open(same());
    TokenStore tokens = TokenStore.open(store);
    assertThat(tokens.verify(kept)).contains(new User("ana", "agent"));
    assertThat(tokens.verify(gone)).isEmpty();
    assertThat(tokens.entries()).hasSize(2);
    assertThat(file).doesNotExist();
    assertThat(dataDir().resolve(TokenStore.FILE_NAME + ".imported")).exists();
    assertThat(audit(AuditAction.TOKENS_IMPORTED))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.subject()).isEqualTo(file.toString());
              assertThat(e.detail()).startsWith("2 of 2 tokens, 2 users");
            });

    // Put back (a restored backup): imported again, adding nothing.
    Files.copy(dataDir().resolve(TokenStore.FILE_NAME + ".imported"), file);
    TokenStore again = TokenStore.open(store);
    assertThat(again.entries()).hasSize(2);
    assertThat(audit(AuditAction.TOKENS_IMPORTED).get(0).detail()).startsWith("0 of 2 tokens");
  }

  @Test
  void a_token_file_that_does_not_read_stops_the_start_naming_file_and_line() throws Exception {
    Path file = dataDir().resolve(TokenStore.FILE_NAME);
    Files.writeString(file, "[{\"user\": \"ana\",\n \"role\": ");
    assertThatThrownBy(() -> TokenStore.open(store))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("line 2")
        .hasMessageContaining("move it away");
    assertThat(file).exists();
    List<?> rows = store.read(c -> store.users().tokens(c));
    assertThat(rows).isEmpty();
  }
}
