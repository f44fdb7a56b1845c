package dev.leeway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Users and their API tokens, kept as hashes. Writes run in the writer's transaction. */
public final class UserRepository {

  /** A user: their role applies to every token they hold. */
  public record UserRow(String name, String role, Instant created) {
    public UserRow {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(created, "created");
    }
  }

  /**
   * A token as stored: its hash, whose it is, with the user's role; revoked is null while valid.
   */
  public record TokenRow(String hash, String user, String role, Instant created, Instant revoked) {
    public TokenRow {
      Objects.requireNonNull(hash, "hash");
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(created, "created");
    }

    public boolean active() {
      return revoked == null;
    }
  }

  UserRepository() {}

  public Optional<UserRow> user(Connection c, String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT * FROM users WHERE name = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? Optional.of(
                new UserRow(
                    rs.getString("name"),
                    rs.getString("role"),
                    Instant.ofEpochMilli(rs.getLong("created_ms"))))
            : Optional.empty();
      }
    }
  }

  public void insertUser(Connection c, UserRow row) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("INSERT INTO users (name, role, created_ms) VALUES (?, ?, ?)")) {
      ps.setString(1, row.name());
      ps.setString(2, row.role());
      ps.setLong(3, row.created().toEpochMilli());
      ps.executeUpdate();
    }
  }

  /** Gives {@code name} the role {@code role}; false when there is no such user. */
  public boolean setRole(Connection c, String name, String role) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE users SET role = ? WHERE name = ?")) {
      ps.setString(1, role);
      ps.setString(2, name);
      return ps.executeUpdate() == 1;
    }
  }

  /**
   * Adds a token of an existing user unless one with the same hash is there already (so an import
   * that runs twice adds nothing the second time); true when it was added.
   */
  public boolean insertToken(
      Connection c, String hash, String user, Instant created, Instant revoked)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO tokens (hash, user_name, created_ms, revoked_ms)"
                + " SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM tokens WHERE hash = ?)")) {
      ps.setString(1, hash);
      ps.setString(2, user);
      ps.setLong(3, created.toEpochMilli());
      if (revoked == null) {
        ps.setNull(4, Types.BIGINT);
      } else {
        ps.setLong(4, revoked.toEpochMilli());
      }
      ps.setString(5, hash);
      return ps.executeUpdate() == 1;
    }
  }

  /** Revokes every active token of {@code user}; returns how many. */
  public int revoke(Connection c, String user, Instant at) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE tokens SET revoked_ms = ? WHERE user_name = ? AND revoked_ms IS NULL")) {
      ps.setLong(1, at.toEpochMilli());
      ps.setString(2, user);
      return ps.executeUpdate();
    }
  }

  /** Every token ever issued, with its user's role, oldest first. */
  public List<TokenRow> tokens(Connection c) throws SQLException {
    List<TokenRow> rows = new ArrayList<>();
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT t.hash, t.user_name, u.role, t.created_ms, t.revoked_ms"
                    + " FROM tokens t JOIN users u ON u.name = t.user_name"
                    + " ORDER BY t.created_ms, t.hash");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        long revokedMs = rs.getLong("revoked_ms");
        Instant revoked = rs.wasNull() ? null : Instant.ofEpochMilli(revokedMs);
        rows.add(
            new TokenRow(
                rs.getString("hash"),
                rs.getString("user_name"),
                rs.getString("role"),
                Instant.ofEpochMilli(rs.getLong("created_ms")),
                revoked));
      }
    }
    return rows;
  }
}
