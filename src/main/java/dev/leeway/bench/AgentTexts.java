package dev.leeway.bench;

import java.util.List;

/** What the load benchmark's simulated agents type. */
final class AgentTexts {

  private AgentTexts() {}

  /** What agents type: the starter pack's domains, and a few that no play covers. */
  static final List<String> TEXTS =
      List.of(
          "Customer says the blender arrived with a cracked jug, order total was $89.99, delivered yesterday",
          "parcel was meant to arrive Monday and tracking hasn't moved in 6 days",
          "tracking says delivered but she never got the parcel, nothing at the door or with the neighbours",
          "he was charged twice for the same monthly subscription this month, 14.99 each time",
          "customer lost her Northwind card on the train this morning and wants it blocked",
          "account locked after too many wrong passwords, he needs to pay a bill today",
          "no internet since last night, the whole street is down and she works from home",
          "ordered a blue jacket size M but received a red one in size L",
          "wants to cancel the order he placed an hour ago, it hasn't shipped yet",
          "the price dropped by 20 dollars three days after she bought the TV",
          "customer is still being charged after cancelling the subscription in March",
          "the cash machine didn't give out the 100 pounds but it was taken from his account",
          "there's a payment of 250 euros on her card from a shop she has never heard of",
          "the technician didn't turn up for the 8-12 appointment, the customer took the day off work",
          "router keeps rebooting and the lights are flashing orange",
          "password reset email never arrives, she already checked the spam folder",
          "customer can't get the two-step verification code since changing his phone number",
          "returned the shoes 3 weeks ago and still no refund, the warehouse received them on the 3rd",
          "one item missing from the order, the charger wasn't in the box",
          "promo code SPRING20 didn't apply at checkout so she paid the full price of 120",
          "free trial ended and she was charged 49 without any reminder",
          "late payment fee of 25 on the card statement but he says he paid on time",
          "the replacement card still hasn't arrived after 10 days",
          "paid 9.95 for express delivery but the parcel came two days late",
          "the kettle stopped working after 4 months of normal use",
          "the TV box is smoking and smells of burning plastic",
          "gift card shows as invalid at the till, the balance should be 50",
          "customer is moving house next month and wants to take the broadband with him",
          "connection drops every evening and the speed is under 2 Mbps",
          "the parcel went back to the sender because nobody was home to sign for it",
          "the courier is asking her to pay 35 in customs charges before they deliver",
          "someone got into his account and changed the email address and phone number",
          "customer got a text claiming to be from Northwind asking for his PIN",
          "she was promised a callback yesterday and nobody ever called",
          "wants to go back to the cheaper plan, the upgrade last week was a mistake",
          "interest was charged even though she paid the balance in full",
          "the card was declined at the supermarket but there is plenty of credit left",
          "a pending hold of 300 from the hotel has still not been released after a week",
          "customer lost his job and can't pay this month's bill, asking for some help",
          "what's the weather going to be like in Leeds tomorrow",
          "do we sell garden furniture in green",
          "can you recommend a good pizza place near the office",
          "he wants to know what our share price is today");

  /** What agents add once a situation is on the table: facts, answers to questions, asks. */
  static final List<String> FOLLOW_UPS =
      List.of(
          "the order total was $64.50",
          "she has been a customer for 4 years",
          "it was delivered 3 days ago",
          "he already contacted us twice about this",
          "yes, she still has the original packaging",
          "the customer is gold tier",
          "the amount was 32 pounds",
          "he paid by card",
          "customer is quite upset and asking for compensation",
          "ok, what can I offer him now?");
}
