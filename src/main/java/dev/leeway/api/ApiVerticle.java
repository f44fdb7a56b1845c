package dev.leeway.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leeway.config.Protection;
import dev.leeway.json.Json;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocketHandshake;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP server: routes from the OpenAPI description (requests validated against it), the
 * WebSocket chat, metrics, the chat page. Thin: handlers do the work, plain classes behind them.
 */
public final class ApiVerticle extends VerticleBase {

  /**
   * The worker pool that answers (matching, facts, decisions), one thread per core. Answers are
   * pure CPU work, so more threads than cores only time-slice them: each answer then takes longer
   * and costs more (caches thrash), while the queue in front of the pool costs nothing.
   */
  public static final String ANSWERING = "leeway-answers";

  /** The API description, served as written and used to build and validate the routes. */
  static final String CONTRACT = "openapi/leeway-v1.yaml";

  private final String host;
  private final int port;
  private final Services services;
  private final Protection protection;
  private HttpServer server;
  private ChatSocket chat;
  private SlowClients slowClients;

  public ApiVerticle(String host, int port, Services services, Protection protection) {
    this.host = host;
    this.port = port;
    this.services = services;
    this.protection = protection;
  }

  @Override
  public Future<?> start() {
    String contractText = resource(CONTRACT);
    JsonNode tree = yamlTree(contractText);
    routableResponses(tree);
    JsonObject contractJson = new JsonObject(Json.json().convertValue(tree, java.util.Map.class));
    return OpenAPIContract.from(vertx, contractJson)
        .compose(
            contract -> {
              Authentication authentication =
                  new Authentication(services.tokens(), services.limits(), services.metrics());
              FairUse fairUse = new FairUse(services.limits(), services.metrics());
              slowClients =
                  new SlowClients(
                      vertx,
                      protection.headerTimeout(),
                      protection.idleTimeout(),
                      protection.requestTimeout());
              SecurityHeaders headers = new SecurityHeaders(protection.frameAncestors());
              RouterBuilder builder =
                  RouterBuilder.create(vertx, contract, RequestExtractor.withBodyHandler());
              // Bearer tokens are checked by Authentication, before validation, so a stranger gets
              // 401 rather than a description of what their body got wrong.
              builder.getRoutes().forEach(route -> route.setDoSecurity(false));
              builder.rootHandler(
                  BodyHandler.create(false).setBodyLimit(services.limits().maxBodyBytes()));
              builder.rootHandler(
                  ctx -> {
                    slowClients.routed(ctx);
                    ctx.next();
                  });
              builder.rootHandler(ctx -> protect(ctx, authentication));
              // Before the body is validated: a role that may not use an operation learns that,
              // not what its body got wrong.
              java.util.Map<String, String> roles = roles(tree);
              builder.rootHandler(ctx -> requireRole(ctx, contract, roles));
              builder.rootHandler(Bodies::requireJson);
              WorkerExecutor answering =
                  vertx.createSharedWorkerExecutor(
                      ANSWERING, Runtime.getRuntime().availableProcessors());
              ConversationHandlers conversations =
                  new ConversationHandlers(vertx, answering, services, fairUse);
              builder.getRoute("health").addHandler(this::health);
              builder.getRoute("metrics").addHandler(this::metrics);
              builder
                  .getRoute("openapi")
                  .addHandler(
                      ctx ->
                          ctx.response()
                              .putHeader("content-type", "application/yaml")
                              .end(contractText));
              builder.getRoute("createConversation").addHandler(conversations::create);
              builder.getRoute("getConversation").addHandler(conversations::transcript);
              builder.getRoute("postMessage").addHandler(conversations::message);
              builder.getRoute("startCase").addHandler(conversations::newCase);
              builder
                  .getRoute("suggest")
                  .addHandler(new SuggestHandler(answering, services, fairUse)::handle);
              builder.getRoute("feedback").addHandler(new FeedbackHandler(vertx, services)::handle);
              builder.getRoute("gaps").addHandler(new GapsHandler(vertx, services)::handle);
              builder.getRoute("audit").addHandler(new AuditHandler(vertx, services)::handle);
              InsightsHandler insights = new InsightsHandler(vertx, services);
              builder.getRoute("insights").addHandler(insights::all);
              builder.getRoute("insightsFigure").addHandler(insights::figure);
              builder.getRoute("gapGroups").addHandler(insights::gapGroups);
              PlaysHandler plays = new PlaysHandler(vertx, services);
              builder.getRoute("listPlays").addHandler(plays::list);
              builder.getRoute("getPlay").addHandler(plays::get);
              builder.getRoute("playHistory").addHandler(plays::history);
              builder.getRoute("playDiff").addHandler(plays::diff);
              builder.getRoute("rollbackPlay").addHandler(plays::rollback);
              builder.getRoute("retirePlay").addHandler(plays::retire);
              builder.getRoute("getAuthority").addHandler(plays::authority);
              builder.getRoute("authorityHistory").addHandler(plays::authorityHistory);
              builder.getRoute("authorityDiff").addHandler(plays::authorityDiff);
              builder.getRoute("rollbackAuthority").addHandler(plays::authorityRollback);
              DraftsHandler drafts = new DraftsHandler(vertx, services);
              builder.getRoute("listDrafts").addHandler(drafts::list);
              builder.getRoute("createDraft").addHandler(drafts::create);
              builder.getRoute("getDraft").addHandler(drafts::get);
              builder.getRoute("saveDraft").addHandler(drafts::save);
              for (String step :
                  new String[] {
                    "submitDraft", "returnDraft", "approveDraft", "discardDraft", "publishDraft"
                  }) {
                builder.getRoute(step).addHandler(drafts::step);
              }
              builder.getRoute("tryDraft").addHandler(new TryHandler(answering, services)::handle);
              builder.getRoute("getAnswer").addHandler(new AnswersHandler(vertx, services)::handle);
              builder
                  .getRoute("match")
                  .addHandler(new MatchHandler(answering, services::matcher, fairUse)::handle);
              Router router = builder.createRouter();
              router
                  .route("/supervisor/*")
                  .handler(StaticHandler.create("web/supervisor").setCachingEnabled(false));
              router
                  .route("/*")
                  .handler(StaticHandler.create("web/agent").setCachingEnabled(false));
              router.route().last().handler(ctx -> unrouted(ctx, contract));
              router
                  .route()
                  .failureHandler(
                      ctx -> ProblemResponses.handle(ctx, services.limits().maxBodyBytes()));
              // The router's own refusals (a path that does not decode, a failure no route caught)
              // would otherwise leave as plain text.
              for (int status : new int[] {400, 404, 405, 406, 413, 414, 415, 431, 500, 501, 503}) {
                router.errorHandler(
                    status,
                    ctx ->
                        ProblemResponses.routerError(
                            ctx, status, services.limits().maxBodyBytes()));
              }
              chat =
                  new ChatSocket(
                      vertx,
                      answering,
                      services,
                      authentication,
                      fairUse,
                      protection.idleTimeout());
              services.tokens().onChange(() -> chat.recheck());
              int maxMessage = services.limits().maxSocketMessageBytes();
              HttpServerOptions options =
                  new HttpServerOptions()
                      // The session counts bytes per message and closes with 1009 past maxMessage;
                      // Vert.x's own limits sit above it so that nothing is dropped before we see
                      // it.
                      .setMaxWebSocketMessageSize(
                          (int) Math.min(Integer.MAX_VALUE, 2L * maxMessage))
                      .setMaxWebSocketFrameSize((int) Math.min(Integer.MAX_VALUE, 2L * maxMessage))
                      // Without HTTP/2 over plain TCP the connection is set up (and its header
                      // deadline
                      // armed) as it opens, not once enough bytes arrived to tell the protocol.
                      .setHttp2ClearTextEnabled(false)
                      .setIdleTimeout((int) protection.idleTimeout().toSeconds())
                      .setIdleTimeoutUnit(TimeUnit.SECONDS);
              if (protection.tls()) {
                options
                    .setSsl(true)
                    .setKeyCertOptions(
                        new PemKeyCertOptions()
                            .setCertPath(protection.tlsCert().orElseThrow().toString())
                            .setKeyPath(protection.tlsKey().orElseThrow().toString()));
              }
              Origins origins = new Origins(protection.allowedOrigins(), protection.tls());
              server =
                  vertx
                      .createHttpServer(options)
                      .connectionHandler(slowClients::connected)
                      .invalidRequestHandler(request -> invalid(request, headers))
                      .webSocketHandshakeHandler(
                          handshake -> handshake(handshake, authentication, origins, slowClients))
                      .webSocketHandler(chat::handle)
                      .requestHandler(
                          request -> {
                            slowClients.request(request);
                            headers.apply(request);
                            // Forms are refused before the router's body handler, which would
                            // otherwise try to decode one (an internal error for a GET).
                            if (request.path() == null || !request.path().startsWith("/")) {
                              // "*" or an absolute form: no resource here has such a name.
                              invalid(request, headers);
                            } else if (!Bodies.refuseForm(request)) {
                              router.handle(request);
                            }
                          });
              return server.listen(port, host);
            });
  }

  /**
   * The chat socket opens only on its path, from an allowed origin, and with a good token if the
   * upgrade carries one (a bad one is 401, not an upgrade); sockets that will sign in later are
   * limited in number.
   */
  private void handshake(
      ServerWebSocketHandshake handshake,
      Authentication authentication,
      Origins origins,
      SlowClients slowClients) {
    slowClients.upgrading(handshake.remoteAddress());
    if (!ChatSocket.PATH.equals(handshake.path())) {
      handshake.reject(404);
      return;
    }
    String origin = handshake.headers().get("Origin");
    if (!origins.allows(origin, handshake.authority())) {
      services.metrics().refused(403);
      handshake.reject(403);
      return;
    }
    String header = handshake.headers().get("Authorization");
    if (header != null) {
      if (authentication.fromHeader(header).isEmpty()) {
        services.metrics().refused(401);
        handshake.reject(401);
        return;
      }
      handshake.accept();
      return;
    }
    if (!chat.admitAnonymous()) {
      services.metrics().refused(503);
      handshake.reject(503);
      return;
    }
    handshake.accept().onFailure(e -> chat.releaseAnonymous());
  }

  /** A request Vert.x could not parse (a bad request line, bad headers) still gets problem+json. */
  private static void invalid(HttpServerRequest request, SecurityHeaders headers) {
    headers.apply(request);
    JsonObject problem =
        new JsonObject()
            .put("type", "about:blank")
            .put("title", "Bad request")
            .put("status", 400)
            .put(
                "detail",
                "the request line or headers could not be read as HTTP/1.1 with a path starting"
                    + " with /");
    request
        .response()
        .setStatusCode(400)
        .putHeader("content-type", "application/problem+json")
        .putHeader("connection", "close")
        .end(problem.encode())
        .onComplete(done -> request.connection().close());
  }

  @Override
  public Future<?> stop() {
    if (slowClients != null) {
      slowClients.close();
    }
    return Future.succeededFuture();
  }

  /** Every /api/v1 call needs a token, except the API description itself. */
  private static void protect(RoutingContext ctx, Authentication authentication) {
    String path = ctx.request().path();
    if (path.startsWith("/api/v1/") && !path.equals("/api/v1/openapi.yaml")) {
      authentication.handle(ctx);
    } else {
      ctx.next();
    }
  }

  /** Each operation's {@code x-leeway-role}, by operation id. */
  static java.util.Map<String, String> roles(JsonNode contract) {
    java.util.Map<String, String> roles = new java.util.HashMap<>();
    contract
        .path("paths")
        .forEach(
            item ->
                item.forEach(
                    operation -> {
                      if (operation.has("operationId") && operation.has("x-leeway-role")) {
                        roles.put(
                            operation.get("operationId").asText(),
                            operation.get("x-leeway-role").asText());
                      }
                    }));
    return java.util.Map.copyOf(roles);
  }

  /**
   * An operation marked {@code x-leeway-role: supervisor} is for curators only (the role at the top
   * of the approval chain): any other role gets 403, whatever it sent.
   */
  private void requireRole(
      RoutingContext ctx, OpenAPIContract contract, java.util.Map<String, String> roles) {
    io.vertx.openapi.contract.Operation operation =
        contract.findOperation(ctx.request().path(), ctx.request().method());
    String role = operation == null ? null : roles.get(operation.getOperationId());
    if (role == null) {
      ctx.next();
      return;
    }
    dev.leeway.auth.User user = Authentication.user(ctx);
    if (!GapsHandler.curator(services, user)) {
      services.metrics().refused(403);
      ProblemResponses.send(
          ctx,
          403,
          "Forbidden",
          ctx.request().method().name()
              + " "
              + operation.getOpenAPIPath()
              + " is for supervisors (the role at the top of the approval chain); a "
              + user.role()
              + " token may not use it");
      return;
    }
    ctx.next();
  }

  /** A path the API describes, asked with another method, is a 405 naming the right ones. */
  private static void unrouted(RoutingContext ctx, OpenAPIContract contract) {
    String path = ctx.request().path();
    io.vertx.openapi.contract.Path described = contract.findPath(path);
    if (described == null) {
      ProblemResponses.send(ctx, 404, "Not found", "no resource at " + path);
      return;
    }
    String allowed =
        described.getOperations().stream()
            .map(op -> op.getHttpMethod().name())
            .sorted()
            .collect(java.util.stream.Collectors.joining(", "));
    ctx.response().putHeader("Allow", allowed);
    ProblemResponses.send(
        ctx,
        405,
        "Method not allowed",
        ctx.request().method().name() + " is not allowed on " + path + "; use " + allowed);
  }

  private void health(RoutingContext ctx) {
    dev.leeway.chat.Advisor now = services.advisor();
    Responses.json(
        ctx,
        200,
        Json.json()
            .createObjectNode()
            .put("status", "UP")
            .put("plays", now.matcher().size())
            .put("content_version", now.content().version())
            .put("open_conversations", services.conversations().size()));
  }

  private void metrics(RoutingContext ctx) {
    if (services.metrics().registry() instanceof PrometheusMeterRegistry prometheus) {
      vertx
          .executeBlocking(prometheus::scrape, false)
          .onSuccess(
              text ->
                  ctx.response().putHeader("content-type", "text/plain; version=0.0.4").end(text))
          .onFailure(ctx::fail);
    } else {
      ProblemResponses.send(ctx, 404, "Not found", "metrics are not exported in Prometheus format");
    }
  }

  public int actualPort() {
    return server.actualPort();
  }

  /**
   * Vert.x's OpenAPI router refuses response media types it cannot validate (problem+json, yaml,
   * csv), although it never validates responses here. The copy it routes from lists those responses
   * as plain JSON or text; clients get the document as written.
   */
  private static void routableResponses(JsonNode node) {
    if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
      JsonNode responses = object.get("responses");
      if (responses != null) {
        responses.forEach(
            response -> {
              if (response.get("content")
                  instanceof com.fasterxml.jackson.databind.node.ObjectNode content) {
                JsonNode problem = content.remove("application/problem+json");
                if (problem != null) {
                  content.set("application/json", problem);
                }
                JsonNode yaml = content.remove("application/yaml");
                if (yaml != null) {
                  content.set("text/plain", yaml);
                }
                JsonNode csv = content.remove("text/csv");
                if (csv != null) {
                  content.set("text/plain", csv);
                }
              }
            });
      }
      object.forEach(ApiVerticle::routableResponses);
    } else if (node != null && node.isArray()) {
      node.forEach(ApiVerticle::routableResponses);
    }
  }

  private static JsonNode yamlTree(String yaml) {
    try {
      return Json.yaml().readTree(yaml);
    } catch (IOException e) {
      throw new UncheckedIOException("the bundled API description does not parse", e);
    }
  }

  private static String resource(String name) {
    try (InputStream in = ApiVerticle.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
