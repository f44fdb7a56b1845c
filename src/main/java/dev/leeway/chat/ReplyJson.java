package dev.leeway.chat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leeway.json.Json;
import java.util.Map;

/** Replies and transcripts as the API and the WebSocket send them. */
public final class ReplyJson {

  private ReplyJson() {}

  /** The reply of one turn, with the case it belongs to. */
  public static ObjectNode reply(String conversationId, Turn turn, String answerId) {
    Reply reply = turn.reply();
    ObjectNode json = Json.json().createObjectNode();
    json.put("conversation_id", conversationId);
    json.put("turn", turn.number());
    json.put("case", turn.caseNumber());
    if (turn.caseStarted()) {
      json.put("case_started", true);
    }
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
      case FollowUp.ConfirmNewCase confirm ->
          json.put("type", "confirm_new_case").put("question", confirm.question());
    }
    return json;
  }

  /**
   * The whole conversation: every case and turn, and the facts of the case in hand only. Each
   * turn's answer id is derived from the conversation and turn.
   */
  public static ObjectNode transcript(Conversation conversation) {
    // One consistent moment: a turn taken while this is written is in all of it or none.
    synchronized (conversation) {
      return transcriptNow(conversation);
    }
  }

  private static ObjectNode transcriptNow(Conversation conversation) {
    ObjectNode json = Json.json().createObjectNode();
    json.put("id", conversation.id());
    json.put("role", conversation.role());
    json.put("created", conversation.created().toString());
    json.put("last_active", conversation.lastActive().toString());
    conversation.customerId().ifPresent(c -> json.put("customer_id", c));
    json.put("case", conversation.caseNumber());
    conversation.pending().ifPresent(f -> json.set("pending", followUp(f)));
    ArrayNode cases = json.putArray("cases");
    for (Case c : conversation.cases()) {
      ObjectNode one = cases.addObject();
      one.put("number", c.number());
      one.put("started", c.started().toString());
      c.playId().ifPresent(p -> one.put("play_id", p));
      c.title().ifPresent(t -> one.put("title", t));
    }
    ArrayNode facts = json.putArray("facts");
    conversation.facts().all().forEach(f -> facts.add(AdviceJson.fact(f)));
    ArrayNode turns = json.putArray("turns");
    for (Turn turn : conversation.turns()) {
      ObjectNode t = turns.addObject();
      t.put("number", turn.number());
      t.put("case", turn.caseNumber());
      t.put("at", turn.at().toString());
      t.put("text", turn.text());
      if (!turn.context().isEmpty()) {
        t.set("facts", Json.json().valueToTree(Map.copyOf(turn.context())));
      }
      t.set("reply", reply(conversation.id(), turn, answerId(conversation.id(), turn.number())));
    }
    return json;
  }

  /** A turn's answer id: stable, so feedback can name a turn of a transcript. */
  public static String answerId(String conversationId, int turn) {
    return conversationId + "." + turn;
  }
}
