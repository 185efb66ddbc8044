package dev.klaxon.incidents;

/** Which incident a forwarded event's dedup_key landed in, as last seen. */
public record IncidentRef(String id, int number, String status) {
}
