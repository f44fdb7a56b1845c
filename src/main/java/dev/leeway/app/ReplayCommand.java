package dev.leeway.app;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leeway.chat.Advice;
import dev.leeway.chat.AdviceJson;
import dev.leeway.chat.Conversation;
import dev.leeway.chat.ConversationReplay;
import dev.leeway.chat.Message;
import dev.leeway.chat.Question;
import dev.leeway.config.ServerConfig;
import dev.leeway.curate.ContentRevisions;
import dev.leeway.json.Json;
import dev.leeway.json.LoadResult;
import dev.leeway.playbook.Content;
import dev.leeway.store.AnswerRepository.AnswerRow;
import dev.leeway.store.ConversationRepository.TurnRow;
import dev.leeway.store.Store;
import dev.leeway.store.StoreSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Reproduces a stored answer from what was stored (the text, the facts, the role, {@code today};
 * for a conversation's turn, the turns before it) on the content revision it was decided on (kept
 * in the store), and says whether the answer is the same.
 */
@Command(
    name = "replay",
    description =
        "Reproduce a stored answer on the content revision it was decided on and compare it with"
            + " what was answered.")
final class ReplayCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "ANSWER_ID",
      description = "the answer's id, as the API returned it")
  String answerId;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "data folder holding leeway.db (default: LEEWAY_DATA_DIR or data)")
  Path dataDir;

  @Option(
      names = "--database-url",
      paramLabel = "URL",
      description =
          "a PostgreSQL JDBC URL (default: LEEWAY_DATABASE_URL, else the data folder's SQLite file)")
  String databaseUrl;

  @Option(
      names = "--playbooks",
      paramLabel = "DIR",
      description = "playbook folder (default: LEEWAY_PLAYBOOKS or playbooks)")
  Path playbooks;

  @Option(
      names = "--config",
      paramLabel = "DIR",
      description = "config folder (default: LEEWAY_CONFIG_DIR or config)")
  Path configDir;

  @Override
  public Integer call() throws InvalidPackException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ServerConfig config = ServerConfig.fromEnvironment(System.getenv());
    config =
        config.withContent(
            playbooks != null ? playbooks : config.playbooks(),
            configDir != null ? configDir : config.configDir());
    Path data = dataDir != null ? dataDir : config.dataDir();
    StoreSettings settings = StoreSettings.fromEnvironment(System.getenv(), data);
    if (databaseUrl != null) {
      settings = StoreSettings.postgres(databaseUrl, data);
    } else if (dataDir != null) {
      settings = StoreSettings.embedded(data);
    }
    try (Store store = Store.open(settings)) {
      Optional<AnswerRow> found = store.read(c -> store.answers().find(c, answerId));
      if (found.isEmpty()) {
        err.println("leeway: no answer '" + answerId + "' in the store " + store.where());
        return 1;
      }
      AnswerRow row = found.get();
      List<TurnRow> turns =
          row.conversationId() == null
              ? List.of()
              : store.read(c -> store.conversations().turns(c, row.conversationId()));
      ContentRevisions revisions = new ContentRevisions(store, java.time.Clock.systemUTC());
      long head = revisions.head();
      OptionalLong decided = revision(row.contentVersion(), head);
      ServerConfig folders = config;
      Engine.ContentSource source =
          head == 0
              ? () -> Engine.fromFiles(folders)
              : () ->
                  switch (ContentRevisions.load(
                      decided.isPresent()
                          ? revisions.at(decided.getAsLong())
                          : revisions.published())) {
                    case LoadResult.Invalid<Content> invalid ->
                        throw new InvalidPackException(invalid.problems());
                    case LoadResult.Loaded<Content> loaded -> loaded.value();
                  };
      try (Engine engine = Engine.load(config, source)) {
        Advice advice = replay(engine, row, turns);
        // Through text, as the stored one went, so numbers compare as the same kind of node.
        JsonNode replayed =
            Json.json().readTree(Json.json().writeValueAsString(AdviceJson.of(advice)));
        ObjectNode stored = (ObjectNode) Json.json().readTree(row.answer());
        stored.remove("answer_id");
        out.printf(
            "answer %s: %s by %s (%s) at %s, today %s%n",
            row.id(), row.channel(), row.user(), row.role(), row.at(), row.today());
        String current = advice.contentVersion();
        out.printf(
            "content version: decided on %s, replayed on %s (%s)%s%n",
            row.contentVersion(),
            current,
            current.equals(row.contentVersion()) ? "the same" : "changed since",
            head > 0 ? ", published revision " + head : "");
        Optional<String> difference = firstDifference("", stored, replayed);
        if (difference.isEmpty()) {
          out.println("replayed: the same answer");
          out.flush();
          return 0;
        }
        out.println("replayed: a different answer, first at " + difference.get());
        out.flush();
        return 3;
      }
    } catch (IOException e) {
      err.println("leeway: the stored answer '" + answerId + "' is not JSON: " + e.getMessage());
      return 1;
    } catch (IllegalArgumentException e) {
      err.println(
          "leeway: the stored answer cannot be replayed on the current content: " + e.getMessage());
      return 3;
    }
  }

  /** The store revision a content version names, if it is one the store holds. */
  static OptionalLong revision(String version, long head) {
    try {
      long revision = Long.parseLong(version);
      return revision >= 1 && revision <= head ? OptionalLong.of(revision) : OptionalLong.empty();
    } catch (NumberFormatException e) {
      return OptionalLong.empty(); // a digest of files, from before the store held the content
    }
  }

  private static Advice replay(Engine engine, AnswerRow row, List<TurnRow> turns)
      throws IOException {
    if (row.conversationId() == null) {
      return engine
          .advisor()
          .advise(new Question(row.text(), map(row.context()), row.role(), row.today()));
    }
    List<ConversationReplay.SentTurn> sent = new ArrayList<>();
    for (TurnRow turn : turns) {
      if (turn.number() <= row.turn()) {
        sent.add(
            new ConversationReplay.SentTurn(
                turn.at(),
                new Message(turn.text(), map(turn.context()), turn.today()),
                turn.caseNumber()));
      }
    }
    Conversation conversation =
        new ConversationReplay(engine.advisor())
            .rebuild(row.conversationId(), row.user(), row.role(), row.at(), sent);
    return conversation.turns().get(row.turn() - 1).reply().advice();
  }

  private static Map<String, Object> map(String json) throws IOException {
    return Json.json().readValue(json, new TypeReference<Map<String, Object>>() {});
  }

  /** Where two JSON trees first differ, as a path like {@code plays[0].actions[1].decision}. */
  static Optional<String> firstDifference(String path, JsonNode a, JsonNode b) {
    if (a.equals(b)) {
      return Optional.empty();
    }
    if (a.isObject() && b.isObject()) {
      Iterator<String> names = a.fieldNames();
      while (names.hasNext()) {
        String name = names.next();
        String at = path.isEmpty() ? name : path + "." + name;
        if (!b.has(name)) {
          return Optional.of(at + " (no longer there)");
        }
        Optional<String> inner = firstDifference(at, a.get(name), b.get(name));
        if (inner.isPresent()) {
          return inner;
        }
      }
      Iterator<String> added = b.fieldNames();
      while (added.hasNext()) {
        String name = added.next();
        if (!a.has(name)) {
          return Optional.of((path.isEmpty() ? name : path + "." + name) + " (new)");
        }
      }
    }
    if (a.isArray() && b.isArray()) {
      for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
        Optional<String> inner = firstDifference(path + "[" + i + "]", a.get(i), b.get(i));
        if (inner.isPresent()) {
          return inner;
        }
      }
      return Optional.of(path + " (" + a.size() + " items, now " + b.size() + ")");
    }
    return Optional.of(path + ": was " + a + ", now " + b);
  }
}
