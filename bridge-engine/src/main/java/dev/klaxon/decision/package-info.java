/** What became of one message, and why: the outcome, its reason and the rules that matched. */
package dev.klaxon.decision;
