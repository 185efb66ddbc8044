package dev.klaxon.guard;

import dev.klaxon.route.RouteRule;

/** What one flood threshold counts over: each subject, each routing key, or everything together. */
enum FloodScope {
    SUBJECT {
        @Override
        String key(String subject, RouteRule rule) {
            return subject;
        }

        @Override
        String describe(String key) {
            return key;
        }
    },
    ROUTING_KEY {
        @Override
        String key(String subject, RouteRule rule) {
            return rule.routingKey() == null ? "(none)" : rule.routingKey().stored();
        }

        @Override
        String describe(String key) {
            return "routing key " + key;
        }
    },
    /** Holds for review only: no coalesced event, since its alerts go to many routing keys. */
    ALL {
        @Override
        String key(String subject, RouteRule rule) {
            return "*";
        }

        @Override
        String describe(String key) {
            return "all subjects together";
        }
    };

    abstract String key(String subject, RouteRule rule);

    /** How reasons and coalesced events name the scope, e.g. {@code routing key env:PD_PROD}. */
    abstract String describe(String key);

    boolean coalesces() {
        return this != ALL;
    }

    /** The stable dedup_key of the coalesced event; per subject it stays {@code klaxon-flood/SUBJECT}. */
    String dedupKey(String key) {
        return CoalescedEventRenderer.DEDUP_PREFIX + (this == SUBJECT ? key : "routing-key/" + key);
    }
}
