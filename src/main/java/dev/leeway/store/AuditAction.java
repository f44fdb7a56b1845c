package dev.leeway.store;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** What an audit record says happened. Stored as its {@link #label()}. */
public enum AuditAction {
  /** A token was issued to a user (the user is created with it when new). */
  TOKEN_ISSUED,
  /** A user's tokens were revoked. */
  TOKEN_REVOKED,
  /** A user's role changed; every token they hold carries the new one. */
  ROLE_CHANGED,
  /** A token signed in: a WebSocket session, or a token's first API call since the server start. */
  SIGN_IN,
  /** Tokens were imported into the store from an earlier release's {@code tokens.json}. */
  TOKENS_IMPORTED,
  /** Edits to single content files were saved from the revisions their writers saw. */
  CONTENT_PUBLISHED,
  /** A folder of content was imported (or seeded on a first start) as a new revision. */
  CONTENT_IMPORTED,
  /** A supervisor started a draft of a content file. */
  DRAFT_CREATED,
  /** A draft's text was saved (it may still have problems). */
  DRAFT_SAVED,
  /** A draft was sent for review. */
  DRAFT_SUBMITTED,
  /** A draft in review was sent back to its author. */
  DRAFT_RETURNED,
  /** A draft was approved for publishing by a curator other than its author. */
  DRAFT_APPROVED,
  /** A draft was closed without publishing. */
  DRAFT_DISCARDED,
  /** A play was retired: a new revision with status retired. */
  PLAY_RETIRED,
  /** A file was rolled back: an earlier revision's text stored as a new revision. */
  CONTENT_ROLLED_BACK;

  /** The name as stored and shown: lower case with underscores, e.g. {@code token_issued}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The action a label (any case, '-' or '_') names, if any. */
  public static Optional<AuditAction> parse(String label) {
    String name = label.strip().replace('-', '_').toUpperCase(Locale.ROOT);
    return Arrays.stream(values()).filter(a -> a.name().equals(name)).findFirst();
  }

  /** Every label, for messages. */
  public static String labels() {
    return Arrays.stream(values()).map(AuditAction::label).collect(Collectors.joining(", "));
  }
}
