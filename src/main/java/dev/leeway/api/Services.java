package dev.leeway.api;

import dev.leeway.auth.TokenStore;
import dev.leeway.chat.Advisor;
import dev.leeway.chat.Conversations;
import dev.leeway.chat.Dialogue;
import dev.leeway.chat.Gaps;
import dev.leeway.match.Matcher;
import java.time.Clock;

/** What the HTTP and WebSocket handlers work with: the plain classes behind the API. */
public record Services(
    Matcher matcher,
    Advisor advisor,
    Dialogue dialogue,
    Conversations conversations,
    Gaps gaps,
    Archive archive,
    TokenStore tokens,
    LeewayMetrics metrics,
    Limits limits,
    Clock clock) {}
