package dev.leeway.app;

import dev.leeway.chat.Advice;
import dev.leeway.chat.AdviceJson;
import dev.leeway.chat.AdviceText;
import dev.leeway.chat.Question;
import dev.leeway.config.ServerConfig;
import dev.leeway.curate.ContentRevisions;
import dev.leeway.json.Json;
import dev.leeway.json.LoadResult;
import dev.leeway.playbook.Content;
import dev.leeway.store.Store;
import dev.leeway.store.StoreSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Answers one situation from the command line, exactly as the server would: for supervisors and
 * scripts. It answers on the store's published content (or an earlier revision), as the server
 * does; on the folders when they are named, or when there is no store yet (a fresh installation,
 * whose first server start will store the folders' content).
 */
@Command(
    name = "ask",
    description = {
      "Match a situation, read its facts and decide what the agent may do.",
      "Answers on the store's published content (--data, --database-url; the environment's store"
          + " by default); on the folders with --playbooks/--config, or when no store exists yet."
    })
final class AskCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "TEXT", description = "the situation in the agent's words")
  String text;

  @Option(
      names = "--role",
      paramLabel = "ROLE",
      description = "the asking agent's role (default: ${DEFAULT-VALUE})")
  String role = "agent";

  @Option(
      names = "--fact",
      paramLabel = "NAME=VALUE",
      description = "a known fact, overriding the text (repeatable)")
  List<String> facts = List.of();

  @Option(
      names = "--today",
      paramLabel = "DATE",
      description = "the date durations count from (default: today), to replay an answer")
  LocalDate today;

  @Option(names = "--json", description = "print one JSON object on the last line")
  boolean json;

  @Option(
      names = "--playbooks",
      paramLabel = "DIR",
      description =
          "answer on this playbook folder instead of the store (with no store yet: LEEWAY_PLAYBOOKS"
              + " or playbooks)")
  Path playbooks;

  @Option(
      names = "--config",
      paramLabel = "DIR",
      description =
          "answer on the folders, with this config folder (default: LEEWAY_CONFIG_DIR, or the"
              + " config folder beside the playbooks)")
  Path configDir;

  @Option(
      names = "--revision",
      paramLabel = "N",
      description = "answer on the store's revision N instead of the published one")
  Long revision;

  @Mixin StoreOptions storeOptions;

  @Override
  public Integer call() {
    var err = spec.commandLine().getErr();
    Map<String, Object> context = new LinkedHashMap<>();
    for (String fact : facts) {
      int eq = fact.indexOf('=');
      if (eq <= 0) {
        err.println(
            "leeway: --fact " + fact + ": write it as name=value, e.g. --fact order_total=80");
        return 2;
      }
      context.put(fact.substring(0, eq).strip(), fact.substring(eq + 1).strip());
    }
    Map<String, String> env = new java.util.HashMap<>(System.getenv());
    if (storeOptions.dataDir != null) {
      // The store's data folder holds the matcher's caches too.
      env.put(ServerConfig.DATA_DIR, storeOptions.dataDir.toString());
    }
    ServerConfig environment = ServerConfig.fromEnvironment(env);
    boolean folders = playbooks != null || configDir != null;
    boolean storeNamed = storeOptions.dataDir != null || storeOptions.databaseUrl != null;
    if (folders && (storeNamed || revision != null)) {
      err.println(
          "leeway: --playbooks/--config answer on the folders, --data/--database-url/--revision on"
              + " the store: give one or the other");
      return 2;
    }
    ServerConfig config =
        environment.withContent(
            playbooks != null ? playbooks : environment.playbooks(),
            configDir != null
                ? configDir
                : playbooks != null
                    ? ServerConfig.configBeside(playbooks)
                    : environment.configDir());
    StoreSettings storeSettings = storeOptions.settings();
    if (!folders && storeSettings.databaseUrl().isEmpty() && !Files.exists(storeSettings.file())) {
      if (storeNamed || revision != null) {
        err.println(
            "leeway: there is no store at "
                + storeSettings.file()
                + " (a server's first start creates it); answer on the folders with --playbooks"
                + " DIR");
        return 1;
      }
      folders = true; // a fresh installation: its content is still only in the folders
    }
    if (folders) {
      return answer(config, () -> Engine.fromFiles(config), context);
    }
    try (Store store = Store.open(storeSettings)) {
      var read =
          StoredRevision.read(store, revision, "; answer on the folders with --playbooks DIR", err);
      if (read.isEmpty()) {
        return 1;
      }
      ContentRevisions.Published published = read.get();
      return answer(
          config,
          () ->
              switch (ContentRevisions.load(published)) {
                case LoadResult.Invalid<Content> invalid ->
                    throw new InvalidPackException(invalid.problems());
                case LoadResult.Loaded<Content> loaded -> loaded.value();
              },
          context);
    }
  }

  /**
   * Answers the question, with the facts in {@code context}, on the content {@code source} gives.
   */
  private int answer(
      ServerConfig config, Engine.ContentSource source, Map<String, Object> context) {
    var err = spec.commandLine().getErr();
    try (Engine engine = Engine.load(config, source)) {
      Advice advice;
      try {
        advice =
            engine
                .advisor()
                .advise(new Question(text, context, role, today != null ? today : LocalDate.now()));
      } catch (IllegalArgumentException e) {
        err.println("leeway: " + e.getMessage());
        return 2;
      }
      var out = spec.commandLine().getOut();
      if (json) {
        out.println(Json.json().writeValueAsString(AdviceJson.of(advice)));
      } else {
        out.print(AdviceText.of(advice));
      }
      out.flush();
      return 0;
    } catch (InvalidPackException e) {
      err.println("leeway: the content is invalid");
      ValidateCommand.report(err, e.problems());
      return 1;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("could not write the answer as JSON", e);
    }
  }
}
