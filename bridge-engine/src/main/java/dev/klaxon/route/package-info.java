/** Routing: subject patterns, ordered rules, dedup-key templates and the event bodies they render. */
package dev.klaxon.route;
