package dev.leeway.chat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leeway.json.Json;
import java.util.Map;

/** Replies and transcripts as the API and the WebSocket send them. */
public final class ReplyJson {

  private ReplyJson() {}

  public static ObjectNode reply(String conversationId, int turn, Reply reply, String answerId) {
    ObjectNode json = Json.json().createObjectNode();
    json.put("conversation_id", conversationId);
    json.put("turn", turn);
    json.put("kind", reply.kind().name().toLowerCase(java.util.Locale.ROOT));
    json.put("message", reply.message());
    reply.followUp().ifPresent(f -> json.set("follow_up", followUp(f)));
    json.put("answer_id", answerId);
    ObjectNode answer = AdviceJson.of(reply.advice());
    answer.put("answer_id", answerId);
    json.set("answer", answer);
    return json;
  }

  public static ObjectNode followUp(FollowUp followUp) {
    ObjectNode json = Json.json().createObjectNode();
    switch (followUp) {
      case FollowUp.AskFact ask ->
          json.put("type", "ask_fact")
              .put("question", ask.question())
              .put("play_id", ask.playId())
              .put("fact", ask.fact());
      case FollowUp.ChoosePlay choose -> {
        json.put("type", "choose_play").put("question", choose.question());
        ArrayNode options = json.putArray("options");
        choose
            .options()
            .forEach(o -> options.addObject().put("play_id", o.playId()).put("title", o.title()));
      }
    }
    return json;
  }

  /** The whole conversation; each turn's answer id is derived from the conversation and turn. */
  public static ObjectNode transcript(Conversation conversation) {
    ObjectNode json = Json.json().createObjectNode();
    json.put("id", conversation.id());
    json.put("role", conversation.role());
    json.put("created", conversation.created().toString());
    json.put("last_active", conversation.lastActive().toString());
    conversation.customerId().ifPresent(c -> json.put("customer_id", c));
    conversation.pending().ifPresent(f -> json.set("pending", followUp(f)));
    ArrayNode facts = json.putArray("facts");
    conversation.facts().all().forEach(f -> facts.add(AdviceJson.fact(f)));
    ArrayNode turns = json.putArray("turns");
    for (Turn turn : conversation.turns()) {
      ObjectNode t = turns.addObject();
      t.put("number", turn.number());
      t.put("at", turn.at().toString());
      t.put("text", turn.text());
      if (!turn.context().isEmpty()) {
        t.set("facts", Json.json().valueToTree(Map.copyOf(turn.context())));
      }
      t.set(
          "reply",
          reply(
              conversation.id(),
              turn.number(),
              turn.reply(),
              answerId(conversation.id(), turn.number())));
    }
    return json;
  }

  /** A turn's answer id: stable, so feedback can name a turn of a transcript. */
  public static String answerId(String conversationId, int turn) {
    return conversationId + "." + turn;
  }
}
