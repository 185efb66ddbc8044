/** Live per-subject counts by outcome, rates and recent-message tails: the engine's own truth about what it decided. */
package dev.klaxon.stats;
