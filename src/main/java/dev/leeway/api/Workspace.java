package dev.leeway.api;

import dev.leeway.chat.Advisor;
import dev.leeway.curate.ContentHistory;
import dev.leeway.curate.Drafts;
import dev.leeway.curate.PlayCatalogue;
import dev.leeway.playbook.Content;

/**
 * What the supervisors' workspace works with: drafts and their workflow, the plays, each file's
 * history, and a way to build an answer snapshot for a draft's content (to try it).
 */
public record Workspace(
    Drafts drafts, PlayCatalogue plays, ContentHistory history, AdvisorFactory advisors) {

  /** Builds an answer snapshot for content that is not published (a draft's). */
  @FunctionalInterface
  public interface AdvisorFactory {

    /**
     * An advisor for {@code content}, reusing what it can of {@code current} (the published one).
     */
    Trial build(Content content, Advisor current);
  }

  /**
   * An advisor built for a trial.
   *
   * @param sharesMatcher its matcher is {@code current}'s (nothing of its own to close)
   */
  public record Trial(Advisor advisor, boolean sharesMatcher) {}
}
