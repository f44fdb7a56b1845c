package dev.leeway.playbook;

/**
 * What a play offers when an action is a firm no: another of its actions, or a wording to use with
 * the customer. Exactly one of the two is set (the schema checks it).
 *
 * @param action the id of another action of the same play, or null
 * @param say what to tell the customer, or null
 */
public record Alternative(String action, String say) {}
