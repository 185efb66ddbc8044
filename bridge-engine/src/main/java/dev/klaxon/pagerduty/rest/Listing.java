package dev.klaxon.pagerduty.rest;

import java.util.List;

/**
 * Items gathered across pages.
 *
 * @param truncated true when PagerDuty had more but the client stopped at its page cap; a caller showing the list
 *                  should say so rather than pretend it is complete
 */
public record Listing<T>(List<T> items, boolean truncated) {
    public Listing {
        items = List.copyOf(items);
    }
}
